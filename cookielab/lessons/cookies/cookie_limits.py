"""Lesson: cookie-limits — a rejection lab: cookies Django sends without complaint and browsers refuse."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from typing import Literal

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.core import origins
from cookielab.core import progress
from cookielab.core.cookies import MAX_COOKIE_BYTES
from cookielab.lessons.base import DemoCookie
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import show_result

LIFETIME = 300  # seconds: the 4 KB cookie should not weigh on every request for long


@dataclass(frozen=True)
class LimitCookie:
    name: str
    value: str
    broken_rule: str
    expect_kept: bool
    secure: bool = False
    samesite: Literal["Lax", "Strict", "None"] | None = None

    @property
    def size(self) -> int:
        return len(self.name.encode()) + len(self.value.encode())


def _sized(name: str, total: int) -> LimitCookie:
    fits = total <= MAX_COOKIE_BYTES
    rule = (
        f"Name + value exactly {total:,} bytes: the most a browser must keep."
        if fits
        else f"Name + value {total:,} bytes: one byte over 4,096, so the browser ignores the whole cookie."
    )
    return LimitCookie(name, "x" * (total - len(name)), rule, expect_kept=fits)


def limit_cookies() -> tuple[LimitCookie, ...]:
    return (
        _sized("limit_4096", MAX_COOKIE_BYTES),
        _sized("limit_4097", MAX_COOKIE_BYTES + 1),
        LimitCookie(
            "limit_samesite_none",
            "1",
            "SameSite=None without Secure: rejected.",
            expect_kept=False,
            samesite="None",
        ),
        LimitCookie(
            "__Host-limit_broken",
            "1",
            "A __Host- name, but not Secure and with a Path other than /: rejected.",
            expect_kept=False,
        ),
        LimitCookie("limit_control", "kept", "Nothing wrong: the control, so you know cookies work at all.", True),
    )


lesson = Lesson(
    slug="cookie-limits",
    title="Cookie limits",
    summary="Browsers silently drop cookies that break the rules; Django sends them anyway.",
    topics=("Cookies",),
    learn=(
        "How big a cookie may be, and how many a browser keeps.",
        "Which cookies a browser refuses without telling the server.",
        "What Django's set_cookie sends without complaint.",
    ),
    recap=(
        "Name plus value may be at most 4,096 bytes; a bigger cookie is dropped whole, silently.",
        "SameSite=None without Secure, and a __Host- cookie without Secure and Path=/, are refused.",
        "The server learns that a cookie was refused only because it never comes back.",
    ),
    demo_cookies=tuple(DemoCookie(c.name, samesite=c.samesite or "Lax") for c in limit_cookies()),
    quiz=Quiz(
        question="A server sends a cookie whose name and value add up to 5,000 bytes. What does the browser do?",
        choices=(
            "Keeps the first 4,096 bytes.",
            "Ignores the whole cookie, without telling the server.",
            "Splits it into two cookies.",
            "Returns 400 Bad Request to the server.",
        ),
        answer=1,
        explanation=(
            "Over 4,096 bytes of name plus value, the browser drops the whole cookie. The server is not told; "
            "it only notices that the cookie never comes back."
        ),
    ),
)


def _cookie_path(cookie: LimitCookie) -> str:
    """All on the lesson's path: a 4 KB cookie must not weigh on every request to the site."""
    return lesson.get_absolute_url()


def context(request: HttpRequest) -> dict[str, Any]:
    rows = [(cookie, cookie.name in request.COOKIES) for cookie in limit_cookies()]
    return {
        "rows": rows,
        "sent": request.GET.get("sent") == "1",
        "any_held": any(kept for _cookie, kept in rows),
        "lifetime": LIFETIME,
        "trustworthy": origins.is_potentially_trustworthy(request),
        "host_name": origins.request_host(request),
    }


@lesson_action
def send(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "limits-result", sent=1)
    for cookie in limit_cookies():
        response.set_cookie(
            cookie.name,
            cookie.value,
            max_age=LIFETIME,
            path=_cookie_path(cookie),
            secure=cookie.secure,
            samesite=cookie.samesite,
        )
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def clear(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "limits-result")
    for cookie in limit_cookies():
        response.delete_cookie(cookie.name, path=_cookie_path(cookie))
    return response


urlpatterns = [
    path("send/", send, name="cookie-limits-send"),
    path("clear/", clear, name="cookie-limits-clear"),
]
