"""The course around a lesson: where it sits, what this student has done, and where to go next.

Everything here is read from the progress cookie (``cookielab.core.progress``), never from the
session: ending a session in a demo changes none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.urls import get_urlconf
from django.urls import reverse
from django.utils.html import format_html
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

from cookielab.core import progress
from cookielab.lessons import LESSONS
from cookielab.lessons import neighbours
from cookielab.lessons import parts
from cookielab.lessons import position
from cookielab.lessons.base import Lesson


@dataclass(frozen=True)
class ContentsEntry:
    lesson: Lesson
    number: int
    done: bool


@dataclass(frozen=True)
class ContentsPart:
    number: int
    title: str
    entries: list[ContentsEntry]


def completed(student: progress.Progress) -> set[str]:
    """The slugs of the lessons whose every question this student answered right."""
    return {lesson.slug for lesson in LESSONS if student.is_complete(lesson.slug, len(lesson.questions))}


def part_number(lesson: Lesson) -> int:
    return next(number for number, (title, _) in enumerate(parts(), 1) if title == lesson.part)


def contents(done: set[str]) -> list[ContentsPart]:
    """The course's parts and lessons, numbered, with this student's done marks."""
    return [
        ContentsPart(
            number,
            title,
            [ContentsEntry(lesson, position(lesson), lesson.slug in done) for lesson in lessons],
        )
        for number, (title, lessons) in enumerate(parts(), 1)
    ]


def contents_html(lesson: Lesson, done: set[str]) -> SafeString:
    """The contents list of ``lesson``'s page, rendered once per lesson, set of lessons done and URL prefix.

    Every student at the same point sees the same list, and on a lesson page its 26 links were a tenth
    of the rendering time.
    """
    return _render_contents(lesson.slug, frozenset(done), get_script_prefix(), get_urlconf())


@lru_cache(maxsize=512)
def _render_contents(slug: str, done: frozenset[str], script_prefix: str, urlconf: str | None) -> SafeString:
    # script_prefix and urlconf only key the cache: reverse() reads them from this thread, as they are now.
    return render_to_string("cookielab/includes/contents.html", {"contents": contents(set(done)), "current": slug})


@receiver(setting_changed)
def _forget_rendered_contents(*, setting: str, **kwargs: object) -> None:
    if setting in {"TEMPLATES", "ROOT_URLCONF", "FORCE_SCRIPT_NAME", "INSTALLED_APPS"}:
        _render_contents.cache_clear()


def continue_lesson(done: set[str]) -> Lesson | None:
    """Where to continue: the first lesson not done after the last one done (else the first not done).

    None when every lesson is done.
    """
    last_done = max((index for index, lesson in enumerate(LESSONS) if lesson.slug in done), default=-1)
    after = [lesson for lesson in LESSONS[last_done + 1 :] if lesson.slug not in done]
    before = [lesson for lesson in LESSONS[: last_done + 1] if lesson.slug not in done]
    waiting = after or before
    return waiting[0] if waiting else None


def next_request_number(request: HttpRequest) -> int:
    """For "send another request" links: ``?n=<this + 1>``, so that every link differs from the page's address.

    A link to the page's own address plus a ``#fragment`` only scrolls (the browser sends nothing); a changing
    query makes it a real request. Counts 1 to 999, then starts again.
    """
    raw = request.GET.get("n", "")
    current = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 3 else 1
    return current % 999 + 1


def lesson_frame(request: HttpRequest, lesson: Lesson, student: progress.Progress) -> dict[str, Any]:
    """What the frame of every lesson page shows around the lesson itself."""
    done = completed(student)
    before, after = neighbours(lesson)
    return {
        "lesson": lesson,
        "lesson_number": position(lesson),
        "lesson_count": len(LESSONS),
        "part_number": part_number(lesson),
        "previous_lesson": before,
        "next_lesson": after,
        "end_url": reverse("cookielab:end"),
        "completed": lesson.slug in done,
        "contents_html": contents_html(lesson, done),
        "done_count": len(done),
        "reset_done": request.GET.get("reset") == "1",
        "reset_summary": reset_summary(lesson),
        "again": next_request_number(request),
    }


def reset_summary(lesson: Lesson) -> SafeString:
    """What "Reset this lab" undoes, in one line: "expires a, b; removes c from your session; …"."""
    names = list(dict.fromkeys(cookie.name for cookie in lesson.cookies))
    clauses = []
    if names:
        clauses.append(format_html("expires {}", format_html_join(", ", "<code>{}</code>", ((n,) for n in names))))
    if lesson.session_keys:
        keys = format_html_join(", ", "<code>{}</code>", ((key,) for key in lesson.session_keys))
        clauses.append(format_html("removes {} from your session", keys))
    if lesson.reset_note:
        clauses.append(format_html("{}", lesson.reset_note))
    return mark_safe("; ".join(clauses))  # every clause is built by format_html, which escapes
