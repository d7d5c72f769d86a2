"""What every lesson is made of: its data, its quiz, the page frame, and how its actions answer.

A lesson module (``cookielab/lessons/<part>/<slug>.py``) declares:

- ``lesson = Lesson(...)``: title, summary, the lecture topics it covers, what the student will learn
  (``learn``) and the recap (``recap``), its quiz (one question, or several), and the state its demo
  leaves behind (``demo_cookies``, ``session_keys``) for "Reset this lab";
- ``context(request)`` (optional): the page's own data, used by every render of the page — the
  quiz's re-render after an invalid answer included;
- ``urlpatterns`` (optional): its actions, under the lesson's own path;
- ``root_urlpatterns`` (optional): the lecture's routes at the app's root (``/setcookie/``…);
- ``page`` (optional): a view of its own for the lesson page, where ``context`` is not enough;
- ``reset(request, response)`` (optional): what "Reset this lab" must undo beyond the declared cookies
  and session keys (cookies whose names the student chose, counters kept outside the session).

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
from typing import Literal
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import get_script_prefix
from django.urls import get_urlconf
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from cookielab.core import progress
from cookielab.core import wire_story
from cookielab.core.never_cache import never_cache
from cookielab.core.paths import app_root_path

View = Callable[..., HttpResponse]
# Lesson.get_absolute_url's answers, by (slug, ROOT_URLCONF, this thread's urlconf, script prefix).
_LESSON_URLS: dict[tuple[str, str, str, str], str] = {}
_MAX_LESSON_URLS = 1000


@dataclass(frozen=True)
class Quiz:
    question: str
    choices: tuple[str, ...]
    answer: int  # index into choices
    explanation: str

    @property
    def answer_text(self) -> str:
        return self.choices[self.answer]


Scope = Literal["lesson", "app", "host"]


@dataclass(frozen=True)
class DemoCookie:
    """A cookie a lesson's demo sets, described well enough to expire it again ("Reset this lab").

    A browser tells cookies apart by name, domain and path, so expiring one needs its path: the
    lesson's own path (``scope="lesson"``, the default: demo state belongs to its lesson), the app's
    root (``"app"``: a cookie whose point is to reach every page) or the host's root (``"host"``: the
    lecture's own routes). ``under`` is a sub-path below that, such as ``"lab/"``.
    """

    name: str
    under: str = ""
    scope: Scope = "lesson"
    samesite: Literal["Lax", "Strict", "None"] | None = "Lax"
    secure: bool = False

    def path(self, lesson: Lesson) -> str:
        if self.scope == "lesson":
            base = lesson.get_absolute_url()
        elif self.scope == "app":
            base = app_root_path()
        else:
            base = "/"
        return base + self.under


@dataclass
class Lesson:
    slug: str
    title: str
    summary: str
    topics: tuple[str, ...]
    # One question, or several where one cannot check the whole lesson; each is its own form, and the
    # lesson is complete when every one of them has been answered right.
    quiz: Quiz | tuple[Quiz, ...]
    # "You'll learn" at the top of the page (2-3 points) and "What you learned" at its end.
    learn: tuple[str, ...] = ()
    recap: tuple[str, ...] = ()
    # What the demo leaves behind, undone by "Reset this lab" (progress is never part of it).
    demo_cookies: tuple[str | DemoCookie, ...] = ()
    session_keys: tuple[str, ...] = ()
    # What the module's own ``reset`` undoes, for the page ("expires every cookie the workbench set").
    reset_note: str = ""
    # Where the page answers, below the app's root; "lessons/<slug>/" unless the lecture fixed it.
    path: str = ""
    # Filled in from ``quiz`` and ``demo_cookies``.
    questions: tuple[Quiz, ...] = field(default=(), init=False)
    cookies: tuple[DemoCookie, ...] = field(default=(), init=False)
    # Filled in by the registry (cookielab.lessons) from the module that declares the lesson.
    part: str = field(default="", init=False)
    module: ModuleType | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        if not self.path:
            self.path = f"lessons/{self.slug}/"
        self.questions = (self.quiz,) if isinstance(self.quiz, Quiz) else tuple(self.quiz)
        if not self.questions:
            raise ValueError(f"the lesson {self.slug!r} needs at least one question")
        self.cookies = tuple(DemoCookie(c) if isinstance(c, str) else c for c in self.demo_cookies)

    @property
    def template(self) -> str:
        return f"cookielab/lessons/{self.slug}.html"

    @property
    def module_name(self) -> str:
        """The module a slug names: ``session-timeout`` ↔ ``session_timeout``."""
        return self.slug.replace("-", "_")

    @property
    def has_lab_state(self) -> bool:
        """Whether "Reset this lab" has anything to undo."""
        return bool(self.cookies or self.session_keys or getattr(self.module, "reset", None))

    def get_absolute_url(self) -> str:
        """The lesson's address, reversed once per URL configuration and script prefix.

        Every lesson page lists every lesson in its contents: reversing each of them on every request was
        about a sixth of a lesson page's CPU time.
        """
        key = (self.slug, str(settings.ROOT_URLCONF), str(get_urlconf()), get_script_prefix())
        url = _LESSON_URLS.get(key)
        if url is None:
            if len(_LESSON_URLS) > _MAX_LESSON_URLS:
                _LESSON_URLS.clear()
            url = _LESSON_URLS[key] = reverse(f"cookielab:{self.slug}")
        return url

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


def _small_number(raw: str | None, below: int) -> int | None:
    """One of 0 … below-1, written as the link writes it: not "²" (isdigit(), yet int() refuses it),
    not "١" (int() takes Arabic-Indic digits), not 5,000 digits (int() refuses more than 4,300)."""
    offered = {str(index): index for index in range(below)}
    return offered.get(raw) if raw is not None else None


def question_index(raw: str | None, lesson: Lesson) -> int | None:
    """Which question a quiz form answers (``question`` in the POST); a form without one answers the first."""
    if raw is None:
        return 0
    return _small_number(raw, len(lesson.questions))


def answered_choice(request: HttpRequest, lesson: Lesson) -> tuple[int, int] | None:
    """The question just answered and the answer given (carried back in ``?question=Q&answer=N``)."""
    index = question_index(request.GET.get("question"), lesson)
    if index is None:
        return None
    choice = _small_number(request.GET.get("answer"), len(lesson.questions[index].choices))
    return None if choice is None else (index, choice)


@dataclass(frozen=True)
class QuestionView:
    """One question of the quiz as this student sees it now."""

    index: int
    quiz: Quiz
    form: QuizForm
    state: int  # progress.NOT_TRIED, TRIED or RIGHT
    answered: int | None  # the choice just given to this question, if any

    @property
    def number(self) -> int:
        return self.index + 1

    @property
    def answered_text(self) -> str:
        return self.quiz.choices[self.answered] if self.answered is not None else ""

    @property
    def just_right(self) -> bool:
        return self.answered == self.quiz.answer

    @property
    def just_wrong(self) -> bool:
        return self.answered is not None and self.answered != self.quiz.answer

    @property
    def is_right(self) -> bool:
        """Answered right, now or earlier: the explanation is shown."""
        return self.just_right or self.state == progress.RIGHT

    @property
    def show_answer(self) -> bool:
        """ "Show the answer" is offered only after a try: once a wrong answer was given."""
        return not self.is_right and (self.just_wrong or self.state == progress.TRIED)


def quiz_views(
    request: HttpRequest, lesson: Lesson, student: progress.Progress, bound: dict[int, QuizForm] | None = None
) -> list[QuestionView]:
    just = answered_choice(request, lesson)
    return [
        QuestionView(
            index=index,
            quiz=quiz,
            form=(bound or {}).get(index) or QuizForm(quiz),
            state=student.question_state(lesson.slug, index),
            answered=just[1] if just is not None and just[0] == index else None,
        )
        for index, quiz in enumerate(lesson.questions)
    ]


def render_lesson(
    request: HttpRequest,
    lesson: Lesson,
    extra: dict[str, Any] | None = None,
    *,
    quiz_forms: dict[int, QuizForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The lesson page: its own context, then ``extra`` (a bound form with errors, a result…)."""
    from cookielab.lessons import frame

    # The lesson's context first: a lesson that shows the session inspector loads the session its own
    # way, which survives a store outage.
    own = lesson.page_context(request)
    student = progress.read(request)
    questions = quiz_views(request, lesson, student, quiz_forms)
    page = {
        **frame.lesson_frame(request, lesson, student),
        "questions": questions,
        "questions_right": sum(question.is_right for question in questions),
        "wire": wire_story.panel(request),
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
