"""The gunicorn worker: gunicorn's gthread worker, which serves each request,
and each WebSocket for its whole life, on a thread of its pool. On SIGTERM it
also tells the app's WebSockets that the server is going away (1001), so that
a stopping server does not spend its graceful timeout waiting for clients
that would never leave by themselves."""

from types import FrameType

from flask import Flask
from gunicorn.workers.gthread import ThreadWorker

from .realtime import close_sockets


class Worker(ThreadWorker):
    def handle_exit(self, sig: int, frame: FrameType | None) -> None:
        if isinstance(self.wsgi, Flask):
            close_sockets(self.wsgi)
        super().handle_exit(sig, frame)
