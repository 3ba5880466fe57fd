"""Access tokens (short-lived JWTs) and refresh tokens (opaque, stored hashed)."""

import hashlib
import re
import secrets
from datetime import timedelta

import jwt

from ..clock import Clock, utc_now

ALGORITHM = "HS256"
_SUBJECT = re.compile(r"[1-9][0-9]{0,15}")


class InvalidToken(Exception):
    """The access token is missing, malformed, forged, expired or has no expiry."""


class AccessTokens:
    """Issues and verifies JWTs signed with HS256 and the server's secret, with
    the claims sub (the user id, as a string), iat and exp."""

    def __init__(self, secret: str, ttl: timedelta, clock: Clock = utc_now):
        if not secret:
            raise ValueError("access tokens need a secret")
        self._secret = secret
        self.ttl = ttl
        self._clock = clock

    def issue(self, user_id: int) -> tuple[str, int]:
        """A new access token for user_id, and its lifetime in seconds."""
        iat = int(self._clock().timestamp())
        exp = iat + round(self.ttl.total_seconds())
        token = jwt.encode(
            {"sub": str(user_id), "iat": iat, "exp": exp}, self._secret, algorithm=ALGORITHM
        )
        return token, exp - iat

    def verify(self, token: str) -> int:
        """The user id of a valid token. The algorithm is pinned, so a token whose
        header says "alg": "none", or any other algorithm, is refused instead of
        trusted; and exp is required, or a token without one would be valid forever."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as err:
            raise InvalidToken(str(err)) from err
        sub = claims["sub"]
        if not isinstance(sub, str) or not _SUBJECT.fullmatch(sub):
            raise InvalidToken("access token has no valid subject")
        return int(sub)


def new_refresh_token() -> tuple[str, str]:
    """A new opaque refresh token for the client, and the hash the server keeps
    in its place. 32 random bytes cannot be guessed, so a fast hash is enough
    here (unlike passwords, which people choose)."""
    token = secrets.token_urlsafe(32)
    return token, hash_refresh_token(token)


def hash_refresh_token(token: str) -> str:
    """The stored form of a refresh token: hex SHA-256."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_token_family() -> str:
    """A random id for the refresh tokens one login starts."""
    return secrets.token_hex(16)
