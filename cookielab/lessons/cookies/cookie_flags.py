"""Lesson: cookie-flags (HttpOnly, Secure and SameSite, and a real request from another site)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from cookielab.core import origins
from cookielab.core import progress
from cookielab.core import wire
from cookielab.core.never_cache import never_cache
from cookielab.lessons.base import DemoCookie
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result


@dataclass(frozen=True)
class FlagCookie:
    name: str
    attributes: dict[str, Any]
    what_it_shows: str

    def describe(self) -> str:
        """The attributes as a Set-Cookie header spells them."""
        words = [
            ATTRIBUTE_NAMES[key] + ("" if value is True else f"={value}") for key, value in self.attributes.items()
        ]
        return "; ".join(words)


LIFETIME = 3600  # seconds: the demo's cookies leave no trace for long

ATTRIBUTE_NAMES = {"httponly": "HttpOnly", "secure": "Secure", "samesite": "SameSite"}


# The cookies the lesson sets. SameSite=None is only accepted together with Secure.
FLAG_COOKIES: tuple[FlagCookie, ...] = (
    FlagCookie("lab_plain", {"samesite": "Lax"}, "a plain cookie: scripts can read it"),
    FlagCookie("lab_httponly", {"httponly": True, "samesite": "Lax"}, "HttpOnly: scripts cannot see it"),
    FlagCookie("lab_secure", {"secure": True, "samesite": "Lax"}, "Secure: only for secure origins"),
    FlagCookie("lab_strict", {"samesite": "Strict"}, "SameSite=Strict: same-site requests only"),
    FlagCookie("lab_lax", {"samesite": "Lax"}, "SameSite=Lax: also top-level GET from other sites"),
    FlagCookie("lab_none", {"samesite": "None", "secure": True}, "SameSite=None: every request"),
)


lesson = Lesson(
    slug="cookie-flags",
    title="HttpOnly, Secure and SameSite",
    summary="Three attributes decide who may read a cookie and which requests carry it.",
    topics=("Cookies", "How cookies are sent", "Cookies in JavaScript", "Session options"),
    learn=(
        "What HttpOnly, Secure and SameSite each forbid.",
        "Which cross-site requests carry Strict, Lax and None cookies.",
        "Why Django's session cookie is HttpOnly and SameSite=Lax.",
    ),
    recap=(
        "HttpOnly hides a cookie from scripts; Secure keeps it to HTTPS (and loopback addresses); SameSite decides "
        "which cross-site requests carry it.",
        "Lax cookies travel on top-level GET navigations from other sites, Strict ones never leave their site, None "
        "ones always do and need Secure.",
        "Two pages are the same site when scheme and registrable domain match; the port does not count.",
    ),
    demo_cookies=tuple(
        DemoCookie(c.name, samesite=c.attributes["samesite"], secure=bool(c.attributes.get("secure")))
        for c in FLAG_COOKIES
    ),
    quiz=(
        Quiz(
            question="Another site links to this one and the student clicks the link. Which cookies travel?",
            choices=(
                "Only SameSite=None cookies.",
                "SameSite=Lax and SameSite=None cookies, but not SameSite=Strict ones.",
                "All of them: a click is a user action.",
                "None: cross-site requests never carry cookies.",
            ),
            answer=1,
            explanation=(
                "A top-level GET navigation from another site carries Lax and None cookies. Strict ones stay "
                "home until a request starts on the same site; a cross-site POST carries only None, and so does a "
                "cross-site image, but only where the browser allows third-party cookies at all."
            ),
        ),
        Quiz(
            question=(
                "A script injected into the page reads document.cookie. Which of the demo's cookies can it not see?"
            ),
            choices=(
                "lab_httponly.",
                "lab_secure.",
                "lab_strict.",
                "None of them: scripts see every cookie.",
            ),
            answer=0,
            explanation=(
                "HttpOnly is the one attribute about scripts: the browser leaves such a cookie out of document.cookie "
                "and "
                "cookieStore. Secure and SameSite decide which requests carry a cookie, not who may read it."
            ),
        ),
        Quiz(
            question="Which of these cookies does the browser refuse to store?",
            choices=(
                "SameSite=None without Secure.",
                "HttpOnly without Secure.",
                "SameSite=Strict, set over http://localhost.",
                "A cookie that names no SameSite at all.",
            ),
            answer=0,
            explanation=(
                "A SameSite=None cookie must also be Secure, or browsers reject it. A cookie that names no SameSite is "
                "kept, and Chromium treats it as Lax."
            ),
        ),
    ),
)


def flag_cookies_arrived(request: HttpRequest) -> list[tuple[FlagCookie, bool]]:
    return [(cookie, cookie.name in request.COOKIES) for cookie in FLAG_COOKIES]


# What a browser's Sec-Fetch-Storage-Access header says about third-party cookies on a cross-site request.
STORAGE_ACCESS = {
    "none": "3rd-party cookies: blocked",
    "inactive": "3rd-party cookies: held back",
    "active": "3rd-party cookies: allowed",
}


def third_party_verdict(request: HttpRequest) -> str | None:
    """The browser's own word on third-party cookies for this request, if it sent one (Chromium does, cross-site)."""
    return STORAGE_ACCESS.get(request.headers.get("Sec-Fetch-Storage-Access", "").strip().lower())


