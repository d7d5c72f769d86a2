"""Lesson: session-timeout — a short lifetime with a live countdown, an absolute limit, clean-up and Redis TTLs."""

from __future__ import annotations

import functools
import re
import secrets
from typing import Any

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone

from cookielab.conf import conf
from cookielab.core import progress
from cookielab.core.inspector import describe_session
from cookielab.core.inspector import load_session
from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import redis_ttl
from cookielab.core.session_stores import ENABLE_REDIS_HINT
from cookielab.core.session_stores import session_cache
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import View
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.lessons.sessions.session_timeout import timeouts
from cookielab.sessions.maintenance import session_model
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

LIFETIME_KEY = "timeout_demo_seconds"

lesson = Lesson(
    slug="session-timeout",
    title="Session timeout",
    summary="Short lifetimes, idle versus absolute timeouts, and who cleans up the sessions nobody ended.",
    topics=("Session timeout",),
    learn=(
        "The three places a session ends: in the browser, by an idle timeout, by an absolute timeout.",
        "Why Django's expiry counts from the last save.",
        "Who deletes expired sessions from the store.",
    ),
    recap=(
        "set_expiry(0) makes the cookie last until the browser closes; set_expiry(n) ends the session n seconds "
        "after its last save.",
        "An absolute timeout caps a session's whole life however busy it is; Django has none, so the application "
        "adds it.",
        "Expired rows stay in django_session until clearsessions runs; a Redis key with a TTL vanishes by itself.",
    ),
    session_keys=(LIFETIME_KEY,),
    reset_note="gives the session the site's usual lifetime back",
    quiz=(
        Quiz(
            question="Expired sessions keep piling up in django_session. Why?",
            choices=(
                "Django deletes them only when the same browser comes back.",
                "Nothing deletes them until someone runs clearsessions (or its equivalent) on a schedule.",
                "The database deletes rows whose expire_date has passed.",
            ),
            answer=1,
            explanation=(
                "An expired row is ignored, but Django never removes it by itself: run manage.py clearsessions "
                "from cron or a scheduler. Redis is different: a session key with a TTL disappears on its own."
            ),
        ),
        Quiz(
            question=(
                "You call request.session.set_expiry(30) and afterwards only read pages. When does the session end?"
            ),
            choices=(
                "30 seconds after it was last saved, even while you keep reading.",
                "30 seconds after your last request.",
                "When the browser closes.",
            ),
            answer=0,
            explanation=(
                "Django's expiry counts from the last save, and a request that only reads saves nothing. A write, or "
                "SESSION_SAVE_EVERY_REQUEST, pushes it forward."
            ),
        ),
        Quiz(
            question="What does request.session.set_expiry(0) do?",
            choices=(
                "Ends the session at once.",
                "Makes the session cookie a browser-session cookie, gone when the browser closes.",
                "Removes every time limit from the session.",
            ),
            answer=1,
            explanation=(
                "0 means no Max-Age or Expires on the cookie, so the browser drops it when it closes. The stored "
                "session "
                "still expires SESSION_COOKIE_AGE after its last save."
            ),
        ),
    ),
)


LIFETIME_MAX_SECONDS = 86_400
REDIS_DEMO_TTL = 30
_REDIS_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,32}")
_REMOVED_ROWS = re.compile(r"[0-9]{1,12}")
CLEANUP_OFF = "The clean-up demo is off on this site."


class LifetimeForm(forms.Form):
    seconds = forms.IntegerField(
        label="Session lifetime in seconds",
        min_value=0,
        max_value=LIFETIME_MAX_SECONDS,
        help_text="0 means: until the browser closes.",
        error_messages={
            "required": "Give a number of seconds (0 = until the browser closes).",
            "invalid": "Whole seconds only, for example 30.",
            "min_value": "A lifetime cannot be negative; use 0 for “until the browser closes”.",
            "max_value": f"At most {LIFETIME_MAX_SECONDS} seconds (one day) for this demo.",
        },
    )


def _redis_demo_key(token: str) -> str:
    return f"cookielab:ttl-demo:{token}"


def _redis_demo(request: HttpRequest) -> dict[str, Any]:
    cache = session_cache()
    if not is_redis(cache):
        return {"available": False, "hint": ENABLE_REDIS_HINT}
    demo: dict[str, Any] = {"available": True, "seconds": REDIS_DEMO_TTL}
    token = request.GET.get("redis_key", "")
    if _REDIS_TOKEN.fullmatch(token):
        try:
            demo["key"], demo["ttl"], _ = redis_ttl(cache, _redis_demo_key(token))
        except STORE_OUTAGE_ERRORS as error:
            demo["error"] = f"Redis did not answer ({type(error).__name__})."
    return demo


