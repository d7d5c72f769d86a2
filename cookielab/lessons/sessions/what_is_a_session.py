"""Lesson: what-is-a-session — the coat-check, seen through the session inspector."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.core.inspector import describe_session
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result

lesson = Lesson(
    slug="what-is-a-session",
    title="What is a session",
    summary="Like a coat-check: the browser keeps a ticket (the session id), the server keeps the coat (the data).",
    topics=("What is a session", "How a session works"),
    quiz=Quiz(
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
)


COAT_CHECK_KEY = "coat_check"
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
    }


@lesson_action
def check_in(request: HttpRequest) -> HttpResponse:
    form = CoatCheckForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"form": form})
    request.session[COAT_CHECK_KEY] = form.cleaned_data["note"]
    return show_result(lesson, "inspector")


@lesson_action
def collect(request: HttpRequest) -> HttpResponse:
    request.session.flush()
    return show_result(lesson, "inspector")


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
