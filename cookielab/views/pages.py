"""The index, the quiz of every lesson and the wire panel fragment."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import progress
from cookielab import wire
from cookielab.forms import QuizForm
from cookielab.lessons import LESSONS
from cookielab.lessons import parts
from cookielab.views.base import lesson_or_404
from cookielab.views.base import render_lesson


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    done = progress.completed_slugs(request)
    context = {
        "parts": parts(),
        "done": done,
        "done_count": sum(1 for lesson in LESSONS if lesson.slug in done),
        "lesson_count": len(LESSONS),
    }
    return render(request, "cookielab/index.html", context)


@require_POST
def check_answer(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = lesson_or_404(slug)
    form = QuizForm(lesson.quiz, request.POST)
    if not form.is_valid():
        return render_lesson(request, slug, quiz_form=form, status=400)
    if form.is_correct():
        progress.mark_completed(request, slug)
    return redirect(f"{lesson.get_absolute_url()}?answer={form.cleaned_data['choice']}#check")


@require_GET
def wire_panel(request: HttpRequest) -> HttpResponse:
    """The panel alone, for pages that refresh it after a fetch() demo."""
    request.cookielab_wire_skip = True
    return render(request, "cookielab/includes/wire_panel.html", {"wire": wire.panel(request)})
