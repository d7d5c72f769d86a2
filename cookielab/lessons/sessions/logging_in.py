"""Lesson: logging-in."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import login as login_views

lesson = Lesson(
    slug="logging-in",
    title="Logging in and out",
    summary="Login gives the session a new key and keeps its data; logout deletes it from the store.",
    topics=("What is a session",),
    quiz=Quiz(
        question="Why does Django give the session a new key when you log in?",
        choices=(
            "To make the cookie shorter.",
            "So that a key someone planted in your browser before login is useless afterwards (session fixation).",
            "Because the old session's data has to be thrown away at login.",
        ),
        answer=1,
        explanation=(
            "login() calls cycle_key(): the data moves to a fresh key and the old key is deleted. An "
            "attacker who got you to use a key they know gains nothing, because that key stops "
            "working at the moment it would have become valuable."
        ),
    ),
)

page = login_views.logging_in
urlpatterns = [
    path("login/", login_views.demo_log_in, name="demo-log-in"),
    path("logout/", login_views.demo_log_out, name="demo-log-out"),
]
