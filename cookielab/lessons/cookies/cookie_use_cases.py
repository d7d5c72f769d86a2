"""Lesson: cookie-use-cases."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.views.decorators.http import require_safe

from cookielab.core import origins
from cookielab.core import progress
from cookielab.core import wire
from cookielab.core.cookie_header import shorten
from cookielab.core.never_cache import never_cache
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result

THEME_COOKIE = "cookielab_theme"
THEMES = (("light", "Light"), ("dark", "Dark"), ("system", "Follow my system"))
THEME_MAX_AGE = 86_400  # a day: long enough to see it kept, short enough to leave no trace
HOST_MARKER = "host_marker"

lesson = Lesson(
    slug="cookie-use-cases",
    title="What cookies are used for",
    summary="Preferences without a flash, and why a cookie set on one host never reaches another.",
    topics=("Cookies",),
    learn=(
        "What cookies are used for: signing in, tracking, preferences.",
        "Why a preference in a cookie shows without a flash and one in localStorage does not.",
        "Which host a cookie belongs to, and what makes a request third-party.",
    ),
    recap=(
        "A cookie reaches the server with the request, so the page is rendered right from the first byte; "
        "localStorage is read by a script only after the page arrived.",
        "A cookie belongs to the host name that set it: the port does not count, and localhost and 127.0.0.1 share "
        "nothing.",
        "A request from a page to another site is third-party; browsers now restrict the cookies it carries.",
    ),
    demo_cookies=(THEME_COOKIE, HOST_MARKER),
    quiz=Quiz(
        question="You set a cookie on http://localhost:8000. Which of these also receives it?",
        choices=(
            "http://127.0.0.1:8000",
            "http://localhost:8001",
            "Both of them.",
            "Neither of them.",
        ),
        answer=1,
        explanation=(
            "Cookies are scoped by host name and path, not by port, so localhost:8001 gets it. "
            "127.0.0.1 is a different host name even though it is the same machine."
        ),
    ),
)


class ThemeForm(forms.Form):
    theme = forms.ChoiceField(
        label="Theme",
        choices=THEMES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a theme first.",
            "invalid_choice": "Choose light, dark or system: nothing else is a theme here.",
        },
    )


def theme_from_cookie(cookies: dict[str, str]) -> str:
    """The theme the cookie asks for; anything not offered (a tampered cookie) means "system"."""
    value = cookies.get(THEME_COOKIE, "")
    return value if value in dict(THEMES) else "system"


def host_marker_value(request: HttpRequest) -> str:
    """A cookie-safe note of the host name the marker was set on."""
    name, _ = split_domain_port(request.get_host())
    return "set-on-" + re.sub(r"[^A-Za-z0-9.-]", "-", name)


def received_cookie_lines(cookies: dict[str, str], limit: int = 6) -> list[str]:
    """What the image endpoint received, shortened to fit in a small image."""
    lines = [f"{shorten(name, 24)}={shorten(value, 16)}" for name, value in list(cookies.items())[:limit]]
    if len(cookies) > limit:
        lines.append(f"… and {len(cookies) - limit} more")
    return lines


def other_port(request: HttpRequest) -> str:
    """A port beside this server's, for the exercise that shows a cookie ignoring ports (8001, as in the quiz)."""
    _, port = split_domain_port(request.get_host())
    return "8002" if port == "8001" else "8001"


def context(request: HttpRequest) -> dict[str, Any]:
    theme = theme_from_cookie(request.COOKIES)
    host_name, _ = split_domain_port(request.get_host())
    other_origin = origins.twin_origin(request)
    pixel_path = reverse("cookielab:cookie-use-cases-pixel")
    return {
        "theme": theme,
        "theme_form": ThemeForm(initial={"theme": theme}),
        "theme_cookie": THEME_COOKIE,
        "host": request.get_host(),
        "other_port": other_port(request),
        "other_port_page": f"{request.scheme}://{host_name}:{other_port(request)}{lesson.get_absolute_url()}",
        "marker_cookie": HOST_MARKER,
        "marker": request.COOKIES.get(HOST_MARKER),
        "other_origin": other_origin,
        "other_page": f"{other_origin}{lesson.get_absolute_url()}" if other_origin else None,
        "same_site_pixel": pixel_path,
        "cross_site_pixel": f"{other_origin}{pixel_path}" if other_origin else None,
    }


@lesson_action
def choose_theme(request: HttpRequest) -> HttpResponse:
    form = ThemeForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"theme_form": form})
    response = show_result(lesson, "theme-result")
    response.set_cookie(
        THEME_COOKIE,
        form.cleaned_data["theme"],
        max_age=THEME_MAX_AGE,
        path=lesson.get_absolute_url(),  # the theme of this page: it need not reach any other
        httponly=True,
        samesite="Lax",
    )
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def mark_host(request: HttpRequest) -> HttpResponse:
    response = show_result(lesson, "host-result")
    # The lesson's path on both host names: the other host's copy of this page is where its absence shows.
    response.set_cookie(HOST_MARKER, host_marker_value(request), path=lesson.get_absolute_url(), samesite="Lax")
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@never_cache
@require_safe
def pixel(request: HttpRequest) -> HttpResponse:
    """A small image that draws the cookies its own request carried (a tracker's point of view)."""
    lines = received_cookie_lines(request.COOKIES)
    image = {
        "host": request.get_host(),
        "rows": [(46 + 16 * index, line) for index, line in enumerate(lines)],
        "height": 38 + 16 * max(len(lines), 1),
    }
    response = render(request, "cookielab/lessons/cookie-use-cases-pixel.svg", image, content_type="image/svg+xml")
    return wire.not_recorded(response)


urlpatterns = [
    path("theme/", choose_theme, name="cookie-use-cases-theme"),
    path("mark-host/", mark_host, name="cookie-use-cases-mark"),
    path("pixel.svg", pixel, name="cookie-use-cases-pixel"),
]
