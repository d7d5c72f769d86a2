"""Lesson: setting-cookies."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import workbench as workbench_views

lesson = Lesson(
    slug="setting-cookies",
    title="Setting cookies",
    summary="The server sends Set-Cookie; build any cookie yourself and see whether your browser keeps it.",
    topics=("Setting a cookie", "Cookies", "How cookies are sent"),
    quiz=Quiz(
        question="The server answers with Set-Cookie: theme=dark; Path=/; Max-Age=900. What happens next?",
        choices=(
            "The browser stores it and sends Cookie: theme=dark with its requests to this site for 15 minutes.",
            "The browser sends the cookie back at once, in a second request.",
            "The server keeps theme=dark and looks it up on every request.",
            "The browser sends Path=/ and Max-Age=900 back with every request too.",
        ),
        answer=0,
        explanation=(
            "Set-Cookie asks the browser to store a name and value; the attributes only tell it for how long "
            "and for which requests. On later requests the browser sends just name=value in the Cookie header, "
            "never the attributes."
        ),
    ),
)

page = workbench_views.setting_cookies
urlpatterns = [
    path("delete/", workbench_views.delete_workbench_cookie, name="setting-cookies-delete"),
]
root_urlpatterns = [
    path("setcookie/", workbench_views.setcookie, name="setcookie"),
]
