"""Lesson: Setting cookies — the lecture's /setcookie/ route and the cookie workbench."""

from __future__ import annotations

import time
from urllib.parse import urlencode

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from cookielab import workbench
from cookielab.conf import conf
from cookielab.core import cookies
from cookielab.core import wire
from cookielab.views.base import render_lesson

SLUG = "setting-cookies"
LECTURE_COOKIE = {"key": "username", "value": "john doe", "max_age": 900, "httponly": True, "path": "/"}


def _sent_header(request: HttpRequest, name: str) -> str | None:
    """The Set-Cookie header for ``name`` in the workbench's last POST, as the wire tap recorded it."""
    for exchange in wire.history(request):
        if exchange["method"] == "POST":
            return next((h for h in exchange["set_cookie"] if h.startswith(f"{name}=")), None)
    return None


def _page(request: HttpRequest, form: workbench.WorkbenchForm, *, status: int = 200, **extra) -> HttpResponse:
    now = time.time()
    held = workbench.held_cookies(request, now)
    context = {
        "form": form,
        "held": [(cookie, request.COOKIES.get(cookie.name)) for cookie in held],
        "max_cookies": conf.WORKBENCH_MAX_COOKIES,
        "lecture_cookie": LECTURE_COOKIE,
        "request_host": cookies.request_host(request),
        **extra,
    }
    just_set = request.GET.get("set")
    if just_set:
        context["just_set"] = just_set
        context["outcome"] = workbench.outcome(request, just_set, now)
        context["sent_header"] = _sent_header(request, just_set)
    context["deleted"] = request.GET.get("deleted")
    return render_lesson(request, SLUG, context, status=status)


@require_http_methods(["GET", "POST"])
def setting_cookies(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _page(request, workbench.WorkbenchForm(request=request))
    form = workbench.WorkbenchForm(request.POST, request=request)
    if not form.is_valid():
        return _page(request, form, status=400)
    name = form.cleaned_data["name"]
    response = redirect(f"{reverse('cookielab:setting-cookies')}?{urlencode({'set': name})}#workbench-result")
    form.set_cookie(response)
    workbench.remember(request, response, form.remembered(), form.now)
    return response


@require_POST
def delete_workbench_cookie(request: HttpRequest) -> HttpResponse:
    now = time.time()
    form = workbench.DeleteForm(request.POST, held=workbench.held_cookies(request, now))
    if not form.is_valid():
        return _page(request, workbench.WorkbenchForm(request=request), status=400, delete_errors=form.errors["name"])
    cookie = form.cleaned_data["name"]
    response = redirect(f"{reverse('cookielab:setting-cookies')}?{urlencode({'deleted': cookie.name})}#held")
    workbench.expire(request, response, cookie, now)
    return response


@require_GET
def setcookie(request: HttpRequest) -> HttpResponse:
    """The lecture's ``app.get('/setcookie')``: set username=john doe for 900 s, HttpOnly."""
    carrier = HttpResponse()
    carrier.set_cookie(**LECTURE_COOKIE)
    morsel = carrier.cookies[LECTURE_COOKIE["key"]]
    response = _page(request, workbench.WorkbenchForm(request=request), lecture_set_cookie=morsel.OutputString())
    response.cookies[LECTURE_COOKIE["key"]] = morsel
    return response
