"""What the httpbin-compatible API answers: httpbin's JSON, the request it echoes, the headers it reflects."""

from __future__ import annotations

import json
import time
from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import QueryDict

from cookielab.lessons.tools.httpbin_api.jar import cookie_pairs
from cookielab.lessons.tools.httpbin_api.jar import hidden_cookie_names
from cookielab.lessons.tools.httpbin_api.validation import HttpbinError
from cookielab.lessons.tools.httpbin_api.validation import check_room_in_jar
from cookielab.lessons.tools.httpbin_api.validation import parse_set_cookie
from cookielab.lessons.tools.httpbin_api.validation import requested_headers

# Request headers httpbin leaves out of its echo unless ``?show_env`` is given (added by proxies).
ENV_HEADERS = frozenset(
    {
        "connect-time",
        "total-route-time",
        "via",
        "x-forwarded-for",
        "x-forwarded-port",
        "x-forwarded-proto",
        "x-forwarded-protocol",
        "x-forwarded-ssl",
        "x-real-ip",
        "x-request-id",
        "x-request-start",
    }
)


def semiflatten(query: QueryDict) -> dict[str, str | list[str]]:
    """httpbin's ``args``: a string per name, or a list when the name was repeated."""
    return {name: values[0] if len(values) == 1 else values for name, values in query.lists()}


def _without_hidden_cookies(cookie_header: str) -> str:
    hidden = hidden_cookie_names()
    kept = [pair.strip() for pair in cookie_header.split(";") if pair.split("=", 1)[0].strip() not in hidden]
    return "; ".join(pair for pair in kept if pair)


def _invented_content_type(request: HttpRequest, value: str) -> bool:
    """wsgiref (runserver, live_server) fills in ``text/plain`` when a request sent no Content-Type."""
    return value == "text/plain" and not request.META.get("CONTENT_LENGTH") and request.method in {"GET", "HEAD"}


def echoed_headers(request: HttpRequest) -> dict[str, str]:
    """Request headers named as httpbin names them (``User-Agent``), the site's HttpOnly cookies left out."""
    show_env = "show_env" in request.GET
    headers: dict[str, str] = {}
    for name, value in request.headers.items():
        if not value or (name.lower() in ENV_HEADERS and not show_env):
            continue
        if name == "Content-Type" and _invented_content_type(request, value):
            continue
        if name == "Cookie":
            value = _without_hidden_cookies(value)
            if not value:
                continue
        headers[name] = value
    return headers


def echoed_cookies(request: HttpRequest) -> dict[str, str]:
    """httpbin's ``cookies``: each name with the value the client sent, quotes included (``"bar:baz"``).

    Django's ``request.COOKIES`` strips such quotes; the echo shows the cookie as the browser holds
    it. For a name sent twice (cookies at two paths) the first, the most specific path, is shown.
    """
    hidden = hidden_cookie_names()
    echoed: dict[str, str] = {}
    for name, value in cookie_pairs(request.META.get("HTTP_COOKIE", "")):
        if name not in hidden:
            echoed.setdefault(name, value)
    return echoed


def origin(request: HttpRequest) -> str:
    return request.headers.get("X-Forwarded-For", request.META.get("REMOTE_ADDR", ""))


def json_response(data: Any, status: int = 200) -> HttpResponse:
    """JSON the way httpbin writes it: sorted keys, two-space indent, ASCII only, final newline."""
    return HttpResponse(json_text(data), status=status, content_type="application/json")


# Echoed input must never be markup, even if something renders the JSON as HTML: the same
# escapes as Django's json_script. JSON parsers read them back as the original characters.
_MARKUP_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def json_text(data: Any) -> str:
    return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=True).translate(_MARKUP_ESCAPES) + "\n"


def error_response(message: str, status: int = 400) -> HttpResponse:
    return json_response({"error": message}, status=status)


def reflected_headers_response(request: HttpRequest) -> HttpResponse:
    """httpbin's ``/response-headers``: the asked-for headers sent, and listed in the JSON body.

    The body also lists Content-Type and Content-Length; since the length counts its own digits,
    it is recomputed until it no longer changes, as httpbin does.
    """
    response = HttpResponse(content_type="application/json")
    listed: dict[str, str | list[str]] = {}
    now = time.time()
    for name, values in requested_headers(request.GET):
        if name.lower() == "set-cookie":
            # Normalised (the API's Path, no Domain, an hour at most): the body lists what was really sent.
            cookies = [parse_set_cookie(value, now) for value in values]
            if len({cookie.name for cookie in cookies}) != len(cookies):
                raise HttpbinError("The same cookie appears twice in Set-Cookie.")
            check_room_in_jar(request, {cookie.name: cookie.value for cookie in cookies if cookie.max_age})
            for cookie in cookies:
                response.cookies[cookie.name] = cookie.morsel(now)
            sent = [response.cookies[cookie.name].OutputString() for cookie in cookies]
        elif name.lower() == "content-type":
            response["Content-Type"] = values[0]
            continue  # listed below, under its usual spelling
        else:
            response[name] = ", ".join(values)
            sent = values
        listed[name] = sent[0] if len(sent) == 1 else sent
    length = 0
    while True:
        body = json_text({**listed, "Content-Length": str(length), "Content-Type": response["Content-Type"]}).encode()
        if len(body) == length:
            break
        length = len(body)
    response.content = body
    response["Content-Length"] = str(length)
    return response
