"""Webhook signatures: the provider sends X-Signature: sha256=<lower-case hex
HMAC-SHA256 of the raw body, keyed with WEBHOOK_SECRET>."""

import hashlib
import hmac
import re

SIGNATURE_HEADER = "X-Signature"
_HEADER = re.compile(r"sha256=([0-9a-f]{64})")


def sign(secret: str, body: bytes) -> str:
    """The SIGNATURE_HEADER value for body under secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Whether header signs exactly the bytes of body under secret. The HMAC is
    over the raw bytes as they arrived, never over JSON parsed and written
    again, which would not be the same bytes. hmac.compare_digest takes as
    long wherever the first wrong character is, so timing tells an attacker
    nothing about how much of a guess was right."""
    m = _HEADER.fullmatch((header or "").strip())
    if not m or not secret:
        return False
    return hmac.compare_digest(m.group(1), sign(secret, body).removeprefix("sha256="))
