"""Lesson: cookie-use-cases."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cookies as cookies_views

lesson = Lesson(
    slug="cookie-use-cases",
    title="What cookies are used for",
    summary="Preferences without a flash, and why a cookie set on one host never reaches another.",
    topics=("Cookies",),
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

page = cookies_views.cookie_use_cases
urlpatterns = [
    path("theme/", cookies_views.choose_theme, name="cookie-use-cases-theme"),
    path("mark-host/", cookies_views.mark_host, name="cookie-use-cases-mark"),
    path("pixel.svg", cookies_views.pixel, name="cookie-use-cases-pixel"),
]
