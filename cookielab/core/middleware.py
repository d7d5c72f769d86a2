"""Cookie Lab's own middleware.

- ``CookieHeaderLimitMiddleware``: before anything that reads cookies (after the security-header
  middleware, so its answer carries them); answers 431 to a Cookie header too big to be worth
  parsing, with a page that explains it and expires the biggest cookies.
- ``WireTapMiddleware``: the wire tap behind the "What crossed the wire" panel. Put it above
  ``SessionMiddleware`` so that its response phase runs last and sees the session and CSRF cookies
  too. Without it the lessons still work; the panel then says it is off.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render

from cookielab.conf import conf
from cookielab.core import wire
from cookielab.core import wire_story
from cookielab.core.paths import app_root_path

# The 431 page expires at most this many cookies: enough for any browser's jar for one site (~180).
_MAX_COOKIES_EXPIRED = 200


class CookieHeaderLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.META.get("HTTP_COOKIE", "")
        limit = conf.MAX_COOKIE_HEADER_BYTES
        if len(header) <= limit:
            return self.get_response(request)
        return cookie_header_too_large(request, header, limit)


def cookie_header_too_large(request: HttpRequest, header: str, limit: int) -> HttpResponse:
    """431, with Set-Cookie headers that expire the biggest cookies until the rest fits the limit.

    Only cookies at the app's root path can be expired from here (a browser matches a deletion by
    name, domain *and* path, and a response carries one Set-Cookie per name); the page says how to
    clear the others.
    """
    sizes = sorted(
        ((len(pair.encode("latin-1", "replace")), pair.split("=", 1)[0].strip()) for pair in header.split(";")),
        reverse=True,
    )
    total = len(header)
    expired: list[str] = []
    for size, name in sizes[:_MAX_COOKIES_EXPIRED]:
        if total <= limit // 2:
            break
        if name and name not in expired:
            expired.append(name)
            total -= size + 2
    context = {
        "header_bytes": len(header),
        "cookie_count": len(sizes),
        "limit": limit,
        "expired": expired[:20],
        "expired_count": len(expired),
    }
    response = render(request, "cookielab/cookie-header-too-large.html", context, status=431)
    for name in expired:
        response.delete_cookie(name, path=app_root_path())
    response["Cache-Control"] = "no-store"
    return response


class WireTapMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wire.mark_tapped(request)
        response = self.get_response(request)
        if getattr(response, "cookielab_wire_skip", False):
            return response
        tap = wire.tap_id(request)
        if tap is None and wire.tap_wanted(request):
            tap = wire.start_tap(request, response)
        # After start_tap: the page shows its own answer's Set-Cookie headers, the panel's id among them.
        wire_story.fill_response_step(request, response)
        if tap is not None:
            wire.record(request, response, tap)
        return response
