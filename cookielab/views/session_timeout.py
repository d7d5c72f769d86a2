"""Lesson: session timeout — a short lifetime with a live countdown, an absolute limit, clean-up and Redis TTLs."""

from __future__ import annotations

import re
import secrets
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from cookielab import timeouts
from cookielab.conf import conf
from cookielab.inspector import describe_session
from cookielab.inspector import load_session
from cookielab.redis_cache import is_redis
from cookielab.redis_cache import redis_ttl
from cookielab.session_forms import LifetimeForm
from cookielab.storage_introspection import ENABLE_REDIS_HINT
from cookielab.storage_introspection import STORE_ERRORS
from cookielab.storage_introspection import session_cache
from cookielab.views.base import render_lesson

LIFETIME_KEY = "timeout_demo_seconds"
REDIS_DEMO_TTL = 30
_REDIS_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")


def _redis_demo_key(token: str) -> str:
    return f"cookielab:ttl-demo:{token}"


def _page_url(fragment: str, **query: str) -> str:
    url = reverse("cookielab:session-timeout")
    if query:
        url += "?" + "&".join(f"{name}={value}" for name, value in query.items())
    return f"{url}#{fragment}"


def _redis_demo(request: HttpRequest) -> dict[str, Any]:
    cache = session_cache()
    if not is_redis(cache):
        return {"available": False, "hint": ENABLE_REDIS_HINT}
    demo: dict[str, Any] = {"available": True, "seconds": REDIS_DEMO_TTL}
    token = request.GET.get("redis_key", "")
    if _REDIS_TOKEN.fullmatch(token):
        try:
            demo["key"], demo["ttl"], _ = redis_ttl(cache, _redis_demo_key(token))
        except STORE_ERRORS as error:
            demo["error"] = f"Redis did not answer ({type(error).__name__})."
    return demo


def _cleanup(store_error: str) -> dict[str, Any]:
    cleanup: dict[str, Any] = {
        "enabled": conf.enabled("SESSION_CLEANUP_DEMO"),
        "supported": timeouts.cleanup_supported(),
    }
    if cleanup["supported"] and not store_error:
        try:
            cleanup["expired"] = timeouts.expired_session_count()
        except STORE_ERRORS:
            cleanup["supported"] = False
    return cleanup


def _handle_post(request: HttpRequest) -> tuple[HttpResponse | None, dict[str, Any]]:
    """Run the posted action; a response when it redirects, else extra context for the page."""
    action = request.POST.get("action")
    if action == "lifetime":
        form = LifetimeForm(request.POST)
        if not form.is_valid():
            return None, {"form": form}
        seconds = form.cleaned_data["seconds"]
        request.session[LIFETIME_KEY] = seconds
        request.session.set_expiry(seconds)
        timeouts.enforce_absolute_timeout(request.session)
        return redirect(_page_url("countdown")), {}
    if action == "cleanup":
        if not conf.enabled("SESSION_CLEANUP_DEMO") or not timeouts.cleanup_supported():
            return None, {"action_error": "The clean-up demo is off on this site."}
        return None, {"removed": timeouts.clear_expired_sessions()}
    if action == "redis-key":
        cache = session_cache()
        if not is_redis(cache):
            return None, {"action_error": ENABLE_REDIS_HINT}
        token = secrets.token_urlsafe(16)
        try:
            cache.set(_redis_demo_key(token), "expires by itself", REDIS_DEMO_TTL)
        except STORE_ERRORS as error:
            return None, {"action_error": f"Redis did not answer ({type(error).__name__})."}
        return redirect(_page_url("redis-ttl", redis_key=token)), {}
    return None, {"action_error": "Unknown action: use one of the buttons on this page."}


@require_http_methods(["GET", "POST"])
def session_timeout(request: HttpRequest) -> HttpResponse:
    store_error = load_session(request)
    flushed = False if store_error else timeouts.enforce_absolute_timeout(request.session)
    extra: dict[str, Any] = {}
    if request.method == "POST" and not store_error:
        response, extra = _handle_post(request)
        if response is not None:
            return response
    inspector = describe_session(request)
    now = timezone.now()
    expires_at = inspector.expiry_date
    context = {
        "form": LifetimeForm(initial={"seconds": 30}),
        "inspector": inspector,
        "flushed": flushed,
        "absolute_limit_hours": round(timeouts.absolute_limit().total_seconds() / 3600, 2),
        "started_at": timeouts.session_started_at(request.session),
        "chosen_seconds": request.session.get(LIFETIME_KEY),
        "expires_at": expires_at,
        "seconds_left": max(0, int((expires_at - now).total_seconds())) if expires_at else None,
        "cleanup": _cleanup(store_error),
        "expired_count_limit": timeouts.EXPIRED_COUNT_LIMIT,
        "redis_demo": _redis_demo(request),
        **extra,
    }
    status = 400 if "form" in extra or "action_error" in extra else 200
    return render_lesson(request, "session-timeout", context, status=status)
