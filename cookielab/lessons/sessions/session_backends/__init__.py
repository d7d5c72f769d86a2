"""Lesson: session-backends — the same session through every engine: where it lands, and how long a round trip takes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.sessions.session_backends.bench import BENCH_RUNS
from cookielab.lessons.sessions.session_backends.bench import SITE_ENGINE
from cookielab.lessons.sessions.session_backends.bench import bar_chart
from cookielab.lessons.sessions.session_backends.bench import compared_engines
from cookielab.lessons.sessions.session_backends.bench import engine_label
from cookielab.lessons.sessions.session_backends.bench import engine_ready
from cookielab.lessons.sessions.session_backends.bench import run_all

lesson = Lesson(
    slug="session-backends",
    title="Where sessions are stored",
    summary="The database, Redis, files or the cookie itself: the same session through each engine, timed.",
    topics=("How a session works", "Sessions in Express"),
    learn=(
        "Where each of Django's session engines keeps the data.",
        "What a session round trip costs in each engine.",
        "Which engine cannot end a session on the server.",
    ),
    recap=(
        "db keeps a table row, cache a Redis key, cached_db both, file a file, signed_cookies the cookie itself.",
        "Engines differ in speed, in what survives a restart and in what the server can revoke.",
        "signed_cookies stores nothing on the server, so logout cannot invalidate a copied cookie.",
    ),
    quiz=Quiz(
        question="Which engine cannot end a session on the server, so a copied cookie keeps working after logout?",
        choices=("db", "cache", "file", "signed_cookies"),
        answer=3,
        explanation=(
            "signed_cookies keeps the data in the cookie itself; the server stores nothing it could delete. "
            "A copy of the cookie stays valid until its signature is older than SESSION_COOKIE_AGE."
        ),
    ),
)


def context(request: HttpRequest) -> dict[str, Any]:
    return {
        "bench_runs": BENCH_RUNS,
        "engines": [
            (name, engine_label(name, engine), engine_ready(name)) for name, engine in compared_engines().items()
        ],
        "site_engine": compared_engines().get(SITE_ENGINE),
    }


@lesson_action
def run_bench(request: HttpRequest) -> HttpResponse:
    """Store, time and delete the demo session in every engine, and show the results in this response.

    No redirect: the results are this request's own measurements, and the demo sessions they describe
    are already deleted, so there is nothing left for a later GET to show.
    """
    results = run_all()
    return render_lesson(request, lesson, {"results": results, "chart": bar_chart(results)})


urlpatterns = [
    path("run/", run_bench, name="session-backends-run"),
]
