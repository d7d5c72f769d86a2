"""Signed cookies: Django's ``value:timestamp:signature`` next to cookie-parser's ``s:value.signature``."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone

from django.core import signing
from django.http import HttpRequest

COOKIE_NAME = "signed_demo"
SALT = "cookielab.signed-cookies"
MAX_AGE = 5  # seconds, for the "read it with max_age" demo
BACKDATE_SECONDS = 10


def _cookie_signer_salt() -> str:
    """The salt ``set_signed_cookie`` signs COOKIE_NAME with: Django 6.1 prefixes a version and the salt's length."""
    versioned = getattr(signing, "_cookie_signer_salt", None)  # Django's own helper, where it has one
    return versioned(COOKIE_NAME, SALT) if versioned is not None else COOKIE_NAME + SALT


def sign_value(value: str, *, signed_at: int | None = None) -> str:
    """What ``set_signed_cookie(COOKIE_NAME, value, salt=SALT)`` stores, optionally as if signed at ``signed_at``.

    Backdating the timestamp is how the demo shows ``SignatureExpired`` without making anyone wait.
    """
    signer = signing.get_cookie_signer(salt=_cookie_signer_salt())
    stamp = signing.b62_encode(int(time.time()) if signed_at is None else signed_at)
    # TimestampSigner.sign() appends the current time; sign the value with our own timestamp instead.
    return super(signing.TimestampSigner, signer).sign(f"{value}{signer.sep}{stamp}")


def tamper(raw: str) -> str:
    """The attacker's edit: a different value in front of the old timestamp and signature."""
    value, sep, rest = raw.partition(":")
    return f"{'root' if value == 'admin' else 'admin'}{sep}{rest}"


@dataclass(frozen=True)
class Reading:
    status: str  # "missing", "valid", "invalid", "expired"
    value: str | None
    message: str


def read(request: HttpRequest, max_age: int | None = None) -> Reading:
    if COOKIE_NAME not in request.COOKIES:
        return Reading("missing", None, "No signed cookie yet: sign one first.")
    try:
        value = request.get_signed_cookie(COOKIE_NAME, salt=SALT, max_age=max_age)
    except signing.SignatureExpired:
        return Reading(
            "expired",
            None,
            f"The signature has expired (SignatureExpired): it was made more than {max_age} seconds ago. "
            "The signature itself is fine; it is just too old.",
        )
    except signing.BadSignature:
        return Reading(
            "invalid", None, "The signature is invalid (BadSignature): someone changed this cookie. It is refused."
        )
    return Reading("valid", value, "The signature is valid: the server signed exactly this value.")


@dataclass(frozen=True)
class Parts:
    value: str
    timestamp: str
    signed_at: datetime | None
    signature: str


def split(raw: str) -> Parts | None:
    """The three parts Django stores, for display; None if the cookie does not have that shape."""
    value, sep, rest = raw.rpartition(":")
    if not sep:
        return None
    value, sep, stamp = value.rpartition(":")
    if not sep:
        return None
    try:
        signed_at = datetime.fromtimestamp(signing.b62_decode(stamp), dt_timezone.utc)
    except (ValueError, OverflowError, OSError):
        signed_at = None
    return Parts(value, stamp, signed_at, rest)
