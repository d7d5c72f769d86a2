"""Lesson: what-is-a-session."""

from __future__ import annotations

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import what_is_a_session as what_is_a_session_views

lesson = Lesson(
    slug="what-is-a-session",
    title="What is a session",
    summary="Like a coat-check: the browser keeps a ticket (the session id), the server keeps the coat (the data).",
    topics=("What is a session", "How a session works"),
    quiz=Quiz(
        question="Your browser's sessionid cookie was copied to another computer. What can that computer do?",
        choices=(
            "Nothing: the session data never leaves the server, so the id alone is useless.",
            "Read the session data directly out of the cookie.",
            "Present the same ticket: the server hands it the same session, as if it were you.",
            "Only log out, because ids are tied to the IP address that created them.",
        ),
        answer=2,
        explanation=(
            "The id is the only thing that links a request to its session. Django does not tie it to an IP "
            "address or a browser, so whoever presents the ticket gets the coat: that is why session cookies "
            "are HttpOnly, should be Secure, and are replaced at login."
        ),
    ),
)

page = what_is_a_session_views.what_is_a_session
