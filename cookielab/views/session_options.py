"""Lesson: express-session's options in Django, shown live: expiry on read vs write, empty sessions."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from cookielab.core.inspector import describe_session
from cookielab.core.inspector import load_session
from cookielab.core.session_stores import locate_session
from cookielab.session_options import option_rows
from cookielab.views.base import render_lesson

WRITES_KEY = "options_demo"


@require_http_methods(["GET", "POST"])
def session_options(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        store_error = load_session(request)
        if not store_error:
            before = locate_session(settings.SESSION_ENGINE, request.session.session_key).stored_expiry
            demo = request.session.get(WRITES_KEY) or {}
            request.session[WRITES_KEY] = {
                "writes": int(demo.get("writes", 0)) + 1,
                "expiry_before_write": before.isoformat() if before else None,
            }
        return redirect(reverse("cookielab:session-options") + "#expiry-demo")
    inspector = describe_session(request)
    demo = request.session.get(WRITES_KEY) or {}
    context = {
        "inspector": inspector,
        "options": option_rows(),
        "writes": demo.get("writes", 0),
        "expiry_before_write": demo.get("expiry_before_write"),
        "now": timezone.now(),
        "save_every_request": settings.SESSION_SAVE_EVERY_REQUEST,
    }
    return render_lesson(request, "session-options", context)


@require_GET
def session_options_read(request: HttpRequest) -> HttpResponse:
    """A page that only reads the session: Django saves nothing and sends no session cookie."""
    return render(request, "cookielab/lessons/session-options-read.html", {"inspector": describe_session(request)})
