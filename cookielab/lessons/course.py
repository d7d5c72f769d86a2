"""The course around the lessons: the contents page and the quiz every lesson ends with."""

from __future__ import annotations

from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from cookielab.core import progress
from cookielab.lessons import LESSONS
from cookielab.lessons import get_lesson
from cookielab.lessons import parts
from cookielab.lessons.base import QuizForm
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result


@lesson_page
def index(request: HttpRequest) -> HttpResponse:
    done = progress.completed_slugs(request)
    context = {
        "parts": parts(),
        "done": done,
        "done_count": sum(1 for lesson in LESSONS if lesson.slug in done),
        "lesson_count": len(LESSONS),
    }
    return render(request, "cookielab/index.html", context)


@lesson_action
def check_answer(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = get_lesson(slug)
    if lesson is None:
        raise Http404("No such lesson.")
    form = QuizForm(lesson.quiz, request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, quiz_form=form)
    if form.is_correct():
        progress.mark_completed(request, slug)
    return show_result(lesson, "check", answer=form.cleaned_data["choice"])
