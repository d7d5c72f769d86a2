"""Parse real responses: HTML with BeautifulSoup, Set-Cookie headers with http.cookies."""

from __future__ import annotations

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


def set_cookie_jar(response) -> SimpleCookie:
    """Every cookie a response sets, parsed back from its raw Set-Cookie headers."""
    jar = SimpleCookie()
    for header in set_cookie_headers(response):
        jar.update(parse_set_cookie(header))
    return jar


def text(node) -> str:
    return " ".join(node.get_text(" ").split())
