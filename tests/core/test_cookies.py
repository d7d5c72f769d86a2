"""Cookie validation: every input Django's set_cookie mishandles gets a clear message instead.

Each bad input of the checked facts (20 to 23) is checked here at the function level, and again through the
workbench form in tests/lessons/cookies/test_setting_cookies.py.
"""

from __future__ import annotations

import math
from datetime import datetime
from datetime import timezone

import pytest
from django.core.exceptions import ValidationError

from cookielab.core import cookies

HOST = "testserver"


def message(call) -> str:
    with pytest.raises(ValidationError) as caught:
        call()
    return " ".join(caught.value.messages)


# (id, call, words the message must contain)
FUNCTION_CASES = [
    ("name-semicolon", lambda: cookies.validate_cookie_name("a;b"), "cannot contain “;”"),
    ("name-comma", lambda: cookies.validate_cookie_name("a,b"), "cannot contain “,”"),
    ("name-equals", lambda: cookies.validate_cookie_name("a=b"), "cannot contain “=”"),
    ("name-quote", lambda: cookies.validate_cookie_name('a"b'), 'cannot contain “"”'),
    ("name-space", lambda: cookies.validate_cookie_name("a b"), "cannot contain a space"),
    ("name-cr", lambda: cookies.validate_cookie_name("a\rb"), "carriage return"),
    ("name-lf", lambda: cookies.validate_cookie_name("a\nb"), "line feed"),
    ("name-non-ascii", lambda: cookies.validate_cookie_name("café"), "not ASCII"),
    ("name-empty", lambda: cookies.validate_cookie_name(""), "Give the cookie a name"),
    ("name-attribute-path", lambda: cookies.validate_cookie_name("path"), "name of a cookie attribute"),
    ("name-dollar", lambda: cookies.validate_cookie_name("$Version"), "starts with $"),
    ("name-attribute-expires", lambda: cookies.validate_cookie_name("Expires"), "name of a cookie attribute"),
    ("name-sessionid", lambda: cookies.validate_cookie_name("sessionid"), "this site itself relies on"),
    ("name-csrftoken", lambda: cookies.validate_cookie_name("csrftoken"), "this site itself relies on"),
    ("name-language", lambda: cookies.validate_cookie_name("django_language"), "this site itself relies on"),
    ("name-messages", lambda: cookies.validate_cookie_name("messages"), "this site itself relies on"),
    ("name-wire", lambda: cookies.validate_cookie_name("cookielab_wire"), "this site itself relies on"),
    (
        "host-prefix-insecure",
        lambda: cookies.validate_prefix_rules("__Host-id", secure=False, path="/", domain=""),
        "tick Secure",
    ),
    (
        "host-prefix-path",
        lambda: cookies.validate_prefix_rules("__Host-id", secure=True, path="/lab", domain=""),
        "use Path=/",
    ),
    (
        "host-prefix-domain",
        lambda: cookies.validate_prefix_rules("__Host-id", secure=True, path="/", domain=HOST),
        "leave Domain empty",
    ),
    (
        "secure-prefix-insecure",
        lambda: cookies.validate_prefix_rules("__Secure-id", secure=False, path="/", domain=""),
        "__Secure- cookie must be Secure",
    ),
    ("value-semicolon", lambda: cookies.validate_cookie_value("a;b"), "cannot contain “;”"),
    ("value-comma", lambda: cookies.validate_cookie_value("a,b"), "cannot contain “,”"),
    ("value-quote", lambda: cookies.validate_cookie_value('"a"'), 'cannot contain “"”'),
    ("value-backslash", lambda: cookies.validate_cookie_value("a\\b"), "cannot contain “\\”"),
    ("value-equals", lambda: cookies.validate_cookie_value("a=b"), "wrap the whole value in double quotes"),
    ("value-space", lambda: cookies.validate_cookie_value("john doe"), "cannot contain a space"),
    ("value-above-latin-1", lambda: cookies.validate_cookie_value("€uro"), "U+20AC, not ASCII"),
    ("value-crlf", lambda: cookies.validate_cookie_value("a\r\nX-Injected: 1"), "carriage return"),
    ("size-4097", lambda: cookies.validate_cookie_size("n", "x" * 4096), "4,097 bytes"),
    ("path-crlf", lambda: cookies.validate_cookie_path("/\r\nX-Injected: 1"), "carriage return"),
    ("path-semicolon", lambda: cookies.validate_cookie_path("/a; Domain=evil.com"), "cannot contain “;”"),
    ("path-relative", lambda: cookies.validate_cookie_path("lessons"), "must start with “/”"),
    ("path-1025-bytes", lambda: cookies.validate_cookie_path("/" + "a" * 1024), "over 1,024 bytes"),
    ("domain-crlf", lambda: cookies.validate_cookie_domain(f"{HOST}\r\nX-Injected: 1", HOST), "carriage return"),
    ("domain-semicolon", lambda: cookies.validate_cookie_domain(f"{HOST}; Path=/a", HOST), "cannot contain “;”"),
    ("domain-foreign", lambda: cookies.validate_cookie_domain("evil.com", HOST), "“testserver”"),
    (
        "expires-crlf",
        lambda: cookies.validate_expires("Thu, 01 Jan 2099 00:00:00 GMT\r\nX-Injected: 1"),
        "must be a date and time",
    ),
    ("expires-semicolon", lambda: cookies.validate_expires("2030-01-01T00:00; Domain=evil.com"), "date and time"),
    ("expires-too-far", lambda: cookies.validate_expires("2999-01-01T00:00"), "400 days"),
    ("max-age-negative", lambda: cookies.validate_max_age(-1), "cannot be negative"),
    ("max-age-negative-text", lambda: cookies.validate_max_age("-1"), "cannot be negative"),
    ("max-age-abc", lambda: cookies.validate_max_age("abc"), "“abc” is not one"),
    ("max-age-nan-text", lambda: cookies.validate_max_age("NaN"), "“NaN” is not one"),
    ("max-age-nan", lambda: cookies.validate_max_age(math.nan), "whole number of seconds"),
    ("max-age-inf-text", lambda: cookies.validate_max_age("inf"), "“inf” is not one"),
    ("max-age-inf", lambda: cookies.validate_max_age(math.inf), "whole number of seconds"),
    ("max-age-1e20-text", lambda: cookies.validate_max_age("1e20"), "“1e20” is not one"),
    ("max-age-1e20", lambda: cookies.validate_max_age(1e20), "at most 34,560,000"),
    ("max-age-34560001", lambda: cookies.validate_max_age(34_560_001), "at most 34,560,000"),
    ("max-age-fraction", lambda: cookies.validate_max_age(1.5), "whole number of seconds"),
    ("max-age-bool", lambda: cookies.validate_max_age(True), "whole number of seconds"),
    ("samesite-invalid", lambda: cookies.validate_samesite("Bogus", secure=True), "Lax, Strict or None"),
    ("samesite-none-insecure", lambda: cookies.validate_samesite("None", secure=False), "needs Secure"),
]


