"""Lesson: cookies-in-javascript — document.cookie, cookieStore, and the HttpOnly wall."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from cookielab.core.paths import app_root_path
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import render_lesson

HTTPONLY_COOKIE = "js_demo_httponly"
HTTPONLY_VALUE = "set-by-the-server"
DEMO_PREFIX = "js_demo_"

lesson = Lesson(
    slug="cookies-in-javascript",
    title="Cookies in JavaScript",
    summary="document.cookie and cookieStore read and write cookies, except the HttpOnly ones.",
    topics=("Cookies in JavaScript",),
    quiz=Quiz(
        question="How does JavaScript remove a cookie?",
        choices=(
            "document.cookie.delete(name)",
            "It writes the same name, path and domain again with an expiry in the past (or max-age=0).",
            "It cannot: only the server can remove cookies.",
        ),
        answer=1,
        explanation=(
            "There is no delete operation in the cookie model. Writing the cookie again with an expiry in the "
            "past makes the browser throw it away, and that works for any cookie JavaScript may write — "
            "HttpOnly cookies excepted."
        ),
    ),
)


def demo_cookies(request: HttpRequest) -> dict[str, str]:
    return {name: value for name, value in request.COOKIES.items() if name.startswith(DEMO_PREFIX)}


def context(request: HttpRequest) -> dict[str, Any]:
    return {
        "server_cookies": sorted(request.COOKIES),
        "demo_cookies": demo_cookies(request),
        "httponly_cookie": HTTPONLY_COOKIE,
        "cookie_path": app_root_path(),
    }


@lesson_page
def page(request: HttpRequest) -> HttpResponse:
    """The page, and with it the HttpOnly cookie the demo's scripts try to read and overwrite."""
    response = render_lesson(request, lesson)
    response.set_cookie(
        HTTPONLY_COOKIE, HTTPONLY_VALUE, path=app_root_path(), httponly=True, samesite="Lax", max_age=3600
    )
    return response


@require_safe
def echo(request: HttpRequest) -> JsonResponse:
    """The demo's cookies as the server received them. Only ``js_demo_*`` values: echoing every cookie
    (the session id included) to JavaScript would undo what HttpOnly protects."""
    demo = demo_cookies(request)
    return JsonResponse({"demo_cookies": demo, "other_names": sorted(set(request.COOKIES) - set(demo))})


urlpatterns = [
    path("echo/", echo, name="cookies-in-javascript-echo"),
]
