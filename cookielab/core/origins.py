"""Loopback origins: this server under a name that a browser counts as another site."""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest
from django.http.request import split_domain_port

# 127.0.0.1 and localhost are different *sites* to a browser, though both reach this server.
LOOPBACK_TWINS = {"127.0.0.1": "localhost", "localhost": "127.0.0.1"}


def twin_origin(request: HttpRequest) -> str | None:
    """This server under its other loopback name (same scheme and port), or None elsewhere."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    domain, port = split_domain_port(host)
    twin = LOOPBACK_TWINS.get(domain)
    if twin is None:
        return None
    return f"{request.scheme}://{twin}{':' + port if port else ''}"
