"""Lesson: session-timeout."""

from __future__ import annotations

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import session_timeout as session_timeout_views

lesson = Lesson(
    slug="session-timeout",
    title="Session timeout",
    summary="Short lifetimes, idle versus absolute timeouts, and who cleans up the sessions nobody ended.",
    topics=("Session timeout",),
    quiz=Quiz(
        question="Expired sessions keep piling up in django_session. Why?",
        choices=(
            "Django deletes them only when the same browser comes back.",
            "Nothing deletes them until someone runs clearsessions (or its equivalent) on a schedule.",
            "The database deletes rows whose expire_date has passed.",
        ),
        answer=1,
        explanation=(
            "An expired row is ignored, but Django never removes it by itself: run manage.py clearsessions "
            "from cron or a scheduler. Redis is different: a session key with a TTL disappears on its own."
        ),
    ),
)

page = session_timeout_views.session_timeout
