"""Lesson: reading-cookies."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cookies as cookies_views

lesson = Lesson(
    slug="reading-cookies",
    title="Reading cookies on the server",
    summary="What request.COOKIES holds, the raw Cookie header behind it, and two cookies with one name.",
    topics=("Getting a cookie", "cookie-parser"),
    quiz=Quiz(
        question="A browser sends “Cookie: theme=dark; theme=light”. What is request.COOKIES['theme'] in Django?",
        choices=(
            '"dark"',
            '"light"',
            "A list of both values.",
            "Django refuses the request.",
        ),
        answer=1,
        explanation=(
            "Django parses the header left to right and a later pair overwrites an earlier one, so "
            "the last wins. The parser behind Express's cookie-parser keeps the first instead."
        ),
    ),
)

page = cookies_views.reading_cookies
urlpatterns = [
    path("duplicates/", cookies_views.set_duplicates, name="reading-cookies-duplicates"),
    path("duplicates/clear/", cookies_views.clear_duplicates, name="reading-cookies-clear"),
]
root_urlpatterns = [
    path("getcookie/", cookies_views.reading_cookies, name="getcookie"),
]