@pytest.mark.parametrize(("call", "words"), [case[1:] for case in FUNCTION_CASES], ids=[c[0] for c in FUNCTION_CASES])
def test_each_bad_input_gets_a_clear_message(call, words):
    assert words in message(call)


def test_max_age_as_text_becomes_the_int_django_needs():
    """Django's set_cookie raises TypeError for max_age="10"; the validator hands it an int."""
    assert cookies.validate_max_age("10") == 10
    assert type(cookies.validate_max_age("10")) is int
    assert cookies.validate_max_age(0) == 0
    assert cookies.validate_max_age(34_560_000) == 34_560_000


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        (lambda: cookies.validate_cookie_name("__Host-id"), "__Host-id"),
        (lambda: cookies.validate_cookie_value("x" * 10 + "!#$%&'*+-.:^_`|~"), "x" * 10 + "!#$%&'*+-.:^_`|~"),
        (lambda: cookies.validate_cookie_value(""), ""),
        (lambda: cookies.validate_cookie_path("/lessons/setting-cookies/"), "/lessons/setting-cookies/"),
        (lambda: cookies.validate_cookie_domain("", HOST), ""),
        (lambda: cookies.validate_cookie_domain("TestServer", HOST), "TestServer"),
        (lambda: cookies.validate_samesite("lax", secure=False), "Lax"),
        (lambda: cookies.validate_samesite("None", secure=True), "None"),
        (lambda: cookies.validate_samesite("", secure=False), ""),
    ],
)
def test_good_inputs_pass(call, expected):
    assert call() == expected


def test_prefix_rules_accept_a_correct_host_cookie():
    cookies.validate_prefix_rules("__Host-id", secure=True, path="/", domain="")
    cookies.validate_prefix_rules("__Secure-id", secure=True, path="/x", domain=HOST)


def test_expires_in_the_past_is_allowed_it_deletes_the_cookie():
    past = datetime(2000, 1, 1, tzinfo=timezone.utc)
    assert cookies.validate_expires(past) == past


@pytest.mark.parametrize(
    ("scheme", "text", "encoded"),
    [
        ("base64", "héllo wörld", "aMOpbGxvIHfDtnJsZA"),
        ("percent", "john doe; €", "john%20doe%3B%20%E2%82%AC"),
        ("none", "plain", "plain"),
    ],
)
def test_encodings_turn_any_text_into_a_valid_value(scheme, text, encoded):
    assert cookies.encode_cookie_value(text, scheme) == encoded
    assert cookies.validate_cookie_value(encoded) == encoded


def test_path_match_follows_the_standard():
    assert cookies.path_matches("/docs", "/docs/Web")
    assert cookies.path_matches("/docs/", "/docs/Web")
    assert not cookies.path_matches("/docs", "/docsets")
    assert cookies.path_matches("/", "/anything")
