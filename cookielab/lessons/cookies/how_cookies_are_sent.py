"""Lesson: how-cookies-are-sent."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cookies as cookies_views

lesson = Lesson(
    slug="how-cookies-are-sent",
    title="How cookies are sent",
    summary="The server sends Set-Cookie once; the browser sends Cookie back on every request after.",
    topics=("Cookies", "How cookies are sent"),
    quiz=Quiz(
        question="A response sets a cookie. When does the server first see that cookie come back?",
        choices=(
            "In the same response that set it.",
            "On the browser's next request to a matching URL, in its Cookie header.",
            "Only after a script on the page reads it.",
            "Never: cookies stay inside the browser.",
        ),
        answer=1,
        explanation=(
            "Set-Cookie travels in a response; the browser stores the cookie and adds it to the "
            "Cookie header of every later request whose host and path match, until it expires."
        ),
    ),
)

page = cookies_views.how_cookies_are_sent
urlpatterns = [
    path("bake/", cookies_views.bake, name="how-cookies-are-sent-bake"),
]
