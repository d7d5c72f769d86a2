"""Lesson: session-attacks."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import security as security_views

lesson = Lesson(
    slug="session-attacks",
    title="Fixation, hijacking and replay",
    summary="What someone holding your session id can do, and what the server does about it.",
    topics=("What is a session", "How a session works", "Session timeout"),
    quiz=Quiz(
        question="A site keeps sessions in signed cookies. You log out. What can someone who copied the cookie do?",
        choices=(
            "Nothing: logging out deleted the session on the server.",
            "Use it until it expires: the server keeps no record it could delete.",
            "Only read it: the signature stops it being sent again.",
        ),
        answer=1,
        explanation=(
            "A signed cookie carries the whole session; the server only checks the signature and age. "
            "Logging out clears your browser's copy, and a copy elsewhere still verifies until it expires."
        ),
    ),
)

page = security_views.session_attacks
urlpatterns = [
    path("demo/", security_views.session_attack_demo, name="session-attacks-demo"),
    path("whoami/", security_views.whoami, name="session-attacks-whoami"),
]
