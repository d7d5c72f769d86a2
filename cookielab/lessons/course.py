"""The course around the lessons: the contents page, the quiz, "Reset this lab", "Start over" and the end page."""

from __future__ import annotations

from contextlib import suppress
from typing import Any
from typing import cast

from django import forms
from django.conf import settings
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cookielab.classroom import students as classroom
from cookielab.conf import conf
from cookielab.core import progress
from cookielab.core.cookie_header import expire_cookie
from cookielab.core.paths import app_root_path
from cookielab.lessons import LESSONS
from cookielab.lessons import frame
from cookielab.lessons import get_lesson
from cookielab.lessons.base import HttpResponseSeeOther
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import QuizForm
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import question_index
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

# What the lessons' demos mark in the progress cookie, as the end page says it.
MARK_LABELS: dict[str, str] = {
    progress.COOKIES_SET: "You had the server set cookies",
    progress.SESSION_WRITE: "You stored something in a session",
    progress.SESSION_ENDED: "You ended a session",
    progress.LOGIN: "You logged in and saw the session key change",
    progress.TAMPERED: "You tampered with a signed cookie, and saw it refused",
    progress.ATTACK: "You ran attacks on throwaway sessions",
}


def _lesson_or_404(slug: str) -> Lesson:
    lesson = get_lesson(slug)
    if lesson is None:
        raise Http404("No such lesson.")
    return lesson


class StartOverForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes: erase my progress, expire every demo cookie and end my session.",
        error_messages={"required": "Tick the box first: starting over cannot be undone."},
    )


def _index_context(request: HttpRequest) -> dict[str, Any]:
    done = frame.completed(progress.read(request))
    return {
        "contents": frame.contents(done),
        "done": done,
        "done_count": len(done),
        "lesson_count": len(LESSONS),
        "first_lesson": LESSONS[0],
        "continue_lesson": frame.continue_lesson(done) if done else None,
        "progress_cookie": conf.PROGRESS_COOKIE_NAME,
        "start_over_form": StartOverForm(),
        "started_over": request.GET.get("started-over") == "1",
    }


@lesson_page
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "cookielab/index.html", _index_context(request))


@lesson_action
def check_answer(request: HttpRequest, slug: str) -> HttpResponse:
    lesson = _lesson_or_404(slug)
    index = question_index(request.POST.get("question"), lesson)
    if index is None:
        return render_lesson(request, lesson, {"quiz_error": "That question is not part of this lesson."}, status=400)
    form = QuizForm(lesson.questions[index], request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, quiz_forms={index: form})
    student = progress.read(request)
    student.keep_only({known.slug for known in LESSONS})
    student.record_answer(slug, index, len(lesson.questions), correct=form.is_correct())
    response = show_result(lesson, f"question-{index + 1}", question=index, answer=form.cleaned_data["choice"])
    progress.save(request, response, student)
    classroom.record_answer(  # classroom mode only: the teacher's dashboard counts it
        request,
        response,
        lesson_slug=slug,
        question=index,
        choice=form.cleaned_data["choice"],
        correct=form.is_correct(),
        lesson_complete=student.is_complete(slug, len(lesson.questions)),
    )
    return response


def expire_lesson_state(request: HttpRequest, response: HttpResponse, lesson: Lesson, *, everywhere: bool) -> None:
    """Expire the cookies ``lesson`` declares, remove its session keys and run its own ``reset``.

    ``everywhere`` also expires each cookie at the app's root, where an older version of a demo may
    have put it. Progress is never touched here.
    """
    for cookie in lesson.cookies:
        paths = [cookie.path(lesson)]
        if everywhere and app_root_path() not in paths:
            paths.append(app_root_path())
        for path in paths:
            expire_cookie(response, cookie.name, path=path, samesite=cookie.samesite, secure=cookie.secure)
    for key in lesson.session_keys:
        request.session.pop(key, None)
    own_reset = getattr(lesson.module, "reset", None)
    if own_reset is not None:
        own_reset(request, response)


@lesson_action
def reset_lab(request: HttpRequest, slug: str) -> HttpResponse:
    """ "Reset this lab": this lesson's demo state goes, the student's progress stays."""
    lesson = _lesson_or_404(slug)
    response = HttpResponseSeeOther(f"{lesson.get_absolute_url()}?reset=1#reset-result")
    try:
        if lesson.session_keys:
            request.session.keys()  # load it now: a store outage is reported, not half-done
        expire_lesson_state(request, response, lesson, everywhere=False)
    except STORE_OUTAGE_ERRORS:
        return render_lesson(request, lesson, {"reset_error": True}, status=503)
    return response


@lesson_action
def start_over(request: HttpRequest) -> HttpResponse:
    """Everything, after a confirmation: progress, every lesson's demo state, and the session."""
    form = StartOverForm(request.POST)
    if not form.is_valid():
        return render(request, "cookielab/index.html", {**_index_context(request), "start_over_form": form})
    response = HttpResponseSeeOther(f"{reverse('cookielab:index')}?started-over=1#progress")
    for lesson in LESSONS:
        # On a store outage the flush below still ends the session, or its cookie is expired.
        with suppress(*STORE_OUTAGE_ERRORS):
            expire_lesson_state(request, response, lesson, everywhere=True)
    progress.forget(request, response)
    try:
        request.session.flush()
    except STORE_OUTAGE_ERRORS:
        response.delete_cookie(
            settings.SESSION_COOKIE_NAME,
            path=settings.SESSION_COOKIE_PATH,
            domain=settings.SESSION_COOKIE_DOMAIN,
            samesite=cast(Any, settings.SESSION_COOKIE_SAMESITE),
        )
    return response


@lesson_page
def end(request: HttpRequest) -> HttpResponse:
    """After the last lesson: what this student did in the course, counted from the progress cookie."""
    student = progress.read(request)
    done = frame.completed(student)
    question_count = sum(len(lesson.questions) for lesson in LESSONS)
    context = {
        "contents": frame.contents(done),
        "done_count": len(done),
        "lesson_count": len(LESSONS),
        "questions_right": sum(student.right_count(lesson.slug) for lesson in LESSONS),
        "question_count": question_count,
        "did": [
            (label, lessons)
            for mark, label in MARK_LABELS.items()
            if (lessons := [lesson for lesson in LESSONS if student.has_mark(lesson.slug, mark)])
        ],
        "last_lesson": LESSONS[-1],
        "continue_lesson": frame.continue_lesson(done),
        "progress_cookie": conf.PROGRESS_COOKIE_NAME,
    }
    return render(request, "cookielab/end.html", context)
