"""Cookies whose values a page must not echo: the HttpOnly cookies the site itself sets.

HttpOnly keeps a cookie away from ``document.cookie``, but a page that prints the cookie's value
hands it to any same-origin script that fetches the page. So the session cookie, the wire panel's
id, classroom mode's student and teacher cookies (and the CSRF cookie, when ``CSRF_COOKIE_HTTPONLY``
is on) are shown masked — first and last four characters — unless ``COOKIELAB_REVEAL_SESSION_KEYS``
is on (by default: only when DEBUG is on).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings

from cookielab.conf import conf

# One "name=value" pair of a Cookie header, with what separates it from the previous one.
_COOKIE_PAIR = re.compile(r"(?P<lead>(?:^|;)\s*)(?P<name>[^=;]*?)(?P<equals>\s*=\s*)(?P<value>[^;]*)")
_EMPTY_VALUES = {"", '""'}


def mask_key(key: str) -> str:
    """The first and last four characters of a session key; the rest is a secret worth a login."""
    if len(key) <= 12:
        return "•" * len(key)
    return f"{key[:4]}…{key[-4:]}"


def reveal_allowed() -> bool:
    """Whether pages may show session keys (and the other secret cookies) in full."""
    return conf.enabled("REVEAL_SESSION_KEYS")


def secret_cookie_names() -> frozenset[str]:
    # The classroom's cookies too: the teacher's is a pass to the dashboard, a student's tells their records apart.
    names = {settings.SESSION_COOKIE_NAME, conf.WIRE_COOKIE_NAME, conf.TEACHER_COOKIE_NAME, conf.STUDENT_COOKIE_NAME}
    if settings.CSRF_COOKIE_HTTPONLY:
        names.add(settings.CSRF_COOKIE_NAME)
    return frozenset(names)


def is_secret(name: str) -> bool:
    return name.strip() in secret_cookie_names()


def shown_value(name: str, value: str) -> str:
    """``value`` as a page may show it: masked when ``name`` is a secret cookie and reveal is off."""
    if value in _EMPTY_VALUES or reveal_allowed() or not is_secret(name):
        return value
    return mask_key(value)


def shown_cookies(cookies: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, shown_value(name, value)) for name, value in cookies]


def shown_cookie_dict(cookies: dict[str, str]) -> dict[str, str]:
    return dict(shown_cookies(cookies.items()))


def shown_cookie_header(header: str) -> str:
    """A ``Cookie`` header with the values of the secret cookies masked, the rest left byte for byte."""
    if reveal_allowed():
        return header

    def mask(match: re.Match[str]) -> str:
        value = shown_value(match["name"], match["value"])
        return f"{match['lead']}{match['name']}{match['equals']}{value}"

    return _COOKIE_PAIR.sub(mask, header)


def shown_set_cookie(header: str) -> str:
    """A ``Set-Cookie`` header with the value masked when it sets a secret cookie."""
    pair, separator, attributes = header.partition(";")
    name, equals, value = pair.partition("=")
    if not equals:
        return header
    return f"{name}={shown_value(name, value)}{separator}{attributes}"


def shown_exchange(exchange: dict[str, Any]) -> dict[str, Any]:
    """One recorded exchange of the wire panel, with its secret cookie values masked."""
    if reveal_allowed():
        return exchange
    shown = dict(exchange)
    if isinstance(shown.get("cookie"), str):
        shown["cookie"] = shown_cookie_header(shown["cookie"])
    if isinstance(shown.get("set_cookie"), list):
        shown["set_cookie"] = [shown_set_cookie(str(header)) for header in shown["set_cookie"]]
    return shown
