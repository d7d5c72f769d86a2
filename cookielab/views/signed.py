"""Lesson: Signed cookies — set_signed_cookie / get_signed_cookie, tampering and expiry."""

from __future__ import annotations

import time

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import signed
from cookielab.core import cookies
from cookielab.core.paths import app_root_path
from cookielab.views.base import render_lesson

SLUG = "signed-cookies"


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


def _set(response: HttpResponse, raw: str) -> None:
    # Not HttpOnly on purpose: the tamper button edits it from JavaScript, as an attacker with DevTools would.
    response.set_cookie(signed.COOKIE_NAME, raw, path=app_root_path(), samesite="Lax", max_age=3600)


def _state(request: HttpRequest) -> dict:
    raw = request.COOKIES.get(signed.COOKIE_NAME)
    return {
        "raw": raw,
        "parts": signed.split(raw) if raw else None,
        "reading": signed.read(request),
        "reading_max_age": signed.read(request, max_age=signed.MAX_AGE),
        "max_age": signed.MAX_AGE,
    }


def _page(request: HttpRequest, form: SignForm, *, status: int = 200) -> HttpResponse:
    context = {
        "form": form,
        "cookie_name": signed.COOKIE_NAME,
        "cookie_path": app_root_path(),
        "backdate_seconds": signed.BACKDATE_SECONDS,
        **_state(request),
    }
    return render_lesson(request, SLUG, context, status=status)


@require_GET
def signed_cookies(request: HttpRequest) -> HttpResponse:
    return _page(request, SignForm())


@require_POST
def sign(request: HttpRequest) -> HttpResponse:
    form = SignForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    backdated = int(time.time()) - signed.BACKDATE_SECONDS if form.cleaned_data["backdate"] else None
    response = redirect(reverse("cookielab:signed-cookies") + "#signed-result")
    _set(response, signed.sign_value(form.cleaned_data["value"], signed_at=backdated))
    return response


@require_POST
def tamper(request: HttpRequest) -> HttpResponse:
    """The attacker's edit done by the server, for browsers without JavaScript."""
    response = redirect(reverse("cookielab:signed-cookies") + "#signed-result")
    raw = request.COOKIES.get(signed.COOKIE_NAME)
    if raw:
        _set(response, signed.tamper(raw))
    return response


@require_GET
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
