"""Lesson: counter — the lecture's page-view counter, and one the store counts atomically.

Both pages answer JSON to clients that ask for it (``Accept: application/json``).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.urls import path
from django.urls import reverse
from django.views.decorators.http import require_safe

from cookielab.core import negotiation
from cookielab.core import wire
from cookielab.core.inspector import mask_key
from cookielab.core.never_cache import never_cache
from cookielab.core.session_stores import engine_place
from cookielab.lessons.base import HttpResponseSeeOther
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import render_lesson
from cookielab.lessons.sessions.counter import counters

lesson = Lesson(
    slug="counter",
    title="The page-view counter",
    summary="The lecture's counter in Django: one number in the session, one cookie that carries its key.",
    topics=("Set and use a session", "Sessions in Express"),
    learn=(
        "How the lecture's page-view counter works in Django.",
        "Where the count lives, and what the sessionid cookie holds.",
        "When Django saves a session and sends its cookie.",
    ),
    recap=(
        "request.session works like a dictionary whose data is saved on the server under the session key.",
        "The sessionid cookie holds only that random key, never the count.",
        "SessionMiddleware saves a changed session at the end of the request; a visit that stores nothing sends no "
        "cookie.",
    ),
    session_keys=(counters.PAGE_VIEWS_KEY,),
    reset_note="sets the atomic counter back to zero",
    quiz=Quiz(
        question="After ten visits the counter says 10. What does the sessionid cookie in your browser contain?",
        choices=(
            "The number 10, signed so that you cannot change it.",
            "A random key; the number 10 is kept on the server, filed under that key.",
            "Your IP address, which the server uses to look the number up.",
            "Nothing: the browser counts the visits itself.",
        ),
        answer=1,
        explanation=(
            "With Django's default (db) engine the cookie holds only the session key. The data, "
            "page_views included, lives in the server's store and is found again by that key on "
            "every request. (Only the signed_cookies engine puts the data itself in the cookie.)"
        ),
    ),
    path="counter/",
)


def wants_json(request: HttpRequest) -> bool:
    return negotiation.preferred_type(request, ("text/html", "application/json")) == "application/json"


def _json(request: HttpRequest, data: dict[str, Any]) -> JsonResponse:
    """The counts as JSON, recorded for the wire panel only when a page's script asked (the panel folds the
    races lesson's hundred fetch() calls into one line). Other clients (curl, a load generator) show in no
    page's panel, so they cost its cache nothing."""
    response = JsonResponse(data)
    return response if wire.request_kind(request) == wire.SCRIPT else wire.not_recorded(response)


def _count_shown(views: int, *, atomic: bool) -> dict[str, Any]:
    return {"views": views, "message": counters.visit_message(views), "atomic": atomic}


def context(request: HttpRequest) -> dict[str, Any]:
    """The lecture's count as it stands: a re-render of the page (the quiz's) counts no view."""
    return {
        **_count_shown(counters.lecture_views(request.session), atomic=False),
        "session_place": engine_place(settings.SESSION_ENGINE),
    }


def _answer(request: HttpRequest, views: int, *, atomic: bool) -> HttpResponse:
    shown = _count_shown(views, atomic=atomic)
    if wants_json(request):
        return _json(request, shown)
    if atomic:
        shown["counter_store"] = counters.counter_store()
    # The key this request's cookie named (a brand-new session gets one only when it is saved, after this view).
    key = request.session.session_key
    shown["session_key"] = mask_key(key) if key else ""
    return render_lesson(request, lesson, shown)


@lesson_page
def page(request: HttpRequest) -> HttpResponse:
    """The lecture's counter, read-modify-write on ``request.session["page_views"]``."""
    return _answer(request, counters.count_view_in_session(request.session), atomic=False)


@lesson_page
def counter_atomic(request: HttpRequest) -> HttpResponse:
    """The same page, counted by the store in one atomic step."""
    return _answer(request, counters.count_view_atomically(request.session), atomic=True)


@never_cache
@require_safe
def counter_count(request: HttpRequest) -> JsonResponse:
    """Both counts of this browser's session, without counting a view."""
    session = request.session
    return _json(
        request, {"page_views": counters.lecture_views(session), "atomic_views": counters.atomic_views(session)}
    )


@lesson_action
def counter_reset(request: HttpRequest) -> HttpResponse:
    counters.reset_counts(request.session)
    if wants_json(request):
        return _json(request, {"page_views": 0, "atomic_views": 0})
    # The reset button is on the races page (which imports this lesson, so it is named by its URL).
    return HttpResponseSeeOther(f"{reverse('cookielab:races')}#race-counts")


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": the atomic count lives outside the session, in Redis or a table row."""
    counters.reset_counts(request.session)


urlpatterns = [
    path("atomic/", counter_atomic, name="counter-atomic"),
    path("count/", counter_count, name="counter-count"),
    path("reset/", counter_reset, name="counter-reset"),
]
