"""The bodies of registration, login and role changes."""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel

from ..auth.passwords import MAX_PASSWORD_BYTES, MIN_PASSWORD_CHARS
from ..store.users import Role
from ..validation import invalid

MAX_EMAIL_CHARS = 254
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def _email(value: str) -> str:
    value = value.strip().lower()
    if len(value) > MAX_EMAIL_CHARS or not _EMAIL.fullmatch(value):
        raise invalid("must be a valid email address")
    return value


def _new_password(value: str) -> str:
    if len(value) < MIN_PASSWORD_CHARS:
        raise invalid(f"must be at least {MIN_PASSWORD_CHARS} characters")
    if len(value.encode()) > MAX_PASSWORD_BYTES:
        raise invalid(f"must be at most {MAX_PASSWORD_BYTES} bytes")
    return value


class Registration(BaseModel):
    """A "role" in the body is no field of this model: nobody registers as admin."""

    email: Annotated[str, AfterValidator(_email)]
    password: Annotated[str, AfterValidator(_new_password)]


class Login(BaseModel):
    email: Annotated[str, AfterValidator(lambda e: e.strip().lower())]
    password: str


class RoleChange(BaseModel):
    role: Role
