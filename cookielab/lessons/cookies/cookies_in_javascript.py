"""Lesson: cookies-in-javascript."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import javascript as javascript_views

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

page = javascript_views.cookies_in_javascript
urlpatterns = [
    path("echo/", javascript_views.echo, name="cookies-in-javascript-echo"),
]
