"""The storage lab's echo: what a request really carried to the server, as JSON for the page.

The page writes a marker into every store, then asks this echo which markers arrived. Values of
cookies the lab did not set are withheld (names only): echoing them would hand the HttpOnly
session cookie to any script on the page, which is exactly what HttpOnly forbids.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cookielab.lessons.storage.storage_lab.facts import MARKER_COOKIE_PREFIX

# Credentials never go back to JavaScript; the Cookie header is reported cookie by cookie instead.
WITHHELD_HEADERS = frozenset({"Cookie", "Authorization", "Proxy-Authorization"})


def request_echo(request: HttpRequest) -> dict[str, Any]:
    lab_cookies = {name: value for name, value in request.COOKIES.items() if name.startswith(MARKER_COOKIE_PREFIX)}
    return {
        "cookies": lab_cookies,
        "other_cookie_names": sorted(name for name in request.COOKIES if name not in lab_cookies),
        "headers": {name: value for name, value in request.headers.items() if name.title() not in WITHHELD_HEADERS},
    }
