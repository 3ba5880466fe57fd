"""Access tokens: short-lived JWTs signed with HS256 and JWT_SECRET."""

import re
from datetime import timedelta

import jwt

from ..clock import Clock, utc_now

ALGORITHM = "HS256"
_SUBJECT = re.compile(r"[1-9][0-9]{0,15}")


class InvalidToken(Exception):
    """The token is malformed, forged, expired, has no expiry or names nobody."""


class AccessTokens:
    """Issues and verifies JWTs with the claims sub (the user id, as a string),
    iat and exp. A token names its user and nothing more: the role is read
    from the database on every request, so a token issued before a demotion
    carries no rights the user has lost."""

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
        trusted; and exp is required, or a token without one would be valid
        forever."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],
                options={"require": ["exp", "sub"]},
            )
        except jwt.InvalidTokenError as err:
            raise InvalidToken(str(err)) from err
        sub = claims["sub"]
        if not isinstance(sub, str) or not _SUBJECT.fullmatch(sub):
            raise InvalidToken("access token has no valid subject")
        return int(sub)
