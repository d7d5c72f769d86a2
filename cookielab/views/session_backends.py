"""Lesson: the session engines side by side, with where the data lands and how long a round trip takes."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.views.decorators.http import require_http_methods

from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import friendly_name
from cookielab.session_backends import BENCH_RUNS
from cookielab.session_backends import bar_chart
from cookielab.session_backends import engine_ready
from cookielab.session_backends import run_all
from cookielab.views.base import render_lesson


@require_http_methods(["GET", "POST"])
def session_backends(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {
        "bench_runs": BENCH_RUNS,
        "engines": [(name, friendly_name(path), engine_ready(name)) for name, path in ENGINES.items()],
    }
    if request.method == "POST":
        results = run_all()
        context["results"] = results
        context["chart"] = bar_chart(results)
    return render_lesson(request, "session-backends", context)
