"""Lesson: cookies-in-javascript — document.cookie, cookieStore, and the HttpOnly wall."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.urls import path
from django.views.decorators.http import require_safe

from cookielab.core.cookie_header import expire_cookie
from cookielab.lessons.base import DemoCookie
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
    learn=(
        "How document.cookie reads and writes cookies, one cookie per assignment.",
        "What the asynchronous cookieStore API adds.",
        "Why HttpOnly cookies do not exist for scripts.",
    ),
    recap=(
        "Reading document.cookie gives one “a=1; b=2” string; assigning to it writes one cookie, attributes included.",
        "cookieStore does the same asynchronously, in secure contexts only.",
        "A script can neither read nor overwrite an HttpOnly cookie, and removes any cookie only by writing it again "
        "with an expiry in the past.",
    ),
    demo_cookies=(DemoCookie(HTTPONLY_COOKIE),),
    reset_note=(
        "expires every js_demo_ cookie the page's scripts wrote (the page sets its HttpOnly cookie again on the "
        "next visit)"
    ),
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
        "cookie_path": lesson.get_absolute_url(),
    }


@lesson_page
def page(request: HttpRequest) -> HttpResponse:
    """The page, and with it the HttpOnly cookie the demo's scripts try to read and overwrite."""
    response = render_lesson(request, lesson)
    response.set_cookie(
        HTTPONLY_COOKIE, HTTPONLY_VALUE, path=lesson.get_absolute_url(), httponly=True, samesite="Lax", max_age=3600
    )
    return response


@require_safe
def echo(request: HttpRequest) -> JsonResponse:
    """The demo's cookies as the server received them. Only ``js_demo_*`` values: echoing every cookie
    (the session id included) to JavaScript would undo what HttpOnly protects."""
    demo = demo_cookies(request)
    return JsonResponse({"demo_cookies": demo, "other_names": sorted(set(request.COOKIES) - set(demo))})


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": the scripts chose their cookies' names (all ``js_demo_…``), so expire every one that came."""
    for name in demo_cookies(request):
        if name != HTTPONLY_COOKIE:
            expire_cookie(response, name, path=lesson.get_absolute_url())


urlpatterns = [
    path("echo/", echo, name="cookies-in-javascript-echo"),
]
