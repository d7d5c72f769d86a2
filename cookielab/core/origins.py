"""Origins as a browser judges them: this server under its other loopback name, and which origins are trustworthy."""

from __future__ import annotations

import ipaddress

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


def is_loopback_host(host: str) -> bool:
    """Does a browser count this host name as loopback: ``localhost``, ``*.localhost``, 127.0.0.0/8 or ``[::1]``?"""
    host = host.strip().lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def request_host(request: HttpRequest) -> str:
    """The host name the browser used for this request, without the port ("" when Django refuses it)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return ""
    domain, _port = split_domain_port(host)
    return domain


def is_potentially_trustworthy(request: HttpRequest) -> bool:
    """Whether the page's origin is *potentially trustworthy* to a browser (W3C Secure Contexts, §3.1).

    Such an origin may set and receive ``Secure`` cookies and gets secure-context APIs (cookieStore,
    crypto.subtle…): an ``https`` origin, or plain ``http`` to a loopback host. Anything else, such as
    ``http://192.168.1.20:8000`` from another computer in a classroom, is not: there a browser drops
    every ``Secure`` cookie a response sets, silently.
    """
    return request.is_secure() or is_loopback_host(request_host(request))
