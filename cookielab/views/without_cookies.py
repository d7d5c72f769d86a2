"""Lesson: browsers without cookies: the test cookie, navigator.cookieEnabled, and sessions in URLs."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import url_sessions
from cookielab.conf import conf
from cookielab.views.base import render_lesson

SLUG = "without-cookies"
URL_SESSIONS_OFF = (
    "The URL-session demo is off on this site. It puts a (demo) session id in URLs, which a real site "
    "must never do; set COOKIELAB_URL_SESSIONS_DEMO = True to turn it on (on by default only when DEBUG is)."
)


def _lesson(request: HttpRequest, form: url_sessions.NicknameForm | None = None, status: int = 200) -> HttpResponse:
    context: dict[str, object] = {
        "url_sessions_on": conf.enabled("URL_SESSIONS_DEMO"),
        "url_sessions_off": URL_SESSIONS_OFF,
        "nickname_form": form or url_sessions.NicknameForm(),
        "max_nickname_length": url_sessions.MAX_NICKNAME_LENGTH,
        "checked": "check" in request.GET,
    }
    if context["checked"]:
        # The second request: did the cookie set on the first one come back?
        context["test_cookie_worked"] = request.session.test_cookie_worked()
        if context["test_cookie_worked"]:
            request.session.delete_test_cookie()
    return render_lesson(request, SLUG, context, status=status)


@never_cache
@require_GET
def without_cookies(request: HttpRequest) -> HttpResponse:
    return _lesson(request)


@require_POST
def set_test_cookie(request: HttpRequest) -> HttpResponse:
    request.session.set_test_cookie()
    return redirect(f"{reverse('cookielab:without-cookies')}?check=1#test-cookie")


def _url_session_page(request: HttpRequest, template: str, context: dict[str, object]) -> HttpResponse:
    if not conf.enabled("URL_SESSIONS_DEMO"):
        return render(request, template, {"off": URL_SESSIONS_OFF}, status=404)
    sid = request.GET.get(url_sessions.SID_PARAMETER, "")
    data = url_sessions.load(sid)
    context = {**context, "data": data, "asked_sid": bool(sid)}
    if data is not None:
        context["query"] = urlencode({url_sessions.SID_PARAMETER: sid})
        context["sid"] = sid
    return render(request, template, context, status=200 if data is not None else 404)


@require_POST
def url_session_start(request: HttpRequest) -> HttpResponse:
    if not conf.enabled("URL_SESSIONS_DEMO"):
        return _lesson(request, status=404)
    form = url_sessions.NicknameForm(request.POST)
    if not form.is_valid():
        return _lesson(request, form, status=400)
    sid = url_sessions.start(form.cleaned_data["nickname"])
    query = urlencode({url_sessions.SID_PARAMETER: sid})
    return redirect(f"{reverse('cookielab:url-session')}?{query}")


@never_cache
@require_GET
def url_session(request: HttpRequest) -> HttpResponse:
    return _url_session_page(request, "cookielab/url_session.html", {"step": "first"})


@never_cache
@require_GET
def url_session_next(request: HttpRequest) -> HttpResponse:
    referer = request.headers.get("Referer", "")
    sid = request.GET.get(url_sessions.SID_PARAMETER, "")
    context = {
        "step": "next",
        "referer": referer,
        "leaked": bool(referer) and bool(sid) and url_sessions.sid_in(referer, sid),
    }
    return _url_session_page(request, "cookielab/url_session.html", context)