def arrival_svg(arrived: list[tuple[FlagCookie, bool]], footnote: str | None = None) -> str:
    """An image that lists which flag cookies came with the request that fetched it (and the browser's footnote)."""
    lines = [f"{cookie.name}: {'arrived' if came else 'not sent'}" for cookie, came in arrived]
    if footnote:
        lines.append(footnote)
    rows = [f'<text x="8" y="{22 + 20 * index}">{line}</text>' for index, line in enumerate(lines)]
    height = 30 + 20 * len(rows)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="260" height="{height}" font-family="monospace" '
        f'font-size="14"><rect width="100%" height="100%" fill="#fff" stroke="#888"/>{"".join(rows)}</svg>'
    )


def context(request: HttpRequest) -> dict[str, Any]:
    twin = origins.twin_origin(request)
    launcher = reverse("cookielab:cookie-flags-cross-site")
    rows = flag_cookies_arrived(request)
    return {
        "flag_rows": rows,
        "cookies_set": request.GET.get("set") == "1",
        "cookies_cleared": request.GET.get("cleared") == "1",
        "twin_launcher_url": f"{twin}{launcher}" if twin else None,
        "is_secure": request.is_secure(),
        "host_name": origins.request_host(request),
        "host_is_loopback": origins.is_loopback_host(origins.request_host(request)),
        "trustworthy": origins.is_potentially_trustworthy(request),
        "secure_kept": any(came for cookie, came in rows if cookie.name == "lab_secure"),
    }


@lesson_action
def set_flag_cookies(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "flags-result", set=1)
    for cookie in FLAG_COOKIES:
        response.set_cookie(cookie.name, "1", path=lesson.get_absolute_url(), max_age=LIFETIME, **cookie.attributes)
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def clear_flag_cookies(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "flags-result", cleared=1)
    for cookie in FLAG_COOKIES:
        response.delete_cookie(cookie.name, path=lesson.get_absolute_url(), samesite=cookie.attributes.get("samesite"))
    return response


@require_safe
def cross_site_launcher(request: HttpRequest) -> HttpResponse:
    """The "other site": this server under its twin loopback name, sending requests back home."""
    target = origins.twin_origin(request)
    launched = {
        "target": target,
        "here": request.get_host(),
        "arrived_url": f"{target}{reverse('cookielab:cookie-flags-arrived')}" if target else None,
        "pixel_url": f"{target}{reverse('cookielab:cookie-flags-pixel')}" if target else None,
        "transfer_url": f"{target}{reverse('cookielab:csrf-transfer')}" if target else None,
    }
    return render(request, "cookielab/lessons/cookie-flags-cross-site.html", launched)


@csrf_exempt  # it only reports which cookies came; it changes nothing
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cookies_arrived(request: HttpRequest) -> HttpResponse:
    """The lesson as the request from the other site found it: shown as it arrived, never redirected."""
    arrival = {
        "method": request.method,
        "fetch_site": request.headers.get("Sec-Fetch-Site", "not sent"),
        "origin": request.headers.get("Origin", "not sent"),
    }
    return render_lesson(request, lesson, {"arrival": arrival, "twin_launcher_url": None})


@never_cache
@require_safe
def arrival_pixel(request: HttpRequest) -> HttpResponse:
    svg = arrival_svg(flag_cookies_arrived(request), third_party_verdict(request))
    return wire.not_recorded(HttpResponse(svg, content_type="image/svg+xml"))


urlpatterns = [
    path("set/", set_flag_cookies, name="cookie-flags-set"),
    path("clear/", clear_flag_cookies, name="cookie-flags-clear"),
    path("cross-site/", cross_site_launcher, name="cookie-flags-cross-site"),
    path("arrived/", cookies_arrived, name="cookie-flags-arrived"),
    path("pixel.svg", arrival_pixel, name="cookie-flags-pixel"),
]
