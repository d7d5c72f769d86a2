"""What the httpbin-compatible API refuses, and how it normalises the cookies it is asked to set.

Names and values are refused, never repaired: the API copies them into ``Set-Cookie`` and other
response headers, so a bad one must never reach them. A cookie's attributes are the exception:
Domain, Path and lifetime are the API's to choose (see ``jar``), so asking for others is not an error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import QueryDict
from django.utils.http import parse_http_date_safe

from cookielab.core import cookies
from cookielab.core.cookies import HTTP_TOKEN
from cookielab.core.cookies import MAX_COOKIE_BYTES
from cookielab.core.cookies import SAMESITE_CHOICES
from cookielab.lessons.tools.httpbin_api.jar import MAX_AGE
from cookielab.lessons.tools.httpbin_api.jar import ApiCookie
from cookielab.lessons.tools.httpbin_api.jar import cookie_pairs
from cookielab.lessons.tools.httpbin_api.jar import hidden_cookie_names

MAX_QUERY_BYTES = 8192
MAX_PAIRS = 20  # cookies or headers in one request
# Refuse to set more cookies once the browser would send the API this many, of every path, or a
# Cookie header this long: far below what makes servers refuse requests (431), so the API can
# never be used to fill a visitor's jar.
MAX_JAR_COOKIES = 50
MAX_JAR_BYTES = 6144
MAX_REDIRECTS = 20
MAX_HEADER_NAME_BYTES = 256
MAX_HEADER_VALUE_BYTES = 4096

_HEADER_VALUE = re.compile(r"[\x20-\x7e\t]*")

# Headers that frame the message or belong to one connection: the server sets them, not the client.
FRAMING_HEADERS = frozenset(
    {
        "connection",
        "content-length",
        "host",
        "keep-alive",
        "proxy-connection",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
    }
)
# Headers that would change how the browser treats this site's pages, or send it elsewhere.
SITE_POLICY_HEADERS = frozenset(
    [
        "clear-site-data",
        "content-disposition",
        "content-encoding",
        "content-security-policy",
        "content-security-policy-report-only",
        "content-type",
        "cross-origin-embedder-policy",
        "cross-origin-opener-policy",
        "cross-origin-resource-policy",
        "location",
        "permissions-policy",
        "referrer-policy",
        "refresh",
        "service-worker-allowed",
        "strict-transport-security",
        "x-content-security-policy",
        "x-content-security-policy-report-only",
        "x-content-type-options",
        "x-dns-prefetch-control",
        "x-download-options",
        "x-frame-options",
        "x-permitted-cross-domain-policies",
        "x-robots-tag",
        "x-ua-compatible",
        "x-webkit-csp",
        "x-xss-protection",
    ]
)
# Beyond those, /response-headers sends only these names and custom X- headers. Everything else
# (Cache-Control, Link, Alt-Svc, NEL, Report-To, Status…) may steer a cache, a proxy or the browser.
ALLOWED_HEADERS = frozenset({"set-cookie", "content-type", "content-language", "freeform"})  # httpbin's example
# X- headers that the proxy or server in front of an app acts on (nginx, Apache, LiteSpeed, Envoy…).
PROXY_CONTROL_PREFIXES = (
    "x-accel-",
    "x-akamai-",
    "x-envoy-",
    "x-forwarded-",
    "x-lighttpd-",
    "x-litespeed-",
    "x-middleware-",
    "x-original-",
    "x-reproxy-",
    "x-rewrite-",
    "x-sendfile",
)
PROXY_CONTROL_HEADERS = frozenset({"x-http-method-override", "x-real-ip"})
# Content-Type only for what the body is anyway, JSON, or plain text; never a type a browser renders.
_SAFE_CONTENT_TYPE = re.compile(r"(application/json|text/plain)(\s*;\s*charset=(utf-8|us-ascii))?", re.IGNORECASE)
_LANGUAGE_TAGS = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*(\s*,\s*[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*)*")


class HttpbinError(ValueError):
    """Input the API refuses; the message is shown to the client as ``{"error": message}``."""


# The rules are cookielab.core.cookies'; the API words its refusals for a client that sees only the JSON.
_COOKIE_ERRORS = {
    "empty": "A cookie needs a name.",
    "name_chars": "Cookie name {name!r} is not an HTTP token: use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ "
    "(no spaces, ; , = or quotes).",
    "attribute_word": "Cookie name {name!r} is a cookie attribute word; pick another name.",
    "dollar_name": "Cookie name {name!r} starts with $, which older parsers read as an attribute; start with a letter.",
    "site_cookie": "Cookie {name!r} belongs to this site itself; the API will not touch it.",
    "value_chars": "The value of cookie {name!r} has a character cookies cannot carry "
    '(space, ; , " \\, a control character or non-ASCII). Encode it first, e.g. Base64.',
    "too_big": "Cookie {name!r} is {size} bytes (name + value); browsers drop cookies over {limit}.",
}


def _refusal(error: ValidationError, name: str, value: str = "") -> HttpbinError:
    size = len(name.encode()) + len(value.encode())
    return HttpbinError(_COOKIE_ERRORS[str(error.code)].format(name=name, size=size, limit=MAX_COOKIE_BYTES))


def validate_cookie_name(name: str) -> None:
    try:
        cookies.validate_cookie_name(name)
    except ValidationError as error:
        raise _refusal(error, name) from None


def _unquoted(value: str) -> str:
    """RFC 6265 allows ``"…"`` around the cookie octets; the quotes then belong to the value."""
    return value[1:-1] if len(value) >= 2 and value[0] == value[-1] == '"' else value


def validate_cookie(name: str, value: str) -> None:
    """A cookie the API may set and the browser will keep as sent: token name, cookie-octet value, 4096 bytes.

    Unlike the workbench (``cookies.validate_cookie_value``), the API accepts every value the
    standard allows, as httpbin does: ``a=b``, ``oat/meal``, and ``"bar:baz"`` in double quotes,
    which stay part of the value. The API writes values exactly as given, never quoting them.
    """
    validate_cookie_name(name)
    if name in hidden_cookie_names():
        raise HttpbinError(
            f"Cookie {name!r} is an HttpOnly cookie of this site's lessons; /cookies never shows it, "
            "so the API will not set it. Pick another name."
        )
    if name.lower().startswith("__host-"):
        raise HttpbinError(
            f"Cookie {name!r} has the __Host- prefix, which needs Path=/; the API's cookies live under its "
            "own folder, so browsers would drop it. Pick another name."
        )
    try:
        cookies.validate_cookie_octets(_unquoted(value))
        cookies.validate_cookie_size(name, value)
    except ValidationError as error:
        raise _refusal(error, name, value) from None


def validate_header(name: str, value: str) -> None:
    if not HTTP_TOKEN.fullmatch(name) or len(name) > MAX_HEADER_NAME_BYTES:
        raise HttpbinError(f"Header name {name[:80]!r} is not an HTTP token (letters, digits, - and a few symbols).")
    lowered = name.lower()
    if lowered in FRAMING_HEADERS:
        raise HttpbinError(f"{name} frames the HTTP message itself; only the server may send it.")
    if lowered.startswith(PROXY_CONTROL_PREFIXES) or lowered in PROXY_CONTROL_HEADERS:
        raise HttpbinError(
            f"{name} gives orders to the proxy or server in front of this site (nginx, Apache, LiteSpeed and others); "
            "the API will not send it."
        )
    safe_content_type = lowered == "content-type" and _SAFE_CONTENT_TYPE.fullmatch(value)
    if (lowered in SITE_POLICY_HEADERS and not safe_content_type) or lowered.startswith("access-control-"):
        raise HttpbinError(
            f"{name} would change how your browser treats this site; the API will not send it"
            + (" (Content-Type may be application/json or text/plain)." if lowered == "content-type" else ".")
        )
    if lowered not in ALLOWED_HEADERS and not lowered.startswith("x-"):
        raise HttpbinError(
            f"{name} is not a header the API sends: it may steer caches, proxies or the browser. The API sends "
            "Set-Cookie, Content-Type (application/json or text/plain), Content-Language and custom X- headers."
        )
    if not _HEADER_VALUE.fullmatch(value):
        raise HttpbinError(
            f"The value of {name} has a line break, NUL, another control character or non-ASCII text; "
            "header values cannot carry those."
        )
    if len(value) > MAX_HEADER_VALUE_BYTES:
        raise HttpbinError(f"The value of {name} is over {MAX_HEADER_VALUE_BYTES} bytes.")
    if lowered == "content-language" and not _LANGUAGE_TAGS.fullmatch(value):
        raise HttpbinError(f"The value of {name} must be language tags, like en or de-CH, separated by commas.")


_SET_COOKIE_ATTRIBUTES = frozenset({"expires", "max-age", "domain", "path", "secure", "httponly", "samesite"})
_DELTA_SECONDS = re.compile(r"-?[0-9]+")
_NOT_ONE_COOKIE = (
    "A Set-Cookie value must be one name=value pair followed by known attributes "
    "(Path, Domain, Expires, Max-Age, Secure, HttpOnly, SameSite)."
)


def cookie_lifetime(max_age: str | None, expires: str | None, now: float) -> int:
    """Seconds the cookie may live, from 0 (expire it now) to ``MAX_AGE``.

    As in browsers (RFC 6265, 5.2.1-5.2.2), a valid Max-Age wins over Expires, and a Max-Age or
    Expires that does not parse (``Max-Age=abc,def``) is ignored. Without either: ``MAX_AGE``.
    """
    if max_age is not None and _DELTA_SECONDS.fullmatch(max_age):
        return max(0, min(int(max_age), MAX_AGE))
    moment = parse_http_date_safe(expires) if expires is not None else None
    if moment is not None:
        return max(0, min(int(moment - now), MAX_AGE))
    return MAX_AGE


def parse_set_cookie(header: str, now: float) -> ApiCookie:
    """One ``Set-Cookie`` value from ``/response-headers``, checked like ``/cookies/set`` and normalised.

    The name and value are refused if bad. The attributes are the API's to choose: Domain is
    dropped (host-only), Path becomes the API's folder, the lifetime is capped at ``MAX_AGE``, and
    a SameSite that is not Lax, Strict or None is dropped. Secure and HttpOnly pass as given.
    """
    pair, *attributes = header.split(";")
    name, has_equals, value = pair.partition("=")
    if not has_equals:
        raise HttpbinError(_NOT_ONE_COOKIE)
    name, value = name.strip(), value.strip()
    validate_cookie(name, value)
    given: dict[str, str] = {}
    for attribute in attributes:
        key, _, attribute_value = attribute.partition("=")
        key, attribute_value = key.strip().lower(), attribute_value.strip()
        if not key and not attribute_value:
            continue  # "a=1;" or "a=1; ; Path=/"
        if key not in _SET_COOKIE_ATTRIBUTES:
            raise HttpbinError(_NOT_ONE_COOKIE)
        given[key] = attribute_value  # the last one counts, as in browsers
    samesite = given.get("samesite", "").lower()
    return ApiCookie(
        name=name,
        value=value,
        max_age=cookie_lifetime(given.get("max-age"), given.get("expires"), now),
        secure="secure" in given,
        httponly="httponly" in given,
        samesite=next((choice for choice in SAMESITE_CHOICES if choice.lower() == samesite), ""),
    )


def first_values(query: QueryDict) -> dict[str, str]:
    """Name -> first value, as httpbin reads ``/cookies/set`` and ``/cookies/delete`` query strings."""
    if len(query) > MAX_PAIRS:
        raise HttpbinError(f"At most {MAX_PAIRS} cookies per request.")
    return {name: query.getlist(name)[0] for name in query}


def check_room_in_jar(request: HttpRequest, new: Mapping[str, str]) -> None:
    """Refuse cookies that would make the browser send the API over 50 cookies, or over 6 KB of them.

    It counts the Cookie header as sent, every pair of every path (a name held at two paths is
    two cookies); a name already sent is assumed replaced, not added.
    """
    header = request.META.get("HTTP_COOKIE", "")
    pairs = cookie_pairs(header)
    sent: dict[str, str] = {}
    for name, value in pairs:
        sent.setdefault(name, value)
    count = len(pairs) + sum(1 for name in new if name not in sent)
    if count > MAX_JAR_COOKIES:
        raise HttpbinError(
            f"Your browser would send {count} cookies to this API; the API stops at {MAX_JAR_COOKIES}. "
            "Delete some first with /cookies/delete?name."
        )
    size = len(header)
    for name, value in new.items():
        if name in sent:
            size -= len(f"; {name}={sent[name]}")
        size += len(f"; {name}={value}")
    if size > MAX_JAR_BYTES:
        raise HttpbinError(
            f"Your browser would send this API a Cookie header of about {size:,} bytes; the API stops at "
            f"{MAX_JAR_BYTES:,}. Delete some cookies first with /cookies/delete?name, or use shorter values."
        )


def check_redirect_count(n: int) -> None:
    if not 1 <= n <= MAX_REDIRECTS:
        raise HttpbinError(f"The number of redirects must be between 1 and {MAX_REDIRECTS}; got {n}.")


def requested_headers(query: QueryDict) -> list[tuple[str, list[str]]]:
    """The ``/response-headers`` query as (name, values), names merged case-insensitively, all checked."""
    if len(query) > MAX_PAIRS:
        raise HttpbinError(f"At most {MAX_PAIRS} headers per request.")
    merged: dict[str, tuple[str, list[str]]] = {}
    for name, values in query.lists():
        if len(values) > MAX_PAIRS:
            raise HttpbinError(f"At most {MAX_PAIRS} values for one header.")
        for value in values:
            validate_header(name, value)
        merged.setdefault(name.lower(), (name, []))[1].extend(values)
    for name, values in merged.values():
        if name.lower() in {"content-type", "content-language"} and len(values) > 1:
            raise HttpbinError(f"{name} can be given once.")
    return list(merged.values())
