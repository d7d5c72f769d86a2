"""Lesson: counter."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import counters as counters_views

lesson = Lesson(
    slug="counter",
    title="The page-view counter",
    summary="The lecture's counter in Django: one number in the session, one cookie that carries its key.",
    topics=("Set and use a session", "Sessions in Express"),
    quiz=Quiz(
        question="After ten visits the counter says 10. What does the sessionid cookie in your browser contain?",
        choices=(
            "The number 10, signed so that you cannot change it.",
            "A random key; the number 10 is kept on the server, filed under that key.",
            "Your IP address, which the server uses to look the number up.",
            "Nothing: the browser counts the visits itself.",
        ),
        answer=1,
        explanation=(
            "With Django's default (db) engine the cookie holds only the session key. The data, "
            "page_views included, lives in the server's store and is found again by that key on "
            "every request. (Only the signed_cookies engine puts the data itself in the cookie.)"
        ),
    ),
    path="counter/",
)

page = counters_views.counter
urlpatterns = [
    path("atomic/", counters_views.counter_atomic, name="counter-atomic"),
    path("count/", counters_views.counter_count, name="counter-count"),
    path("reset/", counters_views.counter_reset, name="counter-reset"),
]
