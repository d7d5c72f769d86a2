"""Lesson: where-cookies-live."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz

lesson = Lesson(
    slug="where-cookies-live",
    title="Where cookies live",
    summary="In a SQLite database in your browser profile, visible in DevTools; the server never sees the jar.",
    topics=("Where are the cookies on my computer",),
    learn=(
        "Where Chromium and Firefox keep cookies on disk.",
        "How to look at, edit and delete cookies in DevTools.",
        "Why the server never sees your browser's cookie store.",
    ),
    recap=(
        "Persistent cookies live in a SQLite database in the browser profile: Cookies in Chromium (values "
        "encrypted), cookies.sqlite in Firefox.",
        "DevTools lists every cookie of a site with its attributes, and lets you edit or delete it.",
        "The server only ever gets the Cookie header of each request, never the store.",
    ),
    quiz=Quiz(
        question="Where does Firefox keep persistent cookies?",
        choices=(
            "One .txt file per site in a Cookies folder.",
            "In cookies.sqlite (table moz_cookies) in the profile folder.",
            "Only in memory, never on disk.",
            "On the servers that set them.",
        ),
        answer=1,
        explanation=(
            "Firefox stores cookies in the SQLite database cookies.sqlite in your profile, table "
            "moz_cookies. Chromium uses a SQLite file called Cookies with encrypted values. The "
            "one-text-file-per-site layout belonged to Internet Explorer."
        ),
    ),
)


def context(request: HttpRequest) -> dict[str, Any]:
    return {"received": sorted(request.COOKIES.items())}
