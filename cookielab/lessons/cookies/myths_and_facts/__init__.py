"""Lesson: myths-and-facts."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.cookies.myths_and_facts.forms import MythsForm
from cookielab.lessons.cookies.myths_and_facts.statements import STATEMENTS
from cookielab.lessons.cookies.myths_and_facts.statements import check_myths

lesson = Lesson(
    slug="myths-and-facts",
    title="Myths and facts",
    summary="Check what you believe about cookies against what a cookie can really do.",
    topics=("Myths about cookies",),
    learn=(
        "That a cookie is inert text: it runs no code and reads nothing on your disk.",
        "Why a random id in a cookie still counts as personal data.",
        "Which of the usual claims about cookies are myths.",
    ),
    recap=(
        "A cookie is a short piece of text the browser keeps and sends back; it is never executed.",
        "A stable id is enough to recognise a browser on every visit, so the GDPR treats it as personal data.",
        "What a site does with a cookie, not the cookie itself, decides whether it is harmless.",
    ),
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
            "every visit, which is why the GDPR counts such online identifiers as personal data. The duty to ask "
            "before setting a cookie the site does not strictly need comes from the ePrivacy Directive, and it "
            "applies whether or not the cookie holds personal data."
        ),
    ),
)


def context(request: HttpRequest) -> dict[str, Any]:
    """The self-check: a plain GET form, marked when its answers come back in the query string."""
    answered = any(statement.key in request.GET for statement in STATEMENTS)
    form = MythsForm(request.GET if answered else None)
    verdicts = check_myths(form.cleaned_data) if answered and form.is_valid() else None
    return {
        "form": form,
        "statements": [(statement, form[statement.key]) for statement in STATEMENTS],
        "verdicts": verdicts,
        "score": sum(verdict.correct for verdict in verdicts) if verdicts else 0,
    }
