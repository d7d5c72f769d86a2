"""Lesson: http-is-stateless."""

from __future__ import annotations

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import stateless as stateless_views

lesson = Lesson(
    slug="http-is-stateless",
    title="HTTP is stateless",
    summary="Each request arrives alone: the server has no memory of the one before.",
    topics=("HTTP is stateless", "Cookies"),
    quiz=Quiz(
        question="You told the server your name, then followed a plain link. Why did it not greet you?",
        choices=(
            "The server deleted your name after a timeout.",
            "Nothing in the second request said who you are, and HTTP keeps no memory between requests.",
            "Browsers strip names from links for privacy.",
        ),
        answer=1,
        explanation=(
            "Every HTTP request stands alone. Unless the request itself carries something that "
            "identifies you (a cookie, a header, a URL parameter), the server cannot connect it "
            "to any earlier request."
        ),
    ),
)

page = stateless_views.http_is_stateless
