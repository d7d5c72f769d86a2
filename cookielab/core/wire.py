"""The "What crossed the wire" panel: the headers that really went between browser and server.

The server cannot read a browser's cookie jar, and a page cannot see the ``Set-Cookie`` headers
of the response that produced it. So the wire tap keeps, per browser, the last few exchanges
(request ``Cookie`` header and every ``Set-Cookie`` of the response) in a cache. To recognise a
browser between requests it needs a cookie of its own: remembering anything over HTTP takes one.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from datetime import timezone
from itertools import islice
from typing import Any
from typing import TypeVar

from django.core import signing
from django.core.cache import caches
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from cookielab.conf import conf
from cookielab.core.paths import app_root_path
from cookielab.core.secret_cookies import shown_cookie_header
from cookielab.core.secret_cookies import shown_cookies
from cookielab.core.secret_cookies import shown_exchange

logger = logging.getLogger(__name__)
ResponseT = TypeVar("ResponseT", bound=HttpResponse)

# A page lists at most this many of the request's cookies (a full jar is ~180; a crafted header, thousands).
SHOWN_COOKIES = 50
_SIGNER = signing.Signer(salt="cookielab.wire")
_MAX_TAP_COOKIE_CHARS = 100
# Per-request flags: the middleware marks a request it taps; a page that shows the panel asks for a tap.
_TAPPED = "cookielab_wire_tapped"
_WANTED = "cookielab_wire_wanted"
# What one exchange may keep: each header cut at 8 KiB, and at most 16 KiB of Set-Cookie headers in all
# (the heaviest lesson response, cookie-limits, sends about 8.5 KiB). See docs/limits.md.
_MAX_HEADER_CHARS = 8192
_MAX_SET_COOKIE_CHARS = 16384
_MAX_PATH_CHARS = 512


def tap_id(request: HttpRequest) -> str | None:
    """The wire id the browser sent, if this server issued it (a made-up id gets no cache entry)."""
    value = request.COOKIES.get(conf.WIRE_COOKIE_NAME, "")
    if len(value) > _MAX_TAP_COOKIE_CHARS:
        return None
    try:
        return _SIGNER.unsign(value)
    except signing.BadSignature:
        return None


def _cache_key(tap: str) -> str:
    return f"cookielab:wire:{tap}"


def set_cookie_headers(response: HttpResponse) -> list[str]:
    """Every ``Set-Cookie`` header of ``response``, exactly as the handler will send it."""
    return [morsel.OutputString() for morsel in response.cookies.values()]


def history(request: HttpRequest) -> list[dict[str, Any]]:
    """This browser's recent exchanges, newest first, as a page may show them; empty when none were kept.

    The values of the secret cookies (session, wire id) are masked unless reveal is on: a page must
    not hand an HttpOnly cookie to the scripts that can fetch it.
    """
    tap = tap_id(request)
    if tap is None:
        return []
    try:
        kept = caches[conf.WIRE_CACHE].get(_cache_key(tap)) or []
    except Exception:  # a cache outage must not break the page that shows the panel
        logger.warning("wire panel: cache %r unavailable", conf.WIRE_CACHE, exc_info=True)
        return []
    return [shown_exchange(exchange) for exchange in kept]


def kept_set_cookies(headers: list[str]) -> tuple[list[str], int]:
    """The Set-Cookie headers one exchange keeps (each cut at 8 KiB, 16 KiB in all) and how many were left out."""
    kept: list[str] = []
    total = 0
    for header in headers:
        header = header[:_MAX_HEADER_CHARS]
        if total + len(header) > _MAX_SET_COOKIE_CHARS:
            break
        kept.append(header)
        total += len(header)
    return kept, len(headers) - len(kept)


def record(request: HttpRequest, response: HttpResponse, tap: str) -> None:
    set_cookie, left_out = kept_set_cookies(set_cookie_headers(response))
    exchange = {
        "method": request.method,
        "path": request.get_full_path()[:_MAX_PATH_CHARS],
        "status": response.status_code,
        "cookie": request.headers.get("Cookie", "")[:_MAX_HEADER_CHARS],
        "set_cookie": set_cookie,
        "set_cookie_left_out": left_out,
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }
    cache = caches[conf.WIRE_CACHE]
    key = _cache_key(tap)
    try:
        kept = cache.get(key) or []
        cache.set(key, [exchange, *kept][: conf.WIRE_HISTORY], conf.WIRE_TTL)
    except Exception:
        logger.warning("wire panel: cache %r unavailable", conf.WIRE_CACHE, exc_info=True)


def start_tap(request: HttpRequest, response: HttpResponse) -> str:
    """Give the browser a wire id (a session cookie limited to the lab's own URLs)."""
    tap = secrets.token_urlsafe(16)
    response.set_cookie(
        conf.WIRE_COOKIE_NAME,
        _SIGNER.sign(tap),
        path=app_root_path(),
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )
    return tap


def panel(request: HttpRequest) -> dict[str, Any]:
    """Template context for the wire panel of the page being rendered."""
    exchanges = history(request)
    setattr(request, _WANTED, True)
    return {
        "enabled": getattr(request, _TAPPED, False),
        "cookie_header": shown_cookie_header(request.headers.get("Cookie", "")),
        "cookies": shown_cookies(islice(request.COOKIES.items(), SHOWN_COOKIES)),
        "more_cookies": max(len(request.COOKIES) - SHOWN_COOKIES, 0),
        "tap_cookie_name": conf.WIRE_COOKIE_NAME,
        "previous": exchanges[0] if exchanges else None,
        "earlier": exchanges[1:],
    }


@require_safe
def panel_fragment(request: HttpRequest) -> HttpResponse:
    """The panel alone, for pages that refresh it after a fetch() demo (itself never recorded)."""
    response = render(request, "cookielab/includes/wire-panel.html", {"wire": panel(request)})
    return not_recorded(response)


def not_recorded(response: ResponseT) -> ResponseT:
    """Keep this response out of the panel (a burst of fetch() calls must not push the page out)."""
    response.cookielab_wire_skip = True  # type: ignore[attr-defined]
    return response


def mark_tapped(request: HttpRequest) -> None:
    setattr(request, _TAPPED, True)


def tap_wanted(request: HttpRequest) -> bool:
    return bool(getattr(request, _WANTED, False))
