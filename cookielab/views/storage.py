"""Lesson: the browser storage lab (the lecture's storage table, measured in the browser)."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from cookielab.storage_echo import request_echo
from cookielab.storage_facts import COLUMNS
from cookielab.storage_facts import MARKER_COOKIE_PREFIX
from cookielab.storage_facts import STORAGE_TABLE
from cookielab.views.base import render_lesson


@require_GET
def storage_lab(request: HttpRequest) -> HttpResponse:
    context = {"columns": COLUMNS, "rows": STORAGE_TABLE, "marker_cookie_prefix": MARKER_COOKIE_PREFIX}
    return render_lesson(request, "storage-lab", context)


@require_GET
@never_cache
def storage_echo(request: HttpRequest) -> JsonResponse:
    """The cookies and headers this request carried: the lab checks which of its markers arrived."""
    return JsonResponse(request_echo(request))


@require_GET
def storage_peek(request: HttpRequest) -> HttpResponse:
    """A bare page for a second tab or window: it reports what it sees of the opener's storage."""
    return render(request, "cookielab/storage-peek.html")
