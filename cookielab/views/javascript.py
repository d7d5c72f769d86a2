"""Lesson: Cookies in JavaScript — document.cookie, cookieStore, and the HttpOnly wall."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from cookielab.core.paths import app_root_path
from cookielab.views.base import render_lesson

HTTPONLY_COOKIE = "js_demo_httponly"
HTTPONLY_VALUE = "set-by-the-server"
DEMO_PREFIX = "js_demo_"


def demo_cookies(request: HttpRequest) -> dict[str, str]:
    return {name: value for name, value in request.COOKIES.items() if name.startswith(DEMO_PREFIX)}


@require_GET
def cookies_in_javascript(request: HttpRequest) -> HttpResponse:
    lab_path = app_root_path()
    context = {
        "server_cookies": sorted(request.COOKIES),
        "demo_cookies": demo_cookies(request),
        "httponly_cookie": HTTPONLY_COOKIE,
        "cookie_path": lab_path,
    }
    response = render_lesson(request, "cookies-in-javascript", context)
    response.set_cookie(HTTPONLY_COOKIE, HTTPONLY_VALUE, path=lab_path, httponly=True, samesite="Lax", max_age=3600)
    return response


@require_GET
def echo(request: HttpRequest) -> JsonResponse:
    """The demo's cookies as the server received them. Only ``js_demo_*`` values: echoing every cookie
    (the session id included) to JavaScript would undo what HttpOnly protects."""
    demo = demo_cookies(request)
    return JsonResponse({"demo_cookies": demo, "other_names": sorted(set(request.COOKIES) - set(demo))})
