"""The Content-Security-Policy sources Cookie Lab's pages need, for a host project that sends a policy.

Every page works under ``default-src 'self'``: no inline script or style, no ``eval``, nothing
from a CDN. The one exception is the second site of the two-host demos (cookie use cases, cookie
flags, CSRF): on 127.0.0.1 or localhost a page loads an image from, and posts forms to, this same
server under its other loopback name (``cookielab.core.origins.twin_origin``). Anywhere else there is
no second site and ``'self'`` is all the app needs.

Policies here are dicts in the shape of Django 6's ``SECURE_CSP``: directive name to a list of
sources (``True``: the directive alone, ``None``/``False``: left out).

    # Django 6, a static policy that lets the two-host demos work on any loopback port in development:
    SECURE_CSP = merge(MY_POLICY, directives(loopback_any_port=DEBUG))
    # Any Django version, per request (exactly this server's other loopback name):
    response.headers["Content-Security-Policy"] = header_value(merge(MY_POLICY, directives(request)))
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import TypeAlias

from django.http import HttpRequest

from cookielab.core.origins import twin_origin

SELF = "'self'"
# Both loopback names on any port, same scheme as the page: for a policy written once in settings.
LOOPBACK_ANY_PORT = ("127.0.0.1:*", "localhost:*")

Sources: TypeAlias = Sequence[str] | bool | None
Policy: TypeAlias = Mapping[str, Sources]


def directives(request: HttpRequest | None = None, *, loopback_any_port: bool = False) -> dict[str, list[str]]:
    """What Cookie Lab needs, directive by directive.

    With ``request``: this server's other loopback name when the request came to 127.0.0.1 or
    localhost (same scheme and port). With ``loopback_any_port``: both loopback names on any port.
    ``form-action`` is listed because a policy that restricts it does not fall back to ``default-src``.
    """
    twin = twin_origin(request) if request is not None else None
    return directives_for_twin(twin, loopback_any_port=loopback_any_port)


def directives_for_twin(twin: str | None, *, loopback_any_port: bool = False) -> dict[str, list[str]]:
    """``directives()`` once this server's other loopback origin is known (None: it has none)."""
    second_site = [twin] if twin else []
    if loopback_any_port:
        second_site += LOOPBACK_ANY_PORT
    return {"default-src": [SELF], "img-src": [SELF, *second_site], "form-action": [SELF, *second_site]}


def _sources(value: Sources | str) -> list[str] | bool | None:
    """A directive's value as a list of sources (a single string and a set count too, as in Django)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return [value]
    return sorted(value) if isinstance(value, (set, frozenset)) else list(value)


def merge(*policies: Policy) -> dict[str, Sources]:
    """One policy allowing what each allows: a directive's sources are added in order, without repeats.

    A directive that is ``True`` (no sources) or ``None`` keeps the value of the first policy naming it.
    """
    merged: dict[str, Sources] = {}
    for policy in policies:
        for name, value in policy.items():
            sources = _sources(value)
            kept = merged.get(name)
            if isinstance(kept, list) and isinstance(sources, list):
                merged[name] = [*kept, *(source for source in sources if source not in kept)]
            elif name not in merged:
                merged[name] = sources
    return merged


def header_value(policy: Policy) -> str:
    """``policy`` as a Content-Security-Policy header value, written as Django 6's middleware writes SECURE_CSP."""
    parts = []
    for name, sources in policy.items():
        if sources is None or sources is False:
            continue
        listed = _sources(sources)
        if listed is True:
            parts.append(name)
        elif isinstance(listed := _sources(sources), list) and listed:
            parts.append(" ".join([name, *listed]))
    return "; ".join(parts)
