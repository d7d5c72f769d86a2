"""What the httpbin-compatible API refuses.

Everything here refuses input instead of repairing it: the API copies names and values into
``Set-Cookie`` and other response headers, so a bad one must never reach them.
"""

from __future__ import annotations

import re
from http.cookies import Morsel
from http.cookies import SimpleCookie

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import QueryDict

from cookielab.core import cookies
from cookielab.core.cookies import HTTP_TOKEN
from cookielab.core.cookies import MAX_COOKIE_BYTES

MAX_QUERY_BYTES = 8192
MAX_PAIRS = 20  # cookies or headers in one request
MAX_JAR_COOKIES = 50  # refuse to set more once the browser already sends this many
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
        "x-content-type-options",
        "x-frame-options",
    ]
)


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


def validate_cookie(name: str, value: str) -> None:
    """A cookie the browser will keep as sent: token name, cookie-octet value, 4096 bytes at most.

    Unlike the workbench (``cookies.validate_cookie_value``), the API accepts every value the
    standard allows, ``a=b`` and ``oat/meal`` included, as httpbin does, even where Django then
    sends it in double quotes.
    """
    validate_cookie_name(name)
    try:
        cookies.validate_cookie_octets(value)
        cookies.validate_cookie_size(name, value)
    except ValidationError as error:
        raise _refusal(error, name, value) from None


def validate_header(name: str, value: str) -> None:
    if not HTTP_TOKEN.fullmatch(name) or len(name) > MAX_HEADER_NAME_BYTES:
        raise HttpbinError(f"Header name {name[:80]!r} is not an HTTP token (letters, digits, - and a few symbols).")
    lowered = name.lower()
    if lowered in FRAMING_HEADERS:
        raise HttpbinError(f"{name} frames the HTTP message itself; only the server may send it.")
    if lowered in SITE_POLICY_HEADERS or lowered.startswith("access-control-"):
        raise HttpbinError(f"{name} would change how your browser treats this site; the API will not send it.")
    if not _HEADER_VALUE.fullmatch(value):
        raise HttpbinError(
            f"The value of {name} has a line break, NUL, another control character or non-ASCII text; "
            "header values cannot carry those."
        )
    if len(value) > MAX_HEADER_VALUE_BYTES:
        raise HttpbinError(f"The value of {name} is over {MAX_HEADER_VALUE_BYTES} bytes.")


def parse_set_cookie(header: str) -> Morsel:
    """One ``Set-Cookie`` value, parsed and checked like a cookie from ``/cookies/set``."""
    jar = SimpleCookie()
    jar.load(header)
    morsels = list(jar.values())
    if len(morsels) != 1:
        raise HttpbinError(
            "A Set-Cookie value must be one name=value pair followed by known attributes "
            "(Path, Domain, Expires, Max-Age, Secure, HttpOnly, SameSite)."
        )
    morsel = morsels[0]
    validate_cookie(morsel.key, morsel.coded_value)
    return morsel


def first_values(query: QueryDict) -> dict[str, str]:
    """Name -> first value, as httpbin reads ``/cookies/set`` and ``/cookies/delete`` query strings."""
    if len(query) > MAX_PAIRS:
        raise HttpbinError(f"At most {MAX_PAIRS} cookies per request.")
    return {name: query.getlist(name)[0] for name in query}


def check_room_in_jar(request: HttpRequest, new_names: set[str]) -> None:
    after = set(request.COOKIES) | new_names
    if len(after) > MAX_JAR_COOKIES:
        raise HttpbinError(
            f"Your browser would hold {len(after)} cookies for this site; the API stops at {MAX_JAR_COOKIES}. "
            "Delete some first with /cookies/delete?name."
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
    return list(merged.values())
