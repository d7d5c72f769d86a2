"""Lesson: logging in and out, and what it does to the session key."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import demo_login
from cookielab.conf import conf
from cookielab.views.base import render_lesson

SLUG = "logging-in"


def _page(request: HttpRequest, change: demo_login.KeyChange | None = None, *, error: str = "") -> HttpResponse:
    reason = demo_login.unavailable_reason()
    user = getattr(request, "user", None)
    data_keys = sorted(request.session.keys())  # loads the session first: a forged key is dropped here
    context = {
        "data_keys": data_keys,
        "unavailable": reason,
        "demo_username": demo_login.DEMO_USERNAME,
        "logged_in_as": user.get_username() if user is not None and user.is_authenticated else "",
        "current_key": demo_login.shown_key(request.session.session_key),
        "change": change,
        "before": demo_login.shown_key(change.before) if change else "",
        "after": demo_login.shown_key(change.after) if change else "",
        "demo_error": error,
        "keys_revealed": conf.enabled("REVEAL_SESSION_KEYS"),
    }
    status = 403 if reason and request.method == "POST" else 400 if error else 200
    return render_lesson(request, SLUG, context, status=status)


@never_cache
@require_GET
def logging_in(request: HttpRequest) -> HttpResponse:
    return _page(request)


@never_cache
@require_POST
def demo_log_in(request: HttpRequest) -> HttpResponse:
    if demo_login.unavailable_reason():
        return _page(request)
    try:
        change = demo_login.log_in(request)
    except demo_login.DemoLoginError as refused:
        return _page(request, error=str(refused))
    return _page(request, change)


@never_cache
@require_POST
def demo_log_out(request: HttpRequest) -> HttpResponse:
    if demo_login.unavailable_reason():
        return _page(request)
    return _page(request, demo_login.log_out(request))
