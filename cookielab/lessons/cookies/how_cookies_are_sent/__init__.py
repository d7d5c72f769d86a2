"""Lesson: how-cookies-are-sent."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.core import progress
from cookielab.core import wire
from cookielab.core.cookie_header import set_cookies_named
from cookielab.core.secret_cookies import shown_cookie_header
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.lessons.cookies.how_cookies_are_sent.diagram import sequence_diagram
from cookielab.lessons.cookies.how_cookies_are_sent.forms import FLAVOURS
from cookielab.lessons.cookies.how_cookies_are_sent.forms import BakeForm

DEMO_COOKIE = "demo_flavour"

lesson = Lesson(
    slug="how-cookies-are-sent",
    title="How cookies are sent",
    summary="The server sends Set-Cookie once; the browser sends Cookie back on every request after.",
    topics=("Cookies", "How cookies are sent"),
    learn=(
        "How a Set-Cookie header in a response becomes a Cookie header in later requests.",
        "Why the server sees a new cookie only one request later.",
        "How to follow the exchange in DevTools, curl and Python.",
    ),
    recap=(
        "The server sets a cookie with Set-Cookie; the browser stores it.",
        "The browser adds name=value to the Cookie header of every later request that matches the cookie's host and "
        "path.",
        "The response that sets a cookie cannot read it back: the next request is the first to carry it.",
    ),
    demo_cookies=(DEMO_COOKIE,),
    quiz=Quiz(
        question="A response sets a cookie. When does the server first see that cookie come back?",
        choices=(
            "In the same response that set it.",
            "On the browser's next request to a matching URL, in its Cookie header.",
            "Only after a script on the page reads it.",
            "Never: cookies stay inside the browser.",
        ),
        answer=1,
        explanation=(
            "Set-Cookie travels in a response; the browser stores the cookie and adds it to the "
            "Cookie header of every later request whose host and path match, until it expires."
        ),
    ),
)


def chosen_flavour(request: HttpRequest) -> str | None:
    """The flavour the browser's demo cookie holds, when it is one of the menu's."""
    value = request.COOKIES.get(DEMO_COOKIE)
    return value if value in {key for key, _ in FLAVOURS} else None


def context(request: HttpRequest) -> dict[str, Any]:
    exchanges = list(reversed(wire.history(request)[:3]))
    return {
        # The menu keeps the flavour the browser holds, so it does not snap back after the POST.
        "bake_form": BakeForm(initial={"flavour": chosen_flavour(request)}),
        "demo_cookie": DEMO_COOKIE,
        "received": request.COOKIES.get(DEMO_COOKIE),
        "just_set": set_cookies_named(exchanges[-1] if exchanges else None, {DEMO_COOKIE}),
        "diagram": sequence_diagram(
            exchanges,
            request.method or "GET",
            request.get_full_path(),
            shown_cookie_header(request.headers.get("Cookie", "")),
            highlighted=DEMO_COOKIE,
        ),
    }


@lesson_action
def bake(request: HttpRequest) -> HttpResponse:
    form = BakeForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"bake_form": form})
    response = show_result(lesson, "sent-result")
    # On the lesson's own path: demo state belongs to its lesson, and does not follow the student around the site.
    response.set_cookie(DEMO_COOKIE, form.cleaned_data["flavour"], path=lesson.get_absolute_url(), samesite="Lax")
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


urlpatterns = [
    path("bake/", bake, name="how-cookies-are-sent-bake"),
]
