"""Transitional: the old views render a lesson by slug until they move into their lesson modules."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse

from cookielab import lessons
from cookielab.lessons.base import QuizForm
from cookielab.lessons.base import render_lesson as render_lesson_page


def render_lesson(
    request: HttpRequest,
    slug: str,
    context: dict[str, Any] | None = None,
    *,
    quiz_form: QuizForm | None = None,
    status: int = 200,
) -> HttpResponse:
    lesson = lessons.get_lesson(slug)
    assert lesson is not None
    return render_lesson_page(request, lesson, context, quiz_form=quiz_form, status=status)
