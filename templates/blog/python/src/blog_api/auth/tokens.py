"""The API's tokens: HS256 JWTs whose subject is a user id."""

import re
from datetime import timedelta

import jwt

from ..clock import Clock, utc_now

ALGORITHM = "HS256"
_SUBJECT = re.compile(r"[1-9][0-9]{0,15}")


class InvalidToken(Exception):
    """The token is malformed, forged, expired, or lacks exp or ver."""


class Tokens:
    """Issues and verifies JWTs signed with HS256 and the server's secret.
    Claims: sub (the user id, as a string), iat, exp (always) and ver, the
    version of the user's credentials when it was issued: a password change
    raises the version and so ends every earlier token. No role: the role is
    read from the database on every request."""

    def __init__(self, secret: str, ttl: timedelta, clock: Clock = utc_now):
        if not secret:
            raise ValueError("tokens need a secret")
        if ttl <= timedelta():
            raise ValueError("the token lifetime must be positive")
        self._secret = secret
        self.ttl = ttl
        self._clock = clock

    def issue(self, user_id: int, version: int) -> str:
        """A new token for user_id whose token version is version."""
        iat = int(self._clock().timestamp())
        exp = iat + round(self.ttl.total_seconds())
        claims = {"sub": str(user_id), "iat": iat, "exp": exp, "ver": version}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def verify(self, token: str) -> tuple[int, int]:
        """The user id and token version of a valid token. The algorithm is
        pinned, so a token whose header says "alg": "none", or any other
        algorithm, is refused instead of trusted; and exp is required, or a
        token without one would be valid forever."""
        try:
            claims = jwt.decode(
                token, self._secret, algorithms=[ALGORITHM], options={"require": ["exp", "sub"]}
            )
        except jwt.InvalidTokenError as err:
            raise InvalidToken(str(err)) from err
        sub, ver = claims["sub"], claims.get("ver")
        if not isinstance(sub, str) or not _SUBJECT.fullmatch(sub):
            raise InvalidToken("the token has no valid subject")
        if not isinstance(ver, int) or isinstance(ver, bool) or ver < 0:
            raise InvalidToken("the token has no valid ver claim")
        return int(sub), ver
