"""The body of POST /api/orders/<id>/pay, and the provider's webhook event."""

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel

from ..validation import invalid


def _required(value: str) -> str:
    if not value.strip():
        raise invalid("is required")
    return value


def _bounded(most: int) -> AfterValidator:
    def check(value: str) -> str:
        if not 1 <= len(value) <= most:
            raise invalid(f"must be 1 to {most} characters")
        return value

    return AfterValidator(check)


class CardPayment(BaseModel):
    """Only the card number is read: the amount is always the order's own total."""

    card_number: Annotated[str, AfterValidator(_required)]


class WebhookEvent(BaseModel):
    id: Annotated[str, _bounded(255)]
    type: Annotated[str, _bounded(100)]
    data: dict[str, Any] = {}
