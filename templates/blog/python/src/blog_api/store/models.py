"""The records the store reads and writes, and how clients see them."""

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal, get_args

from ..clock import from_db

Role = Literal["reader", "author", "editor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
"""The roles, from least to most powerful: readers read and comment, authors
(every new user) also publish, editors change anyone's content, admins also
change roles and use the dashboard."""

USERNAME = re.compile(r"[A-Za-z0-9_-]{1,40}")
USERNAME_RULE = "must be 1 to 40 letters, digits, _ or -"


def iso(value: datetime | str) -> str:
    """A time as clients see it: ISO 8601 in UTC with milliseconds,
    2024-05-01T12:30:00.000Z (the RealWorld specification's format)."""
    t = from_db(value).astimezone(UTC)
    return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"


@dataclass(frozen=True)
class User:
    """An account. password_hash never leaves the server."""

    id: int
    username: str
    email: str
    password_hash: str = field(repr=False)
    bio: str
    image: str
    role: Role
    token_version: int  # raised by a password change, which ends every earlier token
    created_at: datetime

    def to_json(self, token: str) -> dict[str, object]:
        """The RealWorld User, with this project's role."""
        return {
            "email": self.email,
            "token": token,
            "username": self.username,
            "bio": self.bio,
            "image": self.image,
            "role": self.role,
        }


@dataclass(frozen=True)
class Profile:
    """A user as someone else (the viewer) sees them."""

    username: str
    bio: str
    image: str
    following: bool = False

    def to_json(self) -> dict[str, object]:
        return {
            "username": self.username,
            "bio": self.bio,
            "image": self.image,
            "following": self.following,
        }


@dataclass(frozen=True)
class Article:
    """A post, with what its viewer needs to show it."""

    id: int
    slug: str
    title: str
    description: str
    body: str
    tags: list[str]
    published: bool
    author_id: int
    author: Profile
    favorited: bool
    favorites_count: int
    created_at: datetime
    updated_at: datetime

    def to_json(self, *, with_body: bool = True) -> dict[str, object]:
        """The RealWorld Article. Lists leave the body out, as the
        specification's list item does."""
        out: dict[str, object] = {
            "slug": self.slug,
            "title": self.title,
            "description": self.description,
        }
        if with_body:
            out["body"] = self.body
        out |= {
            "tagList": self.tags,
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at),
            "favorited": self.favorited,
            "favoritesCount": self.favorites_count,
            "author": self.author.to_json(),
        }
        return out


@dataclass(frozen=True)
class Comment:
    id: int
    article_id: int
    author_id: int
    author: Profile
    body: str
    created_at: datetime
    updated_at: datetime

    def to_json(self) -> dict[str, object]:
        """The RealWorld Comment: the id is a number."""
        return {
            "id": self.id,
            "createdAt": iso(self.created_at),
            "updatedAt": iso(self.updated_at),
            "body": self.body,
            "author": self.author.to_json(),
        }


@dataclass(frozen=True)
class ArticleFilter:
    """Which articles a list wants. Empty fields do not filter."""

    tag: str | None = None
    author: str | None = None  # written by this username
    favorited: str | None = None  # favorited by this username
    feed_of: int | None = None  # written by someone this user id follows
    limit: int = 20
    offset: int = 0
    hidden: bool = False  # include unpublished articles (the dashboard)
