"""Lesson: session-vs-persistent."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.core import progress
from cookielab.core.cookie_header import previous_set_cookies
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import show_result

DAY = 86_400
# (name, Max-Age, what it asks for)
LIFETIMES: tuple[tuple[str, int | None, str], ...] = (
    ("demo_session", None, "a session cookie: no Max-Age, no Expires"),
    ("demo_week", 7 * DAY, "persistent for 7 days"),
    ("demo_decade", 3650 * DAY, "asks for 10 years"),
)
LIFETIME_NAMES = {name for name, _, _ in LIFETIMES}

lesson = Lesson(
    slug="session-vs-persistent",
    title="Session and persistent cookies",
    summary=(
        "No Max-Age or Expires: gone when the browser closes. With one: kept until it expires, "
        "at most 400 days in Chromium."
    ),
    topics=("How long does a cookie exist",),
    learn=(
        "The difference between a session cookie and a persistent one.",
        "Which of Max-Age and Expires wins.",
        "Why no cookie lives longer than 400 days.",
    ),
    recap=(
        "Without Max-Age or Expires a cookie is a session cookie, gone when the browser closes (unless the browser "
        "restores your session).",
        "With either, it is kept on disk until it expires; Max-Age wins when both are sent.",
        "Chromium cuts every lifetime to 400 days: a site that wants longer must set its cookie again.",
    ),
    demo_cookies=tuple(name for name, _, _ in LIFETIMES),
    quiz=Quiz(
        question="A server sets a cookie with Max-Age for ten years. How long does Chromium keep it at most?",
        choices=("Ten years.", "Until the browser closes.", "About 400 days.", "30 days."),
        answer=2,
        explanation=(
            "The cookie standard's current draft caps any expiry at 400 days, and Chromium clamps it "
            "when it stores the cookie. A site that wants longer must set the cookie again."
        ),
    ),
)


def context(request: HttpRequest) -> dict[str, Any]:
    return {
        "lifetimes": [(name, note, request.COOKIES.get(name)) for name, _, note in LIFETIMES],
        "set_headers": previous_set_cookies(request, LIFETIME_NAMES),
    }


@lesson_action
def set_lifetimes(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "lifetimes-result")
    for name, max_age, _ in LIFETIMES:
        response.set_cookie(
            name, name.removeprefix("demo_"), max_age=max_age, path=lesson.get_absolute_url(), samesite="Lax"
        )
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def expire_lifetimes(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "lifetimes-result")
    for name, _, _ in LIFETIMES:
        response.delete_cookie(name, path=lesson.get_absolute_url(), samesite="Lax")
    return response


urlpatterns = [
    path("set/", set_lifetimes, name="session-vs-persistent-set"),
    path("expire/", expire_lifetimes, name="session-vs-persistent-expire"),
]
