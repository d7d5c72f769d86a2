"""Cookie Lab's own middleware: the wire tap behind the "What crossed the wire" panel.

Put it above ``SessionMiddleware`` so that its response phase runs last and sees the session
and CSRF cookies too. Without it the lessons still work; the panel then says it is off.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.core import wire


class WireTapMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.cookielab_wire_tapped = True
        response = self.get_response(request)
        if getattr(response, "cookielab_wire_skip", False):
            return response
        tap = wire.tap_id(request)
        if tap is None and getattr(request, "cookielab_wire_wanted", False):
            tap = wire.start_tap(request, response)
        if tap is not None:
            wire.record(request, response, tap)
        return response
