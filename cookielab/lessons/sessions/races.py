"""Lesson: races."""

from __future__ import annotations

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import counters as counters_views

lesson = Lesson(
    slug="races",
    title="Fifty requests at once",
    summary="Fire simultaneous requests at the counter and watch the lecture's version lose views.",
    topics=("Set and use a session",),
    quiz=Quiz(
        question="Fifty requests with the same cookie hit the lecture's counter at once and it goes up by 9. Why?",
        choices=(
            "The browser sent only 9 of the requests.",
            "Requests overlapped: each read the old number, added one and saved the whole session, "
            "so later saves overwrote earlier ones.",
            "Django refuses more than 10 requests per second from one session.",
        ),
        answer=1,
        explanation=(
            "A session is loaded at the start of a request and saved whole at the end; the last save "
            "wins. Increments made in between by other requests are lost. An atomic increment in the "
            "store (Redis INCR, UPDATE … SET views = views + 1) does not read-then-write, so it loses nothing."
        ),
    ),
)

page = counters_views.races
