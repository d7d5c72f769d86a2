"""Lesson: what-is-a-session — the coat-check, seen through the session inspector."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.core import progress
from cookielab.core.inspector import describe_session
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result

COAT_CHECK_KEY = "coat_check"

lesson = Lesson(
    slug="what-is-a-session",
    title="What is a session",
    summary="Like a coat-check: the browser keeps a ticket (the session id), the server keeps the coat (the data).",
    topics=("What is a session", "How a session works"),
    learn=(
        "How a session keeps data on the server and only an id in a cookie.",
        "What the session id cookie holds, and what it does not.",
        "What ending a session does to the data and to the cookie.",
    ),
    recap=(
        "A session is the server's memory of one browser: the data stays in a store, the browser carries only the id "
        "(sessionid).",
        "Django saves a session and sends its cookie the first time a view stores something.",
        "Whoever presents the id gets the session, so guard it like a password; flush() deletes the data and the "
        "cookie.",
    ),
    session_keys=(COAT_CHECK_KEY,),
    quiz=(
        Quiz(
            question="Your browser's sessionid cookie was copied to another computer. What can that computer do?",
            choices=(
                "Nothing: the session data never leaves the server, so the id alone is useless.",
                "Read the session data directly out of the cookie.",
                "Present the same ticket: the server hands it the same session, as if it were you.",
                "Only log out, because ids are tied to the IP address that created them.",
            ),
            answer=2,
            explanation=(
                "The id is the only thing that links a request to its session. Django does not tie it to an IP "
                "address or a browser, so whoever presents the ticket gets the coat: that is why session cookies "
                "are HttpOnly, should be Secure, and are replaced at login."
            ),
        ),
        Quiz(
            question="You press “Collect your coat”, which calls request.session.flush(). What happens?",
            choices=(
                "The stored data is deleted and the browser is told to drop its sessionid cookie.",
                "Only the browser's cookie goes; the data stays on the server for the next visitor.",
                "Nothing until the session expires by itself.",
            ),
            answer=0,
            explanation=(
                "flush() deletes the session from the store and forgets its key; SessionMiddleware then expires the "
                "sessionid cookie. (Your progress here survives: it is kept in a cookie of its own.)"
            ),
        ),
        Quiz(
            question="When does Django first send a sessionid cookie to a new visitor?",
            choices=(
                "On the visitor's very first request, always.",
                "When a view first stores something in request.session.",
                "Only after the visitor logs in.",
            ),
            answer=1,
            explanation=(
                "An empty session is never saved, so it needs no cookie. The first write makes Django save the session "
                "and send its id."
            ),
        ),
    ),
)


NOTE_MAX_LENGTH = 80
_EMPTY_NOTE = "Type a short note first: an empty note leaves nothing to store."


class CoatCheckForm(forms.Form):
    note = forms.CharField(
        label="What to leave in the coat-check",
        max_length=NOTE_MAX_LENGTH,
        error_messages={
            "required": _EMPTY_NOTE,
            "max_length": f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer.",
        },
    )

    def clean_note(self) -> str:
        note = " ".join(self.cleaned_data["note"].split())
        if not note:
            raise forms.ValidationError(_EMPTY_NOTE)
        return note


def context(request: HttpRequest) -> dict[str, Any]:
    return {
        "inspector": describe_session(request),
        "form": CoatCheckForm(),
        "client_address": request.META.get("REMOTE_ADDR", ""),
        "coat_check_key": COAT_CHECK_KEY,
        "collected": request.GET.get("collected") == "1",
    }


@lesson_action
def check_in(request: HttpRequest) -> HttpResponse:
    form = CoatCheckForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"form": form})
    request.session[COAT_CHECK_KEY] = form.cleaned_data["note"]
    response = show_result(lesson, "coat-check-result")
    progress.mark(request, response, lesson.slug, progress.SESSION_WRITE)
    return response


@lesson_action
def collect(request: HttpRequest) -> HttpResponse:
    request.session.flush()  # ends the session: the progress cookie, a cookie of its own, is untouched
    response = show_result(lesson, "coat-check-result", collected=1)
    progress.mark(request, response, lesson.slug, progress.SESSION_ENDED)
    return response


@lesson_action
def reveal_key(request: HttpRequest) -> HttpResponse:
    """The page again, with the full session key: only ever in the answer to this POST, never to a GET.

    A GET page is what caches, prefetchers, history and a one-line ``fetch()`` see; this answer needs
    a CSRF-checked POST and is sent ``no-store``, so the key is never left in a page to fetch again.
    """
    return render_lesson(request, lesson, {"inspector": describe_session(request, reveal=True)})


urlpatterns = [
    path("check-in/", check_in, name="what-is-a-session-check-in"),
    path("reveal-key/", reveal_key, name="what-is-a-session-reveal-key"),
    path("collect/", collect, name="what-is-a-session-collect"),
]
