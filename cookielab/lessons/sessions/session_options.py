"""Lesson: session-options."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import session_options as session_options_views

lesson = Lesson(
    slug="session-options",
    title="Session options, Express and Django",
    summary="express-session's secret, resave, saveUninitialized and cookie options, as live Django settings.",
    topics=("Session options", "Sessions in Express"),
    quiz=Quiz(
        question="With Django's defaults, a logged-in user only reads pages for two weeks. What happens?",
        choices=(
            "Every read extends the session, so it never expires.",
            "The session expires two weeks after it was last saved: reading does not move the expiry.",
            "Django saves the session on every request because saveUninitialized is true.",
        ),
        answer=1,
        explanation=(
            "SESSION_SAVE_EVERY_REQUEST is off by default, so only a request that changes the session saves "
            "it, and the expiry counts from that save. Turn the setting on (like express-session's rolling) to "
            "make every request extend the session."
        ),
    ),
)

page = session_options_views.session_options
urlpatterns = [
    path("read/", session_options_views.session_options_read, name="session-options-read"),
]
