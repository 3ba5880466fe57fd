"""jwt-verify issues HS256 tokens signed with $JWT_SECRET and accepts on
GET /me only those that verify: the pinned algorithm, the signature, exp and
nbf.

It listens on 127.0.0.1 at $PORT and stops cleanly on SIGINT or SIGTERM.
Only the standard library is used.
"""

import base64
import binascii
import hashlib
import hmac
import json
import os
import re
import signal
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MAX_BODY = 1 << 16
KEY = os.environ.get("JWT_SECRET", "").encode()


def b64encode(data):
    """base64url without padding, as JWTs use it."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def sign(signed):
    """The HMAC-SHA256 of signed (a str) with the key."""
    return hmac.new(KEY, signed.encode(), hashlib.sha256).digest()


def issue(sub):
    """Signs a 15-minute HS256 token for sub."""
    now = int(time.time())
    header = b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    claims = b64encode(json.dumps({"sub": sub, "iat": now, "exp": now + 15 * 60}).encode())
    return f"{header}.{claims}.{b64encode(sign(header + '.' + claims))}"


class InvalidToken(Exception):
    """Why a token is refused."""


def verify(token):
    """Checks token and returns its sub, or raises InvalidToken: the header
    pinned to HS256, the signature, exp (required) and nbf."""
    # waymark:begin solution solve
    parts = token.split(".")
    if len(parts) != 3:
        raise InvalidToken("not three parts")
    try:
        if not all(re.fullmatch(r"[A-Za-z0-9_-]*", p) for p in parts):
            raise ValueError("not base64url")
        raw = [base64.urlsafe_b64decode(p + "=" * (-len(p) % 4)) for p in parts]
        header = json.loads(raw[0])
        claims = json.loads(raw[1])
    except (ValueError, binascii.Error) as err:
        raise InvalidToken("not a JWT") from err
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise InvalidToken("the algorithm must be HS256")
    if not hmac.compare_digest(raw[2], sign(parts[0] + "." + parts[1])):
        raise InvalidToken("bad signature")
    if not isinstance(claims, dict):
        raise InvalidToken("the claims are not a JSON object")
    now = time.time()

    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)

    if not number(claims.get("exp")) or now >= claims["exp"]:
        raise InvalidToken("expired, or no exp")
    if "nbf" in claims and (not number(claims["nbf"]) or now < claims["nbf"]):
        raise InvalidToken("not valid yet")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub:
        raise InvalidToken("no sub")
    return sub
    # waymark:end


class Handler(BaseHTTPRequestHandler):
    """POST /token and GET /me."""

    def send_json(self, status, value, headers=None):
        body = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, val in (headers or {}).items():
            self.send_header(name, val)
        self.end_headers()
        self.wfile.write(body)

    def not_implemented(self):
        """Answers 501 naming the exercise's milestone, which `waymark check`
        reads as "this is still to do"."""
        self.send_json(501, {"error": "not implemented", "milestone": "solve"})

    def do_POST(self):
        if self.path != "/token":
            return self.send_json(404, {"error": "not found"})
        length = int(self.headers.get("Content-Length") or 0)
        try:
            data = json.loads(self.rfile.read(min(length, MAX_BODY)) or b"null")
        except ValueError:
            data = None
        if not (isinstance(data, dict) and isinstance(data.get("sub"), str) and data["sub"]):
            return self.send_json(400, {"error": 'send {"sub": "<user>"}'})
        return self.send_json(200, {"access_token": issue(data["sub"])})

    def do_GET(self):
        path = self.path.split("?", 1)[0]
        if path == "/healthz":
            return self.send_json(200, {"status": "ok"})
        if path != "/me":
            return self.send_json(404, {"error": "not found"})
        # waymark:begin solution solve
        scheme, _, token = self.headers.get("Authorization", "").partition(" ")
        if not token or scheme.lower() != "bearer":
            return self.send_json(401, {"error": "send Authorization: Bearer <token>"}, {"WWW-Authenticate": "Bearer"})
        try:
            sub = verify(token.strip())
        except InvalidToken as err:
            return self.send_json(
                401, {"error": f"invalid token: {err}"}, {"WWW-Authenticate": 'Bearer error="invalid_token"'}
            )
        return self.send_json(200, {"sub": sub})
        # waymark:stub
        # return self.not_implemented()
        # waymark:end


def main():
    if len(KEY) < 16:
        sys.exit("jwt-verify: set JWT_SECRET to a key of at least 16 characters")
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
