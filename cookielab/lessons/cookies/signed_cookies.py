"""Lesson: signed-cookies — set_signed_cookie / get_signed_cookie (``value:timestamp:signature``), tampering, expiry."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any

from django import forms
from django.core import signing
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from cookielab.core import cookies
from cookielab.core import progress
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result

COOKIE_NAME = "signed_demo"
SALT = "cookielab.signed-cookies"
MAX_AGE = 5  # seconds, for the "read it with max_age" demo
BACKDATE_SECONDS = 10

lesson = Lesson(
    slug="signed-cookies",
    title="Signed cookies",
    summary="A signature lets the server notice a cookie the client has changed; it does not hide the value.",
    topics=("cookie-parser", "Setting a cookie"),
    learn=(
        "What set_signed_cookie stores: value, timestamp and signature.",
        "How the server notices a cookie that was changed.",
        "Why signing is not encryption.",
    ),
    recap=(
        "A signed cookie is value:timestamp:signature, the signature an HMAC made with SECRET_KEY.",
        "get_signed_cookie raises BadSignature for a changed cookie and SignatureExpired for one older than max_age.",
        "Anyone can still read a signed value: sign to detect tampering, never to hide something.",
    ),
    demo_cookies=(COOKIE_NAME,),
    quiz=Quiz(
        question=(
            "A user edits the value part of a cookie set with set_signed_cookie. What does get_signed_cookie do?"
        ),
        choices=(
            "Returns the edited value: signing only encrypts it.",
            "Raises BadSignature (or returns the default you gave), because the signature no longer matches.",
            "Recomputes the signature and accepts the new value.",
        ),
        answer=1,
        explanation=(
            "The signature is an HMAC of the value (and timestamp) with the SECRET_KEY. Without the key nobody "
            "can make a matching signature for a new value, so Django refuses it. The value itself stays "
            "readable by anyone: signing is not encryption."
        ),
    ),
)


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


def tampered(raw: str) -> str:
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


class SignForm(forms.Form):
    value = forms.CharField(
        label="Value to sign",
        strip=False,
        max_length=200,
        initial="student",
        error_messages={"required": "Type a value to sign.", "max_length": "Keep it to 200 characters or fewer."},
    )
    backdate = forms.BooleanField(required=False)

    def clean_value(self) -> str:
        return cookies.validate_cookie_value(self.cleaned_data["value"])


def _set_demo_cookie(response: HttpResponse, raw: str) -> None:
    # Not HttpOnly on purpose: students may edit it from the console (document.cookie) as well as in DevTools.
    response.set_cookie(COOKIE_NAME, raw, path=lesson.get_absolute_url(), samesite="Lax", max_age=3600)


def _state(request: HttpRequest) -> dict[str, Any]:
    raw = request.COOKIES.get(COOKIE_NAME)
    return {
        "raw": raw,
        "parts": split(raw) if raw else None,
        "reading": read(request),
        "reading_max_age": read(request, max_age=MAX_AGE),
        "max_age": MAX_AGE,
    }


def context(request: HttpRequest) -> dict[str, Any]:
    return {
        "form": SignForm(),
        "cookie_name": COOKIE_NAME,
        "salt": SALT,
        "backdate_seconds": BACKDATE_SECONDS,
        **_state(request),
    }


@lesson_action
def sign(request: HttpRequest) -> HttpResponse:
    form = SignForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"form": form})
    backdated = int(time.time()) - BACKDATE_SECONDS if form.cleaned_data["backdate"] else None
    response = show_result(lesson, "signed-result")
    _set_demo_cookie(response, sign_value(form.cleaned_data["value"], signed_at=backdated))
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def tamper(request: HttpRequest) -> HttpResponse:
    """The attacker's edit, done by the server: the browser gets the cookie back with another value."""
    response = show_result(lesson, "signed-result")
    raw = request.COOKIES.get(COOKIE_NAME)
    if raw:
        _set_demo_cookie(response, tampered(raw))
        progress.mark(request, response, lesson.slug, progress.TAMPERED)
    return response


@require_safe
def verify(request: HttpRequest) -> JsonResponse:
    state = _state(request)
    return JsonResponse(
        {
            "raw": state["raw"],
            "status": state["reading"].status,
            "message": state["reading"].message,
            "status_max_age": state["reading_max_age"].status,
            "message_max_age": state["reading_max_age"].message,
        }
    )


urlpatterns = [
    path("sign/", sign, name="signed-cookies-sign"),
    path("tamper/", tamper, name="signed-cookies-tamper"),
    path("verify/", verify, name="signed-cookies-verify"),
]
