"""The teacher's dashboard, its JSON, "End the class", and a student's optional nickname.

Without the teacher's key or cookie every teacher route answers 404, as if it did not exist: the
page says nothing about students, and neither does the JSON endpoint. Outside classroom mode they
all answer 404. Their responses stay out of the wire panel, which never shows the teacher's cookie.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST
from django.views.decorators.http import require_safe

from cookielab.classroom import dashboard
from cookielab.classroom import students
from cookielab.classroom import teacher
from cookielab.core import wire
from cookielab.core.never_cache import never_cache
from cookielab.lessons.base import HttpResponseSeeOther


class EndClassForm(forms.Form):
    confirm = forms.BooleanField(
        label="Yes: delete this class's records (students, answers, lessons finished).",
        error_messages={"required": "Tick the box first: ending the class cannot be undone."},
    )


class NicknameForm(forms.Form):
    nickname = forms.CharField(
        label="Nickname (optional)",
        max_length=students.NICKNAME_MAX_LENGTH,
        required=False,
        strip=True,
        error_messages={"max_length": f"At most {students.NICKNAME_MAX_LENGTH} characters."},
    )


def _teacher_only(request: HttpRequest) -> None:
    if not teacher.is_teacher(request):
        raise Http404("Not found.")


def _dashboard_page(request: HttpRequest, form: EndClassForm, status: int = 200) -> HttpResponse:
    context: dict[str, Any] = {
        "snapshot": dashboard.snapshot(),
        "refresh_seconds": dashboard.REFRESH_SECONDS,
        "end_form": form,
        "ended": request.GET.get("ended"),
    }
    return wire.not_recorded(render(request, "cookielab/classroom/teacher.html", context, status=status))


@never_cache
@require_safe
def teacher_dashboard(request: HttpRequest) -> HttpResponse:
    """The teacher link (``?key=…``) lets the teacher in with a cookie, and drops the key from the address."""
    if "key" in request.GET:
        if not teacher.key_matches(request.GET.get("key")):
            raise Http404("Not found.")
        response = HttpResponseSeeOther(reverse("cookielab:classroom-teacher"))
        teacher.admit(request, response)
        return wire.not_recorded(response)
    _teacher_only(request)
    return _dashboard_page(request, EndClassForm())


@never_cache
@require_safe
def teacher_data(request: HttpRequest) -> HttpResponse:
    _teacher_only(request)
    return wire.not_recorded(JsonResponse(dashboard.snapshot().as_json()))


@never_cache
@require_POST
def end_class(request: HttpRequest) -> HttpResponse:
    _teacher_only(request)
    form = EndClassForm(request.POST)
    if not form.is_valid():
        return _dashboard_page(request, form)
    ended = students.end_class()
    return wire.not_recorded(HttpResponseSeeOther(f"{reverse('cookielab:classroom-teacher')}?ended={ended}#end"))


@never_cache
@require_POST
def nickname(request: HttpRequest) -> HttpResponse:
    if not students.enabled():
        raise Http404("Not found.")
    form = NicknameForm(request.POST)
    outcome = "too-long"
    response = HttpResponseSeeOther(reverse("cookielab:index"))
    if form.is_valid():
        outcome = "saved" if students.set_nickname(request, response, form.cleaned_data["nickname"]) else "full"
    response["Location"] = f"{reverse('cookielab:index')}?nickname={outcome}#classroom"
    return response
