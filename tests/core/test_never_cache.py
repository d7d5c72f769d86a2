"""Cookie Lab's never_cache writes exactly the headers Django's writes, whatever the response had."""

from __future__ import annotations

import time

import pytest
from django.http import HttpResponse
from django.http import JsonResponse
from django.test import RequestFactory
from django.utils import cache as django_cache

from cookielab.core import never_cache

EXISTING = {
    "none": {},
    "public": {"Cache-Control": "public, max-age=60"},
    "expires": {"Expires": "Thu, 01 Jan 2037 00:00:00 GMT"},
    "both": {"Cache-Control": "no-transform", "Expires": "Thu, 01 Jan 2037 00:00:00 GMT"},
}


def response_with(headers: dict[str, str]) -> HttpResponse:
    response = HttpResponse("hello")
    for name, value in headers.items():
        response.headers[name] = value
    return response


@pytest.mark.parametrize("now", [1_700_000_000.0, 1_700_000_000.999, 1_700_000_001.2, 2_000_000_123.5])
@pytest.mark.parametrize("existing", EXISTING.values(), ids=EXISTING.keys())
def test_the_headers_are_djangos(existing, now, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: now)
    ours, djangos = response_with(existing), response_with(existing)
    never_cache.add_never_cache_headers(ours)
    django_cache.add_never_cache_headers(djangos)
    assert sorted(ours.items()) == sorted(djangos.items())


def test_the_decorator_marks_what_the_view_returns():
    @never_cache.never_cache
    def counts(request):
        return JsonResponse({"views": 1})

    response = counts(RequestFactory().get("/"))
    assert response.content == b'{"views": 1}'
    assert "no-store" in response["Cache-Control"] and response.has_header("Expires")
    assert counts.__name__ == "counts"
