"""Lesson: csrf."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import security as security_views

lesson = Lesson(
    slug="csrf",
    title="Cross-site request forgery",
    summary="Why a form on another site could act as you, and the token that stops it.",
    topics=("How cookies are sent", "Setting a cookie"),
    quiz=Quiz(
        question="Why does a CSRF token stop a forged form when the session cookie alone does not?",
        choices=(
            "The token is encrypted with the session cookie.",
            "The attacker's page cannot read the token from this site's pages, so it cannot put it in the form.",
            "Browsers refuse to send forms to other sites.",
        ),
        answer=1,
        explanation=(
            "The browser attaches cookies to a forged request by itself, but the token must be copied into "
            "the form by a page that can read this site's HTML, and the same-origin policy keeps other "
            "sites from reading it."
        ),
    ),
)

page = security_views.csrf_lesson
urlpatterns = [
    path("transfer/", security_views.csrf_transfer, name="csrf-transfer"),
]
