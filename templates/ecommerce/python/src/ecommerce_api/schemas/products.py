"""The body of POST /api/products and PUT /api/products/<id>: PUT replaces,
so both take the whole product."""

from typing import Annotated
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel

from ..validation import invalid
from .common import whole

MAX_NAME_CHARS = 200
MAX_DESCRIPTION_CHARS = 5000
MAX_PRICE = 100_000_000
MAX_STOCK = 1_000_000
MAX_IMAGES = 10
MAX_URL_CHARS = 2048


def _name(value: str) -> str:
    value = value.strip()
    if not value or len(value) > MAX_NAME_CHARS:
        raise invalid(f"is required, at most {MAX_NAME_CHARS} characters")
    return value


def _description(value: str) -> str:
    value = value.strip()
    if len(value) > MAX_DESCRIPTION_CHARS:
        raise invalid(f"must be at most {MAX_DESCRIPTION_CHARS} characters")
    return value


def _currency(value: str) -> str:
    return value.strip().upper()


def _images(value: list[str]) -> list[str]:
    if len(value) > MAX_IMAGES:
        raise invalid(f"at most {MAX_IMAGES} image URLs")
    for url in value:
        parts = urlsplit(url) if len(url) <= MAX_URL_CHARS else None
        if parts is None or parts.scheme not in ("http", "https") or not parts.netloc:
            raise invalid("must be http(s) URLs")
    return value


class ProductBody(BaseModel):
    name: Annotated[str, AfterValidator(_name)]
    description: Annotated[str, AfterValidator(_description)] = ""
    price: Annotated[int, whole(0, MAX_PRICE, " of minor units (1999 is 19.99)")]
    currency: Annotated[str, AfterValidator(_currency)] | None = None
    stock: Annotated[int, whole(0, MAX_STOCK)]
    category: str | None = None  # a category slug
    images: Annotated[list[str], AfterValidator(_images)] = []
