"""Lesson: session-vs-persistent."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cookies as cookies_views

lesson = Lesson(
    slug="session-vs-persistent",
    title="Session and persistent cookies",
    summary=(
        "No Max-Age or Expires: gone when the browser closes. With one: kept until it expires, "
        "at most 400 days in Chromium."
    ),
    topics=("How long does a cookie exist",),
    quiz=Quiz(
        question="A server sets a cookie with Max-Age for ten years. How long does Chromium keep it at most?",
        choices=("Ten years.", "Until the browser closes.", "About 400 days.", "30 days."),
        answer=2,
        explanation=(
            "The cookie standard's current draft caps any expiry at 400 days, and Chromium clamps it "
            "when it stores the cookie. A site that wants longer must set the cookie again."
        ),
    ),
)

page = cookies_views.session_vs_persistent
urlpatterns = [
    path("set/", cookies_views.set_lifetimes, name="session-vs-persistent-set"),
    path("expire/", cookies_views.expire_lifetimes, name="session-vs-persistent-expire"),
]
