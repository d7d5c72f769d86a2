"""Lesson: races — fifty simultaneous views at both counters of the counter lesson."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.urls import path

from cookielab.core import negotiation
from cookielab.lessons.base import HttpResponseSeeOther
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.sessions.counter import counters
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

lesson = Lesson(
    slug="races",
    title="Fifty requests at once",
    summary="Fire simultaneous requests at the counter and watch the lecture's version lose views.",
    topics=("Set and use a session",),
    learn=(
        "Why a session is loaded once and saved whole.",
        "How overlapping requests lose counter updates.",
        "How an atomic increment in the store fixes it.",
    ),
    recap=(
        "Two overlapping requests both read N and both save N + 1: the last save wins and a view is lost.",
        "It happens on every server-side engine, and in Express too.",
        "Let the store add one in a single step (Redis INCR, UPDATE … SET views = views + 1) instead of "
        "read-modify-write.",
    ),
    session_keys=(counters.PAGE_VIEWS_KEY,),
    reset_note="sets the atomic counter back to zero",
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

RACE_SIZE = 50


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": both counts back to zero, the atomic one included (it lives outside the session)."""
    counters.reset_counts(request.session)


def context(request: HttpRequest) -> dict[str, Any]:
    """The page only reads: a GET creates no session (the race button's POST does, see ``start``)."""
    session = request.session
    try:
        atomic_views = counters.atomic_views(session)
    except STORE_OUTAGE_ERRORS:  # the page still teaches; the race button will report the outage
        atomic_views = None
    return {
        "race_size": RACE_SIZE,
        "page_views": counters.lecture_views(session),
        "atomic_views": atomic_views,
        "counter_store": counters.counter_store(),
    }


@lesson_action
def start(request: HttpRequest) -> HttpResponse:
    """Before the burst: create this browser's session, so that the fifty requests share one.

    Fifty requests without a cookie would make fifty sessions. The page's script POSTs here first and
    gets the counts to compare against; a GET of the page itself stores nothing.
    """
    counters.ensure_session(request.session)
    session = request.session
    if negotiation.preferred_type(request, ("text/html", "application/json")) == "application/json":
        return JsonResponse(
            {"page_views": counters.lecture_views(session), "atomic_views": counters.atomic_views(session)}
        )
    return HttpResponseSeeOther(f"{lesson.get_absolute_url()}#race-counts")


urlpatterns = [
    path("start/", start, name="races-start"),
]
