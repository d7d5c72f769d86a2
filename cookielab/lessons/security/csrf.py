"""Lesson: csrf (a guarded form with and without its token, and the site's CSRF failure page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from cookielab.core import progress
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import show_result

TRANSFERS_KEY = "cookielab_csrf_transfers"

lesson = Lesson(
    slug="csrf",
    title="Cross-site request forgery",
    summary="Why a form on another site could act as you, and the token that stops it.",
    topics=("How cookies are sent", "Setting a cookie"),
    learn=(
        "Why a form on another site can act with your cookies.",
        "How Django's CSRF token stops it.",
        "What SameSite=Lax adds.",
    ),
    recap=(
        "Browsers attach a site's cookies to requests that another site's page makes them send.",
        "Django requires a token in the form (or an X-CSRFToken header) that other sites cannot read, and checks the "
        "Origin header.",
        "SameSite=Lax cookies are left off cross-site POSTs altogether: a second layer, not a replacement.",
    ),
    session_keys=(TRANSFERS_KEY,),
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


def context(request: HttpRequest) -> dict[str, Any]:
    return {"transfers": request.session.get(TRANSFERS_KEY, 0), "done": request.GET.get("done") == "1"}


@lesson_action
def transfer(request: HttpRequest) -> HttpResponse:
    """A harmless state change that CSRF protection guards: count one more "transfer"."""
    request.session[TRANSFERS_KEY] = request.session.get(TRANSFERS_KEY, 0) + 1
    response = show_result(lesson, "transfer", done=1)
    progress.mark(request, response, lesson.slug, progress.SESSION_WRITE)
    return response


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: say what the protection did instead of a bare 403."""
    return render(request, "cookielab/lessons/csrf-failure.html", {"reason": reason}, status=403)


urlpatterns = [
    path("transfer/", transfer, name="csrf-transfer"),
]
