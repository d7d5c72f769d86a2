"""Lesson: reading-cookies."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path
from django.urls import reverse

from cookielab.core import progress
from cookielab.core.cookie_header import add_cookie
from cookielab.core.cookie_header import cookie_pairs
from cookielab.core.cookie_header import first_wins_parse
from cookielab.core.paths import app_root_path
from cookielab.core.secret_cookies import shown_cookie_header
from cookielab.core.secret_cookies import shown_cookies
from cookielab.lessons.base import DemoCookie
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import page_view
from cookielab.lessons.base import show_result

USERNAME_COOKIE = "username"  # the lecture's cookie, set by /setcookie/
DUPLICATE_COOKIE = "dup_demo"
DUPLICATE_SITE_WIDE = "site-wide"
DUPLICATE_THIS_LESSON = "this-lesson"
# The site-wide one must be site-wide (that is the demo), so both are short-lived.
DUPLICATE_LIFETIME = 3600

lesson = Lesson(
    slug="reading-cookies",
    title="Reading cookies on the server",
    summary="What request.COOKIES holds, the raw Cookie header behind it, and two cookies with one name.",
    topics=("Getting a cookie", "cookie-parser"),
    learn=(
        "What request.COOKIES holds, and the raw Cookie header behind it.",
        "Why the Cookie header carries no path, expiry or other attribute.",
        "What happens when two cookies share one name.",
    ),
    recap=(
        "Django splits the Cookie header into request.COOKIES, a plain dictionary; Express needs cookie-parser for "
        "req.cookies.",
        "The header holds only name=value pairs: the server cannot tell a cookie's path, domain or expiry.",
        "With two cookies of one name, Django keeps the last pair and Express's parser the first.",
    ),
    demo_cookies=(DemoCookie(DUPLICATE_COOKIE), DemoCookie(DUPLICATE_COOKIE, scope="app")),
    quiz=Quiz(
        question="A browser sends “Cookie: theme=dark; theme=light”. What is request.COOKIES['theme'] in Django?",
        choices=(
            '"dark"',
            '"light"',
            "A list of both values.",
            "Django refuses the request.",
        ),
        answer=1,
        explanation=(
            "Django parses the header left to right and a later pair overwrites an earlier one, so "
            "the last wins. The parser behind Express's cookie-parser keeps the first instead."
        ),
    ),
)


@dataclass(frozen=True)
class DuplicateReport:
    sent: list[str]
    django_kept: str | None
    first_wins_kept: str | None


def duplicate_report(cookie_header: str, request_cookies: dict[str, str]) -> DuplicateReport:
    """Which of several same-name cookies each parser keeps."""
    return DuplicateReport(
        sent=[value for name, value in cookie_pairs(cookie_header) if name == DUPLICATE_COOKIE],
        django_kept=request_cookies.get(DUPLICATE_COOKIE),
        first_wins_kept=first_wins_parse(cookie_header).get(DUPLICATE_COOKIE),
    )


def context(request: HttpRequest) -> dict[str, Any]:
    cookie_header = request.headers.get("Cookie", "")
    return {
        "username": request.COOKIES.get(USERNAME_COOKIE),
        "cookie_header": shown_cookie_header(cookie_header),
        "received": sorted(shown_cookies(request.COOKIES.items())),
        "duplicates": duplicate_report(cookie_header, request.COOKIES),
        "duplicate_cookie": DUPLICATE_COOKIE,
        "lesson_path": lesson.get_absolute_url(),
        "site_path": app_root_path(),
        "at_getcookie": request.path == reverse("cookielab:getcookie"),
    }


@lesson_action
def set_duplicates(request: HttpRequest) -> HttpResponse:
    """Two cookies of one name: the site-wide one first, the longer-path one second."""
    response = show_result(lesson, "duplicate-report")
    add_cookie(response, DUPLICATE_COOKIE, DUPLICATE_SITE_WIDE, path=app_root_path(), max_age=DUPLICATE_LIFETIME)
    add_cookie(
        response, DUPLICATE_COOKIE, DUPLICATE_THIS_LESSON, path=lesson.get_absolute_url(), max_age=DUPLICATE_LIFETIME
    )
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def clear_duplicates(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "duplicate-report")
    add_cookie(response, DUPLICATE_COOKIE, "", path=app_root_path(), max_age=0)
    add_cookie(response, DUPLICATE_COOKIE, "", path=lesson.get_absolute_url(), max_age=0)
    return response


urlpatterns = [
    path("duplicates/", set_duplicates, name="reading-cookies-duplicates"),
    path("duplicates/clear/", clear_duplicates, name="reading-cookies-clear"),
]
# The lecture's GET /getcookie/ is this lesson's page, under the lecture's path.
root_urlpatterns = [
    path("getcookie/", page_view(lesson), name="getcookie"),
]
