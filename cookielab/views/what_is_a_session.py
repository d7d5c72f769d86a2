"""Lesson: what is a session — the coat-check, seen through the session inspector."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from cookielab.core.inspector import describe_session
from cookielab.session_forms import CoatCheckForm
from cookielab.views.base import render_lesson

COAT_CHECK_KEY = "coat_check"


@require_http_methods(["GET", "POST"])
def what_is_a_session(request: HttpRequest) -> HttpResponse:
    form = CoatCheckForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "collect":
            request.session.flush()
            return redirect(reverse("cookielab:what-is-a-session") + "#inspector")
        form = CoatCheckForm(request.POST)
        if form.is_valid():
            request.session[COAT_CHECK_KEY] = form.cleaned_data["note"]
            return redirect(reverse("cookielab:what-is-a-session") + "#inspector")
        status = 400
    context = {"inspector": describe_session(request), "form": form}
    return render_lesson(request, "what-is-a-session", context, status=status)