def _cleanup(request: HttpRequest, store_error: str) -> dict[str, Any]:
    removed = request.GET.get("removed", "")  # carried back after the clean-up's POST
    cleanup: dict[str, Any] = {
        "enabled": conf.enabled("SESSION_CLEANUP_DEMO"),
        "supported": timeouts.cleanup_supported(),
        "keys_expire": timeouts.keys_expire_by_themselves(),
        "removed": int(removed) if _REMOVED_ROWS.fullmatch(removed) else None,
        "unavailable": bool(store_error),
    }
    if cleanup["supported"] and not store_error:
        try:
            cleanup["table"] = session_model()._meta.db_table
            cleanup["expired"] = timeouts.expired_session_count()
        except STORE_OUTAGE_ERRORS:
            cleanup["unavailable"] = True
    return cleanup


def _check_session(request: HttpRequest) -> tuple[str, bool]:
    """Load the session and end it past the absolute limit, as every request of this lesson does.

    Returns the store's error ("" when it answered) and whether the session was ended.
    """
    store_error = load_session(request)
    flushed = False if store_error else timeouts.enforce_absolute_timeout(request.session)
    return store_error, flushed


def _on_a_checked_session(action: View) -> View:
    """Run ``action`` after ``_check_session``; while the store is down, show the page (its inspector says why)."""

    @functools.wraps(action)
    def checked(request: HttpRequest) -> HttpResponse:
        store_error, _ = _check_session(request)
        if store_error:
            return render_lesson(request, lesson)
        return action(request)

    return checked


def context(request: HttpRequest) -> dict[str, Any]:
    store_error, flushed = _check_session(request)
    inspector = describe_session(request)
    expires_at = inspector.expiry_date
    return {
        "form": LifetimeForm(initial={"seconds": 30}),
        "inspector": inspector,
        "flushed": flushed,
        "absolute_limit_hours": round(timeouts.absolute_limit().total_seconds() / 3600, 2),
        "started_at": timeouts.session_started_at(request.session),
        "chosen_seconds": request.session.get(LIFETIME_KEY),
        "expires_at": expires_at,
        "seconds_left": max(0, int((expires_at - timezone.now()).total_seconds())) if expires_at else None,
        "cleanup": _cleanup(request, store_error),
        "expired_count_limit": timeouts.EXPIRED_COUNT_LIMIT,
        "redis_demo": _redis_demo(request),
    }


@lesson_action
@_on_a_checked_session
def set_lifetime(request: HttpRequest) -> HttpResponse:
    form = LifetimeForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"form": form})
    seconds = form.cleaned_data["seconds"]
    request.session[LIFETIME_KEY] = seconds
    request.session.set_expiry(seconds)
    timeouts.enforce_absolute_timeout(request.session)
    response = show_result(lesson, "countdown-box")
    progress.mark(request, response, lesson.slug, progress.SESSION_WRITE)
    return response


@lesson_action
@_on_a_checked_session
def clear_expired(request: HttpRequest) -> HttpResponse:
    if not conf.enabled("SESSION_CLEANUP_DEMO") or not timeouts.cleanup_supported():
        return render_lesson(request, lesson, {"cleanup_error": CLEANUP_OFF}, status=400)
    return show_result(lesson, "cleanup-result", removed=timeouts.clear_expired_sessions())


@lesson_action
@_on_a_checked_session
def make_redis_key(request: HttpRequest) -> HttpResponse:
    cache = session_cache()
    if not is_redis(cache):
        return render_lesson(request, lesson, {"redis_key_error": ENABLE_REDIS_HINT}, status=400)
    token = secrets.token_urlsafe(16)
    try:
        cache.set(_redis_demo_key(token), "expires by itself", REDIS_DEMO_TTL)
    except STORE_OUTAGE_ERRORS as error:
        error_message = f"Redis did not answer ({type(error).__name__})."
        return render_lesson(request, lesson, {"redis_key_error": error_message}, status=400)
    return show_result(lesson, "redis-result", redis_key=token)


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": the session gets the site's usual lifetime back (set_expiry(None))."""
    request.session.set_expiry(None)


urlpatterns = [
    path("lifetime/", set_lifetime, name="session-timeout-lifetime"),
    path("cleanup/", clear_expired, name="session-timeout-cleanup"),
    path("redis-key/", make_redis_key, name="session-timeout-redis-key"),
]
