"""Field types several bodies share."""

import re
from typing import Annotated

from pydantic import BeforeValidator

from ..validation import invalid

MAX_QUANTITY = 1000
"""The most of one product a cart line or an order line holds."""

_ID = re.compile(r"[1-9][0-9]{0,15}")


def _product_id(value: object) -> int:
    # Ids arrive as numbers or as the strings a client captured: both are fine.
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise invalid("must be a product id")
    text = str(value)
    if not _ID.fullmatch(text):
        raise invalid("must be a product id")
    return int(text)


def whole(low: int, high: int, what: str = "") -> BeforeValidator:
    """A whole JSON number (never 19.99, "5" or true) from low to high."""
    message = f"must be a whole number{what} from {low} to {high}"

    def check(value: object) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise invalid(message)
        return value

    return BeforeValidator(check)


ProductId = Annotated[int, BeforeValidator(_product_id)]
Quantity = Annotated[int, whole(1, MAX_QUANTITY)]
