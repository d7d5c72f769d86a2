"""Lesson: logging-in — what login and logout do to the session key, proved in the store."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.conf import conf
from cookielab.core import progress
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.sessions.logging_in import demo_login

lesson = Lesson(
    slug="logging-in",
    title="Logging in and out",
    summary="Login gives the session a new key and keeps its data; logout deletes it from the store.",
    topics=("What is a session",),
    learn=(
        "What login() does to the session key, and why.",
        "What logout() does to the stored session.",
        "How session fixation is defeated.",
    ),
    recap=(
        "login() calls cycle_key(): the data moves to a new key and the old key is deleted.",
        "logout() calls flush(): the session is deleted from the store, so a copied cookie opens nothing (except "
        "with signed_cookies).",
        "Django replaces session ids it never issued, so a planted id is worthless.",
    ),
    session_keys=(demo_login.STARTED_KEY,),
    reset_note="logs the demo account out, keeping your session",
    quiz=Quiz(
        question="Why does Django give the session a new key when you log in?",
        choices=(
            "To make the cookie shorter.",
            "So that a key someone planted in your browser before login is useless afterwards (session fixation).",
            "Because the old session's data has to be thrown away at login.",
        ),
        answer=1,
        explanation=(
            "login() calls cycle_key(): the data moves to a fresh key and the old key is deleted. An "
            "attacker who got you to use a key they know gains nothing, because that key stops "
            "working at the moment it would have become valuable."
        ),
    ),
)


def context(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "data_keys": sorted(request.session.keys()),  # loads the session first: a forged key is dropped here
        "unavailable": demo_login.unavailable_reason(),
        "demo_username": demo_login.DEMO_USERNAME,
        "logged_in_as": user.get_username() if user is not None and user.is_authenticated else "",
        "current_key": demo_login.shown_key(request.session.session_key),
        "has_session": request.session.session_key is not None,
        "keys_revealed": conf.enabled("REVEAL_SESSION_KEYS"),
    }


def _show_change(request: HttpRequest, change: demo_login.KeyChange) -> HttpResponse:
    """The page with what the login or logout did, in this response.

    No redirect: showing the change afterwards would mean carrying the old key (a live session, with
    signed_cookies) in a URL or storing it in the very session the demo is about.
    """
    extra = {
        "change": change,
        "before": demo_login.shown_key(change.before),
        "after": demo_login.shown_key(change.after),
    }
    return render_lesson(request, lesson, extra)


@lesson_action
def demo_log_in(request: HttpRequest) -> HttpResponse:
    if demo_login.unavailable_reason():
        return render_lesson(request, lesson, status=403)
    try:
        change = demo_login.log_in(request)
    except demo_login.DemoLoginError as refused:
        return render_lesson(request, lesson, {"demo_error": str(refused)}, status=400)
    response = _show_change(request, change)
    progress.mark(request, response, lesson.slug, progress.LOGIN)
    return response


@lesson_action
def demo_log_out(request: HttpRequest) -> HttpResponse:
    if demo_login.unavailable_reason():
        return render_lesson(request, lesson, status=403)
    response = _show_change(request, demo_login.log_out(request))
    progress.mark(request, response, lesson.slug, progress.SESSION_ENDED)
    return response


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": log the demo account out, but keep the session (a logout would end it)."""
    demo_login.forget_demo_user(request)


@lesson_action
def reveal_key(request: HttpRequest) -> HttpResponse:
    """The page again with this browser's full session key: only in the answer to this POST, never to a GET."""
    request.session.keys()  # loading drops a key the store does not know: only a live key is shown
    key = request.session.session_key
    return render_lesson(request, lesson, {"current_key": key or "(none)", "key_revealed_now": key is not None})


urlpatterns = [
    path("login/", demo_log_in, name="demo-log-in"),
    path("reveal-key/", reveal_key, name="logging-in-reveal-key"),
    path("logout/", demo_log_out, name="demo-log-out"),
]
