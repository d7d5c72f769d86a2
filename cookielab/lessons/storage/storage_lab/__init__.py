"""Lesson: storage-lab (the lecture's storage table, measured in the browser)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.storage.storage_lab.echo import request_echo
from cookielab.lessons.storage.storage_lab.facts import COLUMNS
from cookielab.lessons.storage.storage_lab.facts import MARKER_COOKIE_PREFIX
from cookielab.lessons.storage.storage_lab.facts import STORAGE_TABLE

lesson = Lesson(
    slug="storage-lab",
    title="Browser storage lab",
    summary="Measure cookies, Web Storage, IndexedDB and the Cache API in your own browser.",
    topics=("Browser storage",),
    quiz=Quiz(
        question="A page writes the same marker into every store, then fetches its server. Which marker arrives?",
        choices=(
            "All of them: the browser sends its storage with every request.",
            "Only the cookie: it travels in the Cookie header; the other stores stay in the browser.",
            "The cookie and localStorage, because both are synchronous.",
            "None: nothing stored in a browser ever reaches the server.",
        ),
        answer=1,
        explanation=(
            "Only cookies are attached to requests by the browser. localStorage, sessionStorage, "
            "IndexedDB and the Cache API reach the server only if your own code reads them and sends "
            "the data, for example in a fetch() body or header."
        ),
    ),
    path="storage/",
)


def context(request: HttpRequest) -> dict[str, Any]:
    return {"columns": COLUMNS, "rows": STORAGE_TABLE, "marker_cookie_prefix": MARKER_COOKIE_PREFIX}


@never_cache
@require_safe
def echo(request: HttpRequest) -> JsonResponse:
    """The cookies and headers this request carried: the lab checks which of its markers arrived."""
    return JsonResponse(request_echo(request))


@require_safe
def peek(request: HttpRequest) -> HttpResponse:
    """A bare page for a second tab or window: it reports what it sees of the opener's storage."""
    return render(request, "cookielab/lessons/storage-lab-peek.html")


urlpatterns = [
    path("echo/", echo, name="storage-echo"),
    path("peek/", peek, name="storage-peek"),
]
