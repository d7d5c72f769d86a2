"""Lesson: setting-cookies — the lecture's /setcookie/ route and the cookie workbench."""

from __future__ import annotations

import time
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.conf import conf
from cookielab.core import cookies
from cookielab.core import origins
from cookielab.core import progress
from cookielab.core import wire
from cookielab.lessons.base import DemoCookie
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.lessons.cookies.setting_cookies import workbench
from cookielab.lessons.cookies.setting_cookies.forms import DeleteForm
from cookielab.lessons.cookies.setting_cookies.forms import WorkbenchForm
from cookielab.lessons.cookies.setting_cookies.injection import check_crlf_in_path

LECTURE_COOKIE: dict[str, Any] = {"key": "username", "value": "john doe", "max_age": 900, "httponly": True, "path": "/"}

lesson = Lesson(
    slug="setting-cookies",
    title="Setting cookies",
    summary="The server sends Set-Cookie; build any cookie yourself and see whether your browser keeps it.",
    topics=("Setting a cookie", "Cookies", "How cookies are sent"),
    learn=(
        "What a Set-Cookie header carries: a name, a value and attributes.",
        "How Max-Age, Expires, Path and Domain decide how long and where a cookie lives.",
        "What Django's set_cookie lets through that a browser refuses.",
    ),
    recap=(
        "Set-Cookie sends name=value and attributes; later requests send back only name=value.",
        "Max-Age (seconds) wins over Expires, and with neither it is a session cookie; Path and Domain choose which "
        "URLs get it back.",
        "Django checks almost nothing in set_cookie: validate names, values and paths before you send them.",
    ),
    demo_cookies=(DemoCookie(LECTURE_COOKIE["key"], scope="host"),),
    reset_note="expires every cookie the workbench set, and its list of them",
    quiz=(
        Quiz(
            question="The server answers with Set-Cookie: theme=dark; Path=/; Max-Age=900. What happens next?",
            choices=(
                "The browser stores it and sends Cookie: theme=dark with its requests to this site for 15 minutes.",
                "The browser sends the cookie back at once, in a second request.",
                "The server keeps theme=dark and looks it up on every request.",
                "The browser sends Path=/ and Max-Age=900 back with every request too.",
            ),
            answer=0,
            explanation=(
                "Set-Cookie asks the browser to store a name and value; the attributes only tell it for how long "
                "and for which requests. On later requests the browser sends just name=value in the Cookie header, "
                "never the attributes."
            ),
        ),
        Quiz(
            question="A cookie is set with Path=/docs. Which of these requests carries it back?",
            choices=(
                "A request for /docs/web.",
                "A request for /docsets.",
                "A request for /, the site's home page.",
                "Every request to the host: Path only says where it was set.",
            ),
            answer=0,
            explanation=(
                "Path matches whole segments: /docs covers /docs itself and everything below /docs/, but not /docsets, "
                "and not the pages above it."
            ),
        ),
        Quiz(
            question=(
                "A response sends Set-Cookie: lang=fr; Max-Age=60; Expires set to a date next year. How long is the "
                "cookie kept?"
            ),
            choices=(
                "60 seconds: Max-Age wins when both are sent.",
                "Until next year: the later of the two wins.",
                "Until the browser closes: the two contradict each other.",
            ),
            answer=0,
            explanation=(
                "When both attributes are present the browser uses Max-Age and ignores Expires. With neither, the "
                "cookie "
                "is a session cookie."
            ),
        ),
    ),
)


def _sent_header(request: HttpRequest, name: str) -> str | None:
    """The Set-Cookie header for ``name`` in the workbench's last POST, as the wire tap recorded it."""
    for exchange in wire.history(request):
        if exchange["method"] == "POST":
            return next((h for h in exchange["set_cookie"] if h.startswith(f"{name}=")), None)
    return None


def context(request: HttpRequest) -> dict[str, Any]:
    now = time.time()
    page: dict[str, Any] = {
        "form": WorkbenchForm(request=request),
        "held": [(cookie, request.COOKIES.get(cookie.name)) for cookie in workbench.held_cookies(request, now)],
        "max_cookies": conf.WORKBENCH_MAX_COOKIES,
        "lecture_cookie": LECTURE_COOKIE,
        "request_host": cookies.request_host(request),
        "deleted": request.GET.get("deleted"),
        "crlf_check": check_crlf_in_path(),
        "trustworthy": origins.is_potentially_trustworthy(request),
        "page_host": origins.request_host(request),
    }
    just_set = request.GET.get("set")
    if just_set:
        page["just_set"] = just_set
        page["outcome"] = workbench.outcome(request, just_set, now)
        page["sent_header"] = _sent_header(request, just_set)
    return page


@lesson_action
def set_cookie(request: HttpRequest) -> HttpResponse:
    form = WorkbenchForm(request.POST, request=request)
    if not form.is_valid():
        return render_lesson(request, lesson, {"form": form})
    response = show_result(lesson, "workbench-result", set=form.cleaned_data["name"])
    form.set_cookie(response)
    workbench.remember(request, response, form.remembered(), form.now)
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def delete_cookie(request: HttpRequest) -> HttpResponse:
    now = time.time()
    form = DeleteForm(request.POST, held=workbench.held_cookies(request, now))
    if not form.is_valid():
        return render_lesson(request, lesson, {"delete_errors": form.errors["name"]})
    cookie = form.cleaned_data["name"]
    response = show_result(lesson, "deleted-result", deleted=cookie.name)
    workbench.expire(request, response, cookie, now)
    return response


@lesson_page
def setcookie(request: HttpRequest) -> HttpResponse:
    """The lecture's ``app.get('/setcookie')``: set username=john doe for 900 s, HttpOnly."""
    carrier = HttpResponse()
    carrier.set_cookie(**LECTURE_COOKIE)
    morsel = carrier.cookies[LECTURE_COOKIE["key"]]
    response = render_lesson(request, lesson, {"lecture_set_cookie": morsel.OutputString()})
    response.cookies[LECTURE_COOKIE["key"]] = morsel
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


def reset(request: HttpRequest, response: HttpResponse) -> None:
    """ "Reset this lab": expire every cookie the workbench set (their names are the student's), and its list."""
    workbench.expire_all(request, response)


urlpatterns = [
    path("set/", set_cookie, name="setting-cookies-set"),
    path("delete/", delete_cookie, name="setting-cookies-delete"),
]
root_urlpatterns = [
    path("setcookie/", setcookie, name="setcookie"),
]
