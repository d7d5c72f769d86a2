"""The ``Cookie`` and ``Set-Cookie`` headers as the lessons show them: split, parsed, shortened, written."""

from __future__ import annotations

import re
import time
from collections.abc import Collection
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import unquote

from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.http import http_date

from cookielab.core import wire

EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT"


def add_cookie(
    response: HttpResponse,
    name: str,
    value: str,
    *,
    path: str,
    domain: str | None = None,
    max_age: int | None = None,
    samesite: str | None = "Lax",
    secure: bool = False,
) -> None:
    """Set a cookie (SameSite=Lax unless told), even when ``response`` already sets another of the same name.

    Django keys ``response.cookies`` by name, so a second cookie of that name (with another path)
    needs a slot of its own; the morsel still carries the real name.
    """
    jar = SimpleCookie()
    jar[name] = value
    morsel = jar[name]
    morsel["path"] = path
    if domain:
        morsel["domain"] = domain
    if samesite:
        morsel["samesite"] = samesite
    if secure:
        morsel["secure"] = True
    if max_age is not None:
        morsel["max-age"] = max_age
        morsel["expires"] = EXPIRED if max_age <= 0 else http_date(time.time() + max_age)
    slot = name if name not in response.cookies or response.cookies[name]["path"] == path else f"{name} {path}"
    response.cookies[slot] = morsel


def expire_cookie(
    response: HttpResponse, name: str, *, path: str, samesite: str | None = "Lax", secure: bool = False
) -> None:
    """Expire the cookie ``name`` at ``path`` (Max-Age=0), beside any other cookie of that name the response sets.

    A ``SameSite=None`` or ``__Secure-``/``__Host-`` cookie is only replaced by a Secure one.
    """
    secure = secure or samesite == "None" or name.startswith(("__Secure-", "__Host-"))
    add_cookie(response, name, "", path=path, max_age=0, samesite=samesite, secure=secure)


def set_cookies_named(exchange: dict[str, Any] | None, names: Collection[str]) -> list[str]:
    """The ``Set-Cookie`` headers of a recorded exchange that set one of ``names``."""
    if not exchange:
        return []
    return [header for header in exchange.get("set_cookie", []) if header.split("=", 1)[0] in names]


def previous_set_cookies(request: HttpRequest, names: Collection[str]) -> list[str]:
    """The ``Set-Cookie`` headers for ``names`` of the response this browser got before this request."""
    exchanges = wire.history(request)
    return set_cookies_named(exchanges[0] if exchanges else None, names)


def cookie_pairs(header: str) -> list[tuple[str, str]]:
    """The name/value pairs of a ``Cookie`` header, in the order the browser sent them, undecoded."""
    pairs = []
    for chunk in header.split(";"):
        name, equals, value = chunk.partition("=")
        if equals:
            pairs.append((name.strip(" \t"), value.strip(" \t")))
    return pairs


_MALFORMED_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _percent_decode(value: str) -> str:
    """Like JavaScript's decodeURIComponent, falling back to the raw text where that would throw."""
    if "%" not in value or _MALFORMED_ESCAPE.search(value):
        return value
    try:
        return unquote(value, errors="strict")
    except UnicodeDecodeError:
        return value


def first_wins_parse(header: str) -> dict[str, str]:
    """Parse a ``Cookie`` header the way the npm ``cookie`` package (behind cookie-parser) does.

    The first pair of a name wins; surrounding double quotes are dropped; values are
    percent-decoded when that succeeds. Django's ``parse_cookie`` keeps the last pair instead.
    """
    cookies: dict[str, str] = {}
    for name, value in cookie_pairs(header):
        if name in cookies:
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        cookies[name] = _percent_decode(value)
    return cookies


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, an ellipsis last, to fit a header line in a drawing."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
