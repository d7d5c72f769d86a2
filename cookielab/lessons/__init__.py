"""The course: every lesson module, in teaching order, and how to find a lesson's neighbours.

Adding a lesson means writing its module, template and test, and one line in ``TEACHING_ORDER``.
"""

from __future__ import annotations

from importlib import import_module

from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import include
from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import page_view

# The topics of the source lecture ("Node - Express sessions and cookies"), in its order.
LECTURE_TOPICS: tuple[str, ...] = (
    "Browser storage",
    "HTTP is stateless",
    "Cookies",
    "How cookies are sent",
    "Myths about cookies",
    "How long does a cookie exist",
    "Where are the cookies on my computer",
    "Cookies in JavaScript",
    "cookie-parser",
    "Setting a cookie",
    "Getting a cookie",
    "What is a session",
    "How a session works",
    "Session timeout",
    "Browsers without cookies",
    "Sessions in Express",
    "Set and use a session",
    "Session options",
)

# A part is a package of lesson modules; its title is what the course calls it.
PART_TITLES: dict[str, str] = {
    "cookies": "Cookies",
    "sessions": "Sessions",
    "storage": "Browser storage",
    "security": "Security",
    "tools": "Tools",
}

TEACHING_ORDER: tuple[str, ...] = (
    "cookies.http_is_stateless",
    "cookies.how_cookies_are_sent",
    "cookies.cookie_use_cases",  # the motivation: what cookies are for, right after how they travel
    "cookies.myths_and_facts",
    "cookies.setting_cookies",
    "cookies.cookie_flags",  # the attributes (HttpOnly, Secure, SameSite) right after setting a cookie
    "cookies.reading_cookies",
    "cookies.expiring_cookies",
    "cookies.session_vs_persistent",
    "cookies.where_cookies_live",
    "cookies.cookies_in_javascript",
    "cookies.signed_cookies",
    "cookies.cookie_limits",
    "sessions.what_is_a_session",
    "sessions.counter",
    "sessions.session_options",
    "sessions.session_backends",
    "sessions.session_timeout",
    "sessions.logging_in",
    "sessions.cart_and_preferences",
    "sessions.races",
    "sessions.without_cookies",
    "storage.storage_lab",
    "security.csrf",
    "security.session_attacks",
    "tools.httpbin_api",  # an appendix: a test server for HTTP clients, not a step of the course
)


def _load(dotted: str) -> Lesson:
    module = import_module(f"{__name__}.{dotted}")
    lesson: Lesson = module.lesson
    part, module_name = dotted.split(".")
    if lesson.module_name != module_name:
        raise ImportError(f"{dotted} declares the lesson {lesson.slug!r}: the slug and module name must agree")
    lesson.part = PART_TITLES[part]
    lesson.module = module
    return lesson


LESSONS: tuple[Lesson, ...] = tuple(_load(dotted) for dotted in TEACHING_ORDER)
_BY_SLUG: dict[str, Lesson] = {lesson.slug: lesson for lesson in LESSONS}
_POSITION: dict[str, int] = {lesson.slug: index for index, lesson in enumerate(LESSONS)}


def get_lesson(slug: str) -> Lesson | None:
    return _BY_SLUG.get(slug)


def position(lesson: Lesson) -> int:
    """1 for the first lesson of the course."""
    return _POSITION[lesson.slug] + 1


def neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    """The lessons before and after ``lesson`` in teaching order."""
    index = _POSITION[lesson.slug]
    before = LESSONS[index - 1] if index > 0 else None
    after = LESSONS[index + 1] if index + 1 < len(LESSONS) else None
    return before, after


def parts() -> list[tuple[str, list[Lesson]]]:
    """Lessons grouped by part, parts in the order their first lesson appears."""
    grouped: dict[str, list[Lesson]] = {}
    for lesson in LESSONS:
        grouped.setdefault(lesson.part, []).append(lesson)
    return list(grouped.items())


def lesson_urlpatterns() -> list[URLPattern | URLResolver]:
    """Every lesson's page and actions under its path, then the lecture's routes at the root."""
    patterns: list[URLPattern | URLResolver] = []
    roots: list[URLPattern | URLResolver] = []
    for lesson in LESSONS:
        page = getattr(lesson.module, "page", None) or page_view(lesson)
        patterns.append(path(lesson.path, page, name=lesson.slug))
        actions = getattr(lesson.module, "urlpatterns", None)
        if actions:
            patterns.append(path(lesson.path, include(actions)))
        roots.extend(getattr(lesson.module, "root_urlpatterns", ()))
    # The lecture's own top-level pages (/counter/, /storage/) and routes first: they are the hot ones
    # (a race fires 100 requests at /counter/), and Django tries patterns in order.
    top_level = [pattern for pattern in patterns if not str(pattern.pattern).startswith("lessons/")]
    nested = [pattern for pattern in patterns if str(pattern.pattern).startswith("lessons/")]
    return top_level + roots + nested
