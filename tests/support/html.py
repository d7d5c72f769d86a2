"""Parse real responses: HTML with BeautifulSoup, Set-Cookie headers with http.cookies."""

from __future__ import annotations

from datetime import datetime
from email.utils import parsedate_to_datetime
from http.cookies import Morsel
from http.cookies import SimpleCookie

from bs4 import BeautifulSoup


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def set_cookie_headers(response) -> list[str]:
    """The raw Set-Cookie header values of a Django test response, as the server sends them."""
    return [morsel.OutputString() for morsel in response.cookies.values()]


def parse_set_cookie(header: str) -> SimpleCookie:
    jar = SimpleCookie()
    jar.load(header)
    return jar


# The course's own cookie: a demo action marks what the student did in it, the first time.
PROGRESS_COOKIE = "cookielab_progress"


def set_cookie_jar(response, *, progress: bool = True) -> SimpleCookie:
    """Every cookie a response sets, parsed back from its raw Set-Cookie headers (``progress=False``: the demo's)."""
    jar = SimpleCookie()
    for header in set_cookie_headers(response):
        jar.update(parse_set_cookie(header))
    if not progress:
        jar.pop(PROGRESS_COOKIE, None)
    return jar


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def parsed_set_cookie(response, name: str) -> Morsel:
    """The one Set-Cookie of ``response`` for ``name``, parsed (it fails if there are none or several)."""
    matching = [header for header in set_cookie_headers(response) if header.startswith(f"{name}=")]
    assert len(matching) == 1, matching
    return parse_set_cookie(matching[0])[name]


def expires_at(morsel: Morsel) -> datetime:
    return parsedate_to_datetime(morsel["expires"])
