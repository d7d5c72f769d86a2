"""What every lesson is made of: its data, its quiz, the page frame, and how its actions answer.

A lesson module (``cookielab/lessons/<part>/<slug>.py``) declares:

- ``lesson = Lesson(...)``: title, summary, the lecture topics it covers and its quiz;
- ``context(request)`` (optional): the page's own data, used by every render of the page — the
  quiz's re-render after an invalid answer included;
- ``urlpatterns`` (optional): its actions, under the lesson's own path;
- ``root_urlpatterns`` (optional): the lecture's routes at the app's root (``/setcookie/``…);
- ``page`` (optional): a view of its own for the lesson page, where ``context`` is not enough.

An action answers a POST with a 303 redirect to the lesson at the anchor of its result
(``show_result``); a form error re-renders the page with status 200 (``render_lesson``), opened
at the error by the anchor in the form's ``action``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from types import ModuleType
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from cookielab.core import progress
from cookielab.core import wire

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Quiz:
    question: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    explanation: str

    @property
    def answer_text(self) -> str:
        return self.choices[self.answer]


@dataclass
class Lesson:
    slug: str
    title: str
    summary: str
    topics: tuple[str, ...]
    quiz: Quiz
    # Where the page answers, below the app's root; "lessons/<slug>/" unless the lecture fixed it.
    path: str = ""
    # Filled in by the registry (cookielab.lessons) from the module that declares the lesson.
    part: str = field(default="", init=False)
    module: ModuleType | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.path:
            self.path = f"lessons/{self.slug}/"

    @property
    def template(self) -> str:
        return f"cookielab/lessons/{self.slug}.html"

    @property
    def module_name(self) -> str:
        """The module a slug names: ``session-timeout`` ↔ ``session_timeout``."""
        return self.slug.replace("-", "_")

    def get_absolute_url(self) -> str:
        return reverse(f"cookielab:{self.slug}")

    def page_context(self, request: HttpRequest) -> dict[str, Any]:
        make_context = getattr(self.module, "context", None)
        return make_context(request) if make_context is not None else {}


class QuizForm(forms.Form):
    choice = forms.TypedChoiceField(
        label="Your answer",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick one of the answers first.",
            "invalid_choice": "That is not one of the answers offered.",
        },
    )

    def __init__(self, quiz: Quiz, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.quiz = quiz
        self.fields["choice"].label = quiz.question
        self.fields["choice"].choices = list(enumerate(quiz.choices))  # type: ignore[attr-defined]

    def is_correct(self) -> bool:
        return bool(self.cleaned_data["choice"] == self.quiz.answer)


def answered_choice(request: HttpRequest, lesson: Lesson) -> int | None:
    """The quiz answer the student just gave (carried back in ``?answer=N`` after the POST)."""
    raw = request.GET.get("answer", "")
    # Only the numbers the quiz offers, as written in the link: not "²" (isdigit(), yet int() refuses it),
    # not "١" (int() takes Arabic-Indic digits), not 5,000 digits (int() refuses more than 4,300).
    offered = {str(index): index for index in range(len(lesson.quiz.choices))}
    return offered.get(raw)


def render_lesson(
    request: HttpRequest,
    lesson: Lesson,
    extra: dict[str, Any] | None = None,
    *,
    quiz_form: QuizForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The lesson page: its own context, then ``extra`` (a bound form with errors, a result…)."""
    from cookielab.lessons import neighbours

    # The lesson's context first: a lesson that shows the session inspector loads the session its own
    # way, which survives a store outage; the progress mark below then reads that loaded session.
    own = lesson.page_context(request)
    before, after = neighbours(lesson)
    answer = answered_choice(request, lesson)
    page = {
        "lesson": lesson,
        "previous_lesson": before,
        "next_lesson": after,
        "completed": lesson.slug in progress.completed_slugs(request),
        "quiz_form": quiz_form or QuizForm(lesson.quiz),
        "quiz_answer": answer,
        "quiz_answer_text": lesson.quiz.choices[answer] if answer is not None else "",
        "quiz_correct": answer == lesson.quiz.answer,
        "wire": wire.panel(request),
        **own,
        **(extra or {}),
    }
    return render(request, lesson.template, page, status=status)


def lesson_page(view: View) -> View:
    """A lesson page: answers GET and HEAD, and is never cached (it shows this browser's state)."""
    return never_cache(require_safe(view))


def lesson_action(view: View) -> View:
    """A lesson's action: POST only (CSRF-checked by the middleware), never cached."""
    return never_cache(require_POST(view))


def page_view(lesson: Lesson) -> View:
    """The lesson page for a lesson whose module has no ``page`` of its own."""

    @lesson_page
    def page(request: HttpRequest) -> HttpResponse:
        return render_lesson(request, lesson)

    page.__name__ = page.__qualname__ = lesson.module_name
    return page


class HttpResponseSeeOther(HttpResponseRedirect):
    """303: "see the result over there", fetched with GET whatever the request's method was."""

    status_code = 303


def show_result(lesson: Lesson, anchor: str, **query: str | int) -> HttpResponseSeeOther:
    """After an action: back to the lesson, scrolled to its result (and carrying ``query``)."""
    url = lesson.get_absolute_url()
    if query:
        url += "?" + urlencode(query)
    return HttpResponseSeeOther(f"{url}#{anchor}")
