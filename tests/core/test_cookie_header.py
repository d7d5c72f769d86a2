"""The Cookie and Set-Cookie helpers the cookie lessons share."""

from __future__ import annotations

import pytest
from django.http import HttpResponse

from cookielab.core.cookie_header import add_cookie
from cookielab.core.cookie_header import cookie_pairs
from cookielab.core.cookie_header import first_wins_parse
from cookielab.core.cookie_header import set_cookies_named
from cookielab.core.cookie_header import shorten
from tests.support.html import expires_at
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("a=1; a=2", {"a": "1"}),
        ('a="quoted"; b=x', {"a": "quoted", "b": "x"}),
        ("a=%E2%9C%93; b=%ZZ; c=%FF", {"a": "✓", "b": "%ZZ", "c": "%FF"}),
        ("junk; a = 1 ;b=2=3", {"a": "1", "b": "2=3"}),
        ("", {}),
    ],
)
def test_first_wins_parse_mirrors_the_npm_cookie_package(header, expected):
    assert first_wins_parse(header) == expected


def test_cookie_pairs_keep_the_order_and_duplicates_the_browser_sent():
    assert cookie_pairs('b=2; a=1; b="3"; flag') == [("b", "2"), ("a", "1"), ("b", '"3"')]


def test_add_cookie_sends_two_cookies_of_one_name_when_their_paths_differ():
    response = HttpResponse()
    add_cookie(response, "dup", "wide", path="/")
    add_cookie(response, "dup", "gone", path="/deep/", max_age=0)
    first, second = (parse_set_cookie(header)["dup"] for header in set_cookie_headers(response))
    assert (first.value, first["path"], first["samesite"], first["max-age"]) == ("wide", "/", "Lax", "")
    assert (second.value, second["path"], second["max-age"]) == ("gone", "/deep/", "0")
    assert expires_at(second).year == 1970


def test_set_cookies_named_picks_the_headers_of_those_cookies():
    exchange = {"set_cookie": ["a=1; Path=/", "ab=2; Path=/", "b=3; Path=/"]}
    assert set_cookies_named(exchange, {"a", "b"}) == ["a=1; Path=/", "b=3; Path=/"]
    assert set_cookies_named(None, {"a"}) == []


def test_shorten_cuts_to_the_limit_with_an_ellipsis():
    assert shorten("abcdef", 6) == "abcdef"
    assert shorten("abcdefg", 6) == "abcde…"
