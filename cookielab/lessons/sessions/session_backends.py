"""Lesson: session-backends."""

from __future__ import annotations

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import session_backends as session_backends_views

lesson = Lesson(
    slug="session-backends",
    title="Where sessions are stored",
    summary="The database, Redis, files or the cookie itself: the same session through each engine, timed.",
    topics=("How a session works", "Sessions in Express"),
    quiz=Quiz(
        question="Which engine cannot end a session on the server, so a copied cookie keeps working after logout?",
        choices=("db", "cache", "file", "signed_cookies"),
        answer=3,
        explanation=(
            "signed_cookies keeps the data in the cookie itself; the server stores nothing it could delete. "
            "A copy of the cookie stays valid until its signature is older than SESSION_COOKIE_AGE."
        ),
    ),
)

page = session_backends_views.session_backends
