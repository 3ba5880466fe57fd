"""The mock card provider: it decides by card number alone, so no real card
ever reaches this code."""

import re
import secrets

CARD_SUCCESS = "4242424242424242"
CARD_DECLINED = "4000000000000002"
CARD_INSUFFICIENT_FUNDS = "4000000000009995"


class Declined(Exception):
    """The "bank" refused the charge (402)."""


class UnknownCard(Exception):
    """Not one of the test cards (422)."""


def charge(card_number: str, amount: int) -> str:
    """Charges amount minor units to a test card and returns the provider's
    reference for the charge; raises Declined or UnknownCard. Spaces and dashes
    in the number are ignored."""
    card = re.sub(r"[\s-]", "", card_number)
    if card == CARD_SUCCESS:
        return f"ch_{secrets.token_hex(8)}"
    if card == CARD_DECLINED:
        raise Declined("card declined")
    if card == CARD_INSUFFICIENT_FUNDS:
        raise Declined("insufficient funds")
    raise UnknownCard(f"unknown card number: use a test card such as {CARD_SUCCESS}")
