"""Lesson: session-options — express-session's options as live Django settings; reads vs writes, empty sessions."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_safe

from cookielab.core import progress
from cookielab.core.inspector import describe_session
from cookielab.core.inspector import load_session
from cookielab.core.session_stores import locate_session
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import show_result
from cookielab.lessons.sessions.session_options.express_options import option_rows

WRITES_KEY = "options_demo"

lesson = Lesson(
    slug="session-options",
    title="Session options, Express and Django",
    summary="express-session's secret, resave, saveUninitialized and cookie options, as live Django settings.",
    topics=("Session options", "Sessions in Express"),
    learn=(
        "How express-session's options map to Django settings.",
        "Why reading a session does not extend it, and writing does.",
        "Why Django never stores an empty session.",
    ),
    recap=(
        "secret, resave/rolling, saveUninitialized, cookie and store become SECRET_KEY, SESSION_SAVE_EVERY_REQUEST, "
        "Django's fixed “false”, the SESSION_COOKIE_* settings and SESSION_ENGINE.",
        "The stored expiry counts from the last save: reads leave it where it was, writes move it.",
        "Express counts maxAge in milliseconds, Django's SESSION_COOKIE_AGE in seconds.",
    ),
    session_keys=(WRITES_KEY,),
    quiz=Quiz(
        question="With Django's defaults, a logged-in user only reads pages for two weeks. What happens?",
        choices=(
            "Every read extends the session, so it never expires.",
            "The session expires two weeks after it was last saved: reading does not move the expiry.",
            "Django saves the session on every request because saveUninitialized is true.",
        ),
        answer=1,
        explanation=(
            "SESSION_SAVE_EVERY_REQUEST is off by default, so only a request that changes the session saves "
            "it, and the expiry counts from that save. Turn the setting on (like express-session's rolling) to "
            "make every request extend the session."
        ),
    ),
)


def context(request: HttpRequest) -> dict[str, Any]:
    inspector = describe_session(request)
    demo = request.session.get(WRITES_KEY) or {}
    return {
        "inspector": inspector,
        "options": option_rows(),
        "writes": demo.get("writes", 0),
        "expiry_before_write": demo.get("expiry_before_write"),
        "now": timezone.now(),
        "save_every_request": settings.SESSION_SAVE_EVERY_REQUEST,
    }


@lesson_action
def write_session(request: HttpRequest) -> HttpResponse:
    """Write to the session, noting the stored expiry the write is about to move."""
    store_error = load_session(request)
    if not store_error:
        before = locate_session(settings.SESSION_ENGINE, request.session.session_key).stored_expiry
        demo = request.session.get(WRITES_KEY) or {}
        request.session[WRITES_KEY] = {
            "writes": int(demo.get("writes", 0)) + 1,
            "expiry_before_write": before.isoformat() if before else None,
        }
    response = show_result(lesson, "expiry-result")
    if not store_error:
        progress.mark(request, response, lesson.slug, progress.SESSION_WRITE)
    return response


@require_safe
def session_options_read(request: HttpRequest) -> HttpResponse:
    """A page that only reads the session: Django saves nothing and sends no session cookie."""
    return render(request, "cookielab/lessons/session-options-read.html", {"inspector": describe_session(request)})


urlpatterns = [
    path("write/", write_session, name="session-options-write"),
    path("read/", session_options_read, name="session-options-read"),
]
