"""session-cookie logs users in with a random session id kept in an
HttpOnly, Secure, SameSite cookie, and forgets it at logout.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import json
import os
import secrets
import signal
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16


class Sessions:
    """The server's table from session id to user, behind a lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.users = {}


SESSIONS = Sessions()


def session_id(cookie_header):
    """The value of the session cookie in a Cookie header, "" without one."""
    # waymark:begin solution solve
    for part in (cookie_header or "").split(";"):
        name, eq, value = part.partition("=")
        if eq and name.strip() == "session":
            return value.strip()
    return ""
    # waymark:end


def session_cookie(value, max_age):
    """The Set-Cookie value holding value for max_age seconds."""
    # waymark:begin solution solve
    return f"session={value}; Path=/; Max-Age={max_age}; HttpOnly; Secure; SameSite=Lax"
    # waymark:end


class Handler(BaseHTTPRequestHandler):
    """POST /login, GET /me and POST /logout."""

    def send_json(self, status, value):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def send_no_content(self, cookie):
        self.send_response(204)
        self.send_header("Set-Cookie", cookie)
        self.end_headers()

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if path != "/me":
            return self.send_json(404, {"error": "not found"})
        # waymark:begin solution solve
        with SESSIONS.lock:
            user = SESSIONS.users.get(session_id(self.headers.get("Cookie")))
        if not user:
            return self.send_json(401, {"error": "log in first"})
        return self.send_json(200, {"user": user})
        # waymark:stub
        # return self.not_implemented()
        # waymark:end

    def do_POST(self):
        path = self.path.split("?", 1)[0]
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(min(length, MAX_BODY))
        if path == "/login":
            try:
                data = json.loads(raw)
            except ValueError:
                data = None
            user = data.get("user") if isinstance(data, dict) else None
            if not isinstance(user, str) or not user:
                return self.send_json(400, {"error": 'send {"user": "<name>"}'})
            return self.login(user)
        if path == "/logout":
            return self.logout()
        return self.send_json(404, {"error": "not found"})

    def login(self, user):
        """A new session for the user, in a cookie."""
        # waymark:begin solution solve
        sid = secrets.token_hex(16)
        with SESSIONS.lock:
            SESSIONS.users[sid] = user
        self.send_no_content(session_cookie(sid, 3600))
        # waymark:stub
        # self.not_implemented()
        # waymark:end

    def logout(self):
        """The session forgotten on the server, and the browser told to drop
        its cookie."""
        # waymark:begin solution solve
        with SESSIONS.lock:
            SESSIONS.users.pop(session_id(self.headers.get("Cookie")), None)
        self.send_no_content(session_cookie("", 0))
        # waymark:stub
        # self.not_implemented()
        # waymark:end


def main():
    port = int(os.environ.get("PORT") or 8080)
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    print(f"listening on http://127.0.0.1:{port}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
