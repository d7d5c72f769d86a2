"""Lesson: without-cookies — the test cookie, navigator.cookieEnabled, and a session id in the URL."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.views.decorators.http import require_safe

from cookielab.conf import conf
from cookielab.core.never_cache import never_cache
from cookielab.lessons.base import HttpResponseSeeOther
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.lessons.sessions.without_cookies import url_sessions

lesson = Lesson(
    slug="without-cookies",
    title="Browsers without cookies",
    summary="Test whether cookies work, and see why a session id in the URL leaks.",
    topics=("Browsers without cookies",),
    learn=(
        "How a server finds out whether a browser keeps cookies.",
        "Why that check needs two requests.",
        "Why a session id in the URL leaks.",
    ),
    recap=(
        "set_test_cookie() and test_cookie_worked() must run on different requests: only the next request shows "
        "whether the cookie came back.",
        "In the page, navigator.cookieEnabled tells a script the same.",
        "A session id in a URL ends up in logs, history, shared links and the Referer header: tell the visitor that "
        "signing in needs cookies instead.",
    ),
    session_keys=(SessionBase.TEST_COOKIE_NAME,),
    quiz=Quiz(
        question="Why can't the server tell on the first response whether your browser accepts cookies?",
        choices=(
            "Browsers hide their settings from servers.",
            "A cookie only proves it was kept when it comes back, so the check needs a second request.",
            "The Set-Cookie header is only sent over HTTPS.",
        ),
        answer=1,
        explanation=(
            "Sending Set-Cookie tells the server nothing about what the browser did with it. Only the "
            "next request, carrying (or not carrying) the cookie, answers the question: that is why "
            "set_test_cookie() and test_cookie_worked() must run on different requests."
        ),
    ),
)


URL_SESSIONS_OFF = (
    "The URL-session demo is off on this site. It puts a (demo) session id in URLs, which a real site "
    "must never do; set COOKIELAB_URL_SESSIONS_DEMO = True to turn it on (on by default only when DEBUG is)."
)
URL_SESSION_TEMPLATE = "cookielab/lessons/without-cookies-url-session.html"


def context(request: HttpRequest) -> dict[str, Any]:
    page: dict[str, Any] = {
        "url_sessions_on": conf.enabled("URL_SESSIONS_DEMO"),
        "url_sessions_off": URL_SESSIONS_OFF,
        "nickname_form": url_sessions.NicknameForm(),
        "max_nickname_length": url_sessions.MAX_NICKNAME_LENGTH,
        "checked": "check" in request.GET,
    }
    if page["checked"]:
        # The second request: did the cookie set on the first one come back?
        page["test_cookie_worked"] = request.session.test_cookie_worked()
        if page["test_cookie_worked"]:
            request.session.delete_test_cookie()
    return page


@lesson_action
def set_test_cookie(request: HttpRequest) -> HttpResponse:
    request.session.set_test_cookie()
    return show_result(lesson, "test-cookie-result", check=1)


@lesson_action
def url_session_start(request: HttpRequest) -> HttpResponse:
    if not conf.enabled("URL_SESSIONS_DEMO"):
        return render_lesson(request, lesson, status=404)
    form = url_sessions.NicknameForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"nickname_form": form})
    query = urlencode({url_sessions.SID_PARAMETER: url_sessions.start(form.cleaned_data["nickname"])})
    # A fragment of its own, or the browser would carry the form's (#url-session-form) over the redirect.
    return HttpResponseSeeOther(f"{reverse('cookielab:url-session')}?{query}#url-session-greeting")


def _url_session_page(request: HttpRequest, step: dict[str, Any]) -> HttpResponse:
    if not conf.enabled("URL_SESSIONS_DEMO"):
        return render(request, URL_SESSION_TEMPLATE, {"off": URL_SESSIONS_OFF}, status=404)
    sid = request.GET.get(url_sessions.SID_PARAMETER, "")
    data = url_sessions.load(sid)
    page = {**step, "data": data, "asked_sid": bool(sid)}
    if data is not None:
        page["query"] = urlencode({url_sessions.SID_PARAMETER: sid})
        page["sid"] = sid
    return render(request, URL_SESSION_TEMPLATE, page, status=200 if data is not None else 404)


@never_cache
@require_safe
def url_session(request: HttpRequest) -> HttpResponse:
    return _url_session_page(request, {"step": "first"})


@never_cache
@require_safe
def url_session_next(request: HttpRequest) -> HttpResponse:
    referer = request.headers.get("Referer", "")
    sid = request.GET.get(url_sessions.SID_PARAMETER, "")
    step = {
        "step": "next",
        "referer": referer,
        "leaked": bool(referer) and bool(sid) and url_sessions.sid_in(referer, sid),
    }
    return _url_session_page(request, step)


urlpatterns = [
    path("test-cookie/", set_test_cookie, name="test-cookie"),
    path("url-session/", url_session, name="url-session"),
    path("url-session/start/", url_session_start, name="url-session-start"),
    path("url-session/next/", url_session_next, name="url-session-next"),
]
