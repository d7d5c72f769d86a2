"""Lesson: without-cookies."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import without_cookies as without_cookies_views

lesson = Lesson(
    slug="without-cookies",
    title="Browsers without cookies",
    summary="Test whether cookies work, and see why a session id in the URL leaks.",
    topics=("Browsers without cookies",),
    quiz=Quiz(
        question="Why can't the server tell on the first response whether your browser accepts cookies?",
        choices=(
            "Browsers hide their settings from servers.",
            "A cookie only proves it was kept when it comes back, so the check needs a second request.",
            "The Set-Cookie header is only sent over HTTPS.",
        ),
        answer=1,
        explanation=(
            "Sending Set-Cookie tells the server nothing about what the browser did with it. Only the "
            "next request, carrying (or not carrying) the cookie, answers the question: that is why "
            "set_test_cookie() and test_cookie_worked() must run on different requests."
        ),
    ),
)

page = without_cookies_views.without_cookies
urlpatterns = [
    path("test-cookie/", without_cookies_views.set_test_cookie, name="test-cookie"),
    path("url-session/", without_cookies_views.url_session, name="url-session"),
    path("url-session/start/", without_cookies_views.url_session_start, name="url-session-start"),
    path("url-session/next/", without_cookies_views.url_session_next, name="url-session-next"),
]
