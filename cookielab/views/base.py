"""What every lesson page shares: the lesson frame, the wire panel and the quiz."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from cookielab import progress
from cookielab import wire
from cookielab.forms import QuizForm
from cookielab.lessons import Lesson
from cookielab.lessons import get_lesson
from cookielab.lessons import neighbours


def lesson_or_404(slug: str) -> Lesson:
    lesson = get_lesson(slug)
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


def answered_choice(request: HttpRequest, lesson: Lesson) -> int | None:
    """The quiz answer the student just gave (carried back in ``?answer=N`` after the POST)."""
    raw = request.GET.get("answer", "")
    if raw.isdigit() and int(raw) < len(lesson.quiz.choices):
        return int(raw)
    return None


def render_lesson(
    request: HttpRequest,
    slug: str,
    context: dict[str, Any] | None = None,
    *,
    quiz_form: QuizForm | None = None,
    status: int = 200,
) -> HttpResponse:
    lesson = lesson_or_404(slug)
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
        **(context or {}),
    }
    return render(request, lesson.template, page, status=status)
