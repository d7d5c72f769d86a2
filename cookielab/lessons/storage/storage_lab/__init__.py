"""Lesson: storage-lab (the lecture's storage table, measured in the browser)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.http import require_safe

from cookielab.core.cookie_header import expire_cookie
from cookielab.core.never_cache import never_cache
from cookielab.core.paths import app_root_path
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
    learn=(
        "The six places a browser keeps data for a site, side by side.",
        "Which of them travel to the server by themselves.",
        "How big, how fast and how lasting each one really is in your browser.",
    ),
    recap=(
        "Only cookies are attached to requests by the browser; the other stores reach the server only if your code "
        "sends them.",
        "document.cookie and Web Storage are synchronous and block the page while they work; IndexedDB and the Cache "
        "API are asynchronous.",
        "Web Storage has a fixed limit per origin; IndexedDB and the Cache API share a quota that depends on the disk.",
    ),
    reset_note="expires the lab's marker cookies (the lab's own buttons empty the other stores)",
    quiz=(
        Quiz(
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
        Quiz(
            question="What happens to a tab's sessionStorage when you close that tab?",
            choices=(
                "It is discarded: each tab has its own, for as long as the tab lives.",
                "It is kept until the whole browser closes.",
                "It is kept like localStorage, shared by every tab of the site.",
            ),
            answer=0,
            explanation=(
                "sessionStorage belongs to one tab of one origin: it survives reloads, but closing the tab discards "
                "it (a "
                "browser that restores closed tabs may bring it back)."
            ),
        ),
        Quiz(
            question="A page needs 50 MB of data available offline. Where should it keep it?",
            choices=(
                "In IndexedDB.",
                "In localStorage.",
                "In cookies.",
            ),
            answer=0,
            explanation=(
                "A cookie holds 4,096 bytes and travels with every request; localStorage holds about 5 MiB and blocks "
                "the "
                "page. IndexedDB is asynchronous and shares a quota sized by the disk."
            ),
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


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": expire the marker cookies the lab's script wrote (at the app's root, as it writes them).

    The other stores (Web Storage, IndexedDB, the Cache API) are the browser's alone: only the lab's
    own buttons, running in the page, can empty them.
    """
    for name in request.COOKIES:
        if name.startswith(MARKER_COOKIE_PREFIX):
            expire_cookie(response, name, path=app_root_path())


urlpatterns = [
    path("echo/", echo, name="storage-echo"),
    path("peek/", peek, name="storage-peek"),
]
