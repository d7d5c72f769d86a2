"""Lesson: myths-and-facts."""

from __future__ import annotations

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cookies as cookies_views

lesson = Lesson(
    slug="myths-and-facts",
    title="Myths and facts",
    summary="Check what you believe about cookies against what a cookie can really do.",
    topics=("Myths about cookies",),
    quiz=Quiz(
        question="Which statement about cookies is accurate?",
        choices=(
            "A cookie can run code that erases files on your disk.",
            "A cookie that holds only a random id is anonymous, so privacy law ignores it.",
            "A cookie is data the browser keeps and sends back, and an id in it can follow what you do.",
            "Cookies are used only for advertising.",
        ),
        answer=2,
        explanation=(
            "Cookies are inert data, never executed. But a stable id is enough to recognise you on "
            "every visit, which is why the GDPR counts such online identifiers as personal data."
        ),
    ),
)

page = cookies_views.myths_and_facts
