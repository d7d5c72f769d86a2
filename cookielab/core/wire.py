"""The "What crossed the wire" panel: the headers that really went between browser and server.

The server cannot read a browser's cookie jar, and a page cannot see the ``Set-Cookie`` headers
of the response that produced it. So the wire tap keeps, per browser, the last few exchanges
(request ``Cookie`` header and every ``Set-Cookie`` of the response) in a cache. To recognise a
browser between requests it needs a cookie of its own: remembering anything over HTTP takes one.

Each exchange also notes where a redirect sent the browser (so the panel can tell the chain that led to a
page: POST → 303 → GET) and whether a page's script made the request (``Sec-Fetch-Mode`` other than
``navigate``). Consecutive script requests of one method and path since the last page load share a single
entry that counts them by status: fifty ``fetch()`` calls are one line, and never push the page out.
What the panel makes of the history is in ``cookielab.core.wire_story``.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime
from datetime import timezone
from typing import Any
from typing import TypeVar

from django.core import signing
from django.core.cache import caches
from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.conf import conf
from cookielab.core.paths import app_root_path
from cookielab.core.secret_cookies import shown_exchange

logger = logging.getLogger(__name__)
ResponseT = TypeVar("ResponseT", bound=HttpResponse)

_SIGNER = signing.Signer(salt="cookielab.wire")
_MAX_TAP_COOKIE_CHARS = 100
# Per-request flags: the middleware marks a request it taps; a page that shows the panel asks for a tap.
_TAPPED = "cookielab_wire_tapped"
_WANTED = "cookielab_wire_wanted"
_MARKER = "cookielab_wire_marker"
# What one exchange may keep: each header cut at 8 KiB, and at most 16 KiB of Set-Cookie headers in all
# (the heaviest lesson response, cookie-limits, sends about 8.5 KiB). See docs/limits.md.
_MAX_HEADER_CHARS = 8192
_MAX_SET_COOKIE_CHARS = 16384
_MAX_PATH_CHARS = 512
# Where a redirect points: the app's own URLs, ASCII (Django escapes a Location), so 256 characters cost 256 bytes.
_MAX_LOCATION_CHARS = 256
# A merged entry counts requests by status: a handful of codes at most, bounded anyway.
_MAX_STATUS_KINDS = 8
PAGE = "page"
SCRIPT = "script"


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


def kept_history(request: HttpRequest) -> list[dict[str, Any]]:
    """This browser's recent exchanges as kept, newest first, secrets unmasked: for comparing, never for showing."""
    tap = tap_id(request)
    if tap is None:
        return []
    try:
        kept = caches[conf.WIRE_CACHE].get(_cache_key(tap)) or []
    except Exception:  # a cache outage must not break the page that shows the panel
        logger.warning("wire panel: cache %r unavailable", conf.WIRE_CACHE, exc_info=True)
        return []
    return kept if isinstance(kept, list) else []


def history(request: HttpRequest) -> list[dict[str, Any]]:
    """This browser's recent exchanges, newest first, as a page may show them; empty when none were kept.

    The values of the secret cookies (session, wire id) are masked unless reveal is on: a page must
    not hand an HttpOnly cookie to the scripts that can fetch it.
    """
    return [shown_exchange(exchange) for exchange in kept_history(request)]


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


def request_kind(request: HttpRequest) -> str:
    """``"script"`` for a page script's request (fetch, XHR), ``"page"`` for anything else.

    Browsers say so in ``Sec-Fetch-Mode`` (sent to HTTPS and loopback origins); without it a request counts
    as a page load, so on plain HTTP to another host script requests are simply not merged.
    """
    mode = request.META.get("HTTP_SEC_FETCH_MODE", "navigate")  # request.headers would copy every header first
    return PAGE if mode == "navigate" else SCRIPT


def exchange_of(request: HttpRequest, response: HttpResponse) -> dict[str, Any]:
    """What the panel keeps of one request and its response (each field bounded: see docs/limits.md)."""
    set_cookie, left_out = kept_set_cookies(set_cookie_headers(response))
    location = ""
    if 300 <= response.status_code < 400 and response.has_header("Location"):
        location = response["Location"][:_MAX_LOCATION_CHARS]
    exchange: dict[str, Any] = {
        "method": request.method,
        # The path and a redirect's Location share 512 characters: the bound of docs/limits.md is unchanged.
        "path": request.get_full_path()[: _MAX_PATH_CHARS - len(location)],
        "status": response.status_code,
        "cookie": request.headers.get("Cookie", "")[:_MAX_HEADER_CHARS],
        "set_cookie": set_cookie,
        "set_cookie_left_out": left_out,
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "kind": request_kind(request),
    }
    if location:
        exchange["location"] = location
    return exchange


def merged(kept: list[dict[str, Any]], exchange: dict[str, Any]) -> list[dict[str, Any]]:
    """The history with ``exchange`` added: newest first, a script request folded into its twin since the last page."""
    if exchange["kind"] == SCRIPT:
        route = (exchange["method"], exchange["path"].partition("?")[0])
        for index, earlier in enumerate(kept):
            if earlier.get("kind") != SCRIPT:
                break
            if (earlier["method"], earlier["path"].partition("?")[0]) == route:
                statuses = dict(earlier.get("statuses") or {str(earlier["status"]): earlier.get("count", 1)})
                status = str(exchange["status"])
                if status in statuses or len(statuses) < _MAX_STATUS_KINDS:
                    statuses[status] = statuses.get(status, 0) + 1
                folded = {**exchange, "count": earlier.get("count", 1) + 1, "statuses": statuses}
                return [*kept[:index], folded, *kept[index + 1 :]][: conf.WIRE_HISTORY]
    return [exchange, *kept][: conf.WIRE_HISTORY]


def record(request: HttpRequest, response: HttpResponse, tap: str) -> None:
    exchange = exchange_of(request, response)
    cache = caches[conf.WIRE_CACHE]
    key = _cache_key(tap)
    try:
        kept = cache.get(key) or []
        cache.set(key, merged(kept, exchange), conf.WIRE_TTL)
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


def not_recorded(response: ResponseT) -> ResponseT:
    """Keep this response out of the panel (a burst of fetch() calls must not push the page out)."""
    response.cookielab_wire_skip = True  # type: ignore[attr-defined]
    return response


def mark_tapped(request: HttpRequest) -> None:
    setattr(request, _TAPPED, True)


def tap_wanted(request: HttpRequest) -> bool:
    return bool(getattr(request, _WANTED, False))


def want_tap(request: HttpRequest) -> None:
    """This response shows the panel: the middleware gives the browser a wire id if it has none."""
    setattr(request, _WANTED, True)


def is_tapped(request: HttpRequest) -> bool:
    """Whether WireTapMiddleware sees this request (the panel is off without it)."""
    return bool(getattr(request, _TAPPED, False))


def response_marker(request: HttpRequest) -> str:
    """A placeholder, unique to this request, where the page shows its own response's ``Set-Cookie`` headers.

    A page is rendered before the session and CSRF middleware add their cookies, so the middleware, which
    sees the finished response, replaces the placeholder (see ``fill_response_step``).
    """
    marker = getattr(request, _MARKER, None)
    if marker is None:
        marker = f"<!--cookielab-wire-response-{secrets.token_hex(8)}-->"
        setattr(request, _MARKER, marker)
    return str(marker)


def marker_of(request: HttpRequest) -> str | None:
    marker = getattr(request, _MARKER, None)
    return str(marker) if marker is not None else None
