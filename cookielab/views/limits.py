"""Lesson: Cookie limits — a rejection lab Django happily feeds to the browser."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import limits
from cookielab.core.paths import app_root_path
from cookielab.views.base import render_lesson

SLUG = "cookie-limits"


def _paths() -> tuple[str, str]:
    return app_root_path(), reverse("cookielab:cookie-limits")


@require_GET
def cookie_limits(request: HttpRequest) -> HttpResponse:
    rows = [(cookie, cookie.name in request.COOKIES) for cookie in limits.limit_cookies()]
    context = {
        "rows": rows,
        "sent": request.GET.get("sent") == "1",
        "any_held": any(kept for _cookie, kept in rows),
        "lifetime": limits.LIFETIME,
    }
    return render_lesson(request, SLUG, context)


@require_POST
def send(request: HttpRequest) -> HttpResponse:
    response = redirect(reverse("cookielab:cookie-limits") + "?sent=1#limits-result")
    limits.send_all(response, *_paths())
    return response


@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    response = redirect(reverse("cookielab:cookie-limits") + "#limits-result")
    limits.expire_all(response, *_paths())
    return response
