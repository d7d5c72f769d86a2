"""Lessons: the lecture's page-view counter, and the race that makes it lose views."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import counters
from cookielab import negotiation
from cookielab.sessions.outage import CACHE_OUTAGE_ERRORS
from cookielab.views.base import render_lesson

RACE_SIZE = 50


def wants_json(request: HttpRequest) -> bool:
    return negotiation.preferred_type(request, ("text/html", "application/json")) == "application/json"


def _json(request: HttpRequest, data: dict[str, object]) -> JsonResponse:
    request.cookielab_wire_skip = True  # a burst of fetch() calls must not push the page out of the panel
    return JsonResponse(data)


def _counter_page(request: HttpRequest, views: int, *, atomic: bool) -> HttpResponse:
    message = counters.visit_message(views)
    if wants_json(request):
        return _json(request, {"views": views, "message": message, "atomic": atomic})
    context = {"views": views, "message": message, "atomic": atomic}
    if atomic:
        context["counter_store"] = counters.counter_store()
    return render_lesson(request, "counter", context)


@never_cache
@require_GET
def counter(request: HttpRequest) -> HttpResponse:
    """The lecture's counter, read-modify-write on ``request.session["page_views"]``."""
    return _counter_page(request, counters.count_view_in_session(request.session), atomic=False)


@never_cache
@require_GET
def counter_atomic(request: HttpRequest) -> HttpResponse:
    """The same page, counted by the store in one atomic step."""
    return _counter_page(request, counters.count_view_atomically(request.session), atomic=True)


@never_cache
@require_GET
def counter_count(request: HttpRequest) -> JsonResponse:
    """Both counts of this browser's session, without counting a view."""
    session = request.session
    counts = {"page_views": counters.lecture_views(session), "atomic_views": counters.atomic_views(session)}
    return _json(request, counts)


@require_POST
def counter_reset(request: HttpRequest) -> HttpResponse:
    counters.reset_counts(request.session)
    if wants_json(request):
        return _json(request, {"page_views": 0, "atomic_views": 0})
    return redirect("cookielab:races")


@never_cache
@require_GET
def races(request: HttpRequest) -> HttpResponse:
    # The session must exist before the burst: 50 requests without a cookie would make 50 sessions.
    counters.ensure_session(request.session)
    session = request.session
    try:
        atomic_views = counters.atomic_views(session)
    except CACHE_OUTAGE_ERRORS:  # the page still teaches; the race button will report the outage
        atomic_views = None
    context = {
        "race_size": RACE_SIZE,
        "page_views": counters.lecture_views(session),
        "atomic_views": atomic_views,
        "counter_store": counters.counter_store(),
    }
    return render_lesson(request, "races", context)
