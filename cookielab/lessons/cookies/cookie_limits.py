"""Lesson: cookie-limits."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import limits as limits_views

lesson = Lesson(
    slug="cookie-limits",
    title="Cookie limits",
    summary="Browsers silently drop cookies that break the rules; Django sends them anyway.",
    topics=("Cookies",),
    quiz=Quiz(
        question="A server sends a cookie whose name and value add up to 5,000 bytes. What does the browser do?",
        choices=(
            "Keeps the first 4,096 bytes.",
            "Ignores the whole cookie, without telling the server.",
            "Splits it into two cookies.",
            "Returns 400 Bad Request to the server.",
        ),
        answer=1,
        explanation=(
            "Over 4,096 bytes of name plus value, the browser drops the whole cookie. The server is not told; "
            "it only notices that the cookie never comes back."
        ),
    ),
)

page = limits_views.cookie_limits
urlpatterns = [
    path("send/", limits_views.send, name="cookie-limits-send"),
    path("clear/", limits_views.clear, name="cookie-limits-clear"),
]
