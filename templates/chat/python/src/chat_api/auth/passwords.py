"""Password hashing with bcrypt: slow on purpose, and salted, so a leaked
database does not give the passwords away."""

import threading

import bcrypt

MIN_PASSWORD_CHARS = 8
MAX_PASSWORD_BYTES = 72
"""bcrypt reads at most 72 bytes (and this bcrypt refuses more)."""


class Passwords:
    def __init__(self, cost: int = 10):
        self.cost = cost
        self._dummy: bytes | None = None
        self._lock = threading.Lock()

    def hash(self, password: str) -> str:
        """The bcrypt hash of password (at most MAX_PASSWORD_BYTES bytes: validate first)."""
        return bcrypt.hashpw(password.encode(), bcrypt.gensalt(self.cost)).decode()

    def verify(self, hashed: str | None, password: str) -> bool:
        """Whether password matches hashed. Without a hash (an unknown email), or
        with a password bcrypt cannot read, it still spends the time of a real
        check, so that answer times do not tell which emails have accounts."""
        secret = password.encode()
        if hashed is None or len(secret) > MAX_PASSWORD_BYTES:
            bcrypt.checkpw(b"not a real password", self._dummy_hash())
            return False
        return bcrypt.checkpw(secret, hashed.encode())

    def _dummy_hash(self) -> bytes:
        with self._lock:
            if self._dummy is None:
                self._dummy = bcrypt.hashpw(b"not a real password", bcrypt.gensalt(self.cost))
            return self._dummy
