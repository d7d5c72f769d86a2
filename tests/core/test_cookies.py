"""Cookie validation: every input Django's set_cookie mishandles gets a clear message instead.

Each bad input of the checked facts (20 to 23) is checked twice: at the function level, and through the workbench
form (400, the message next to the field, no Set-Cookie for it, no injected header).
"""

from __future__ import annotations

import math
from datetime import datetime
from datetime import timedelta
from datetime import timezone

import pytest
from django.core.exceptions import ValidationError

from cookielab.core import cookies
from tests.support.html import soup
from tests.support.html import text

URL = "/lessons/setting-cookies/"
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


# ---- the same bad inputs through the workbench POST ----------------------------------------------

SOON = (datetime.now(timezone.utc) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
GOOD = {"name": "flavour", "value": "oatmeal", "encoding": "none", "max_age": "", "path": "/", "domain": ""}

# (id, fields changed from GOOD, the field whose error shows, words in it)
FORM_CASES = [
    ("name-semicolon", {"name": "a;b"}, "name", "cannot contain “;”"),
    ("name-comma", {"name": "a,b"}, "name", "cannot contain “,”"),
    ("name-equals", {"name": "a=b"}, "name", "cannot contain “=”"),
    ("name-quote", {"name": 'a"b'}, "name", 'cannot contain “"”'),
    ("name-space", {"name": "a b"}, "name", "cannot contain a space"),
    ("name-crlf", {"name": "a\r\nX-Injected: 1"}, "name", "carriage return"),
    ("name-lf", {"name": "a\nX-Injected: 1"}, "name", "line feed"),
    ("name-non-ascii", {"name": "café"}, "name", "not ASCII"),
    ("name-empty", {"name": ""}, "name", "Give the cookie a name"),
    ("name-attribute", {"name": "path"}, "name", "name of a cookie attribute"),
    ("name-dollar", {"name": "$"}, "name", "starts with $"),
    ("name-sessionid", {"name": "sessionid"}, "name", "this site itself relies on"),
    ("name-csrftoken", {"name": "csrftoken"}, "name", "this site itself relies on"),
    ("name-language", {"name": "django_language"}, "name", "this site itself relies on"),
    ("name-messages", {"name": "messages"}, "name", "this site itself relies on"),
    ("name-workbench", {"name": "cookielab_workbench"}, "name", "this site itself relies on"),
    ("host-prefix-insecure", {"name": "__Host-id"}, "name", "tick Secure"),
    ("host-prefix-path", {"name": "__Host-id", "secure": "on", "path": "/lab"}, "name", "use Path=/"),
    ("host-prefix-domain", {"name": "__Host-id", "secure": "on", "domain": HOST}, "name", "leave Domain empty"),
    ("secure-prefix", {"name": "__Secure-id"}, "name", "__Secure- cookie must be Secure"),
    ("value-semicolon", {"value": "a;b"}, "value", "cannot contain “;”"),
    ("value-comma", {"value": "a,b"}, "value", "cannot contain “,”"),
    ("value-quote", {"value": '"a"'}, "value", 'cannot contain “"”'),
    ("value-backslash", {"value": "a\\b"}, "value", "cannot contain “\\”"),
    ("value-equals", {"value": "a=b"}, "value", "double quotes"),
    ("value-space", {"value": "john doe"}, "value", "cannot contain a space"),
    ("value-above-latin-1", {"value": "日本"}, "value", "not ASCII"),
    ("value-crlf", {"value": "a\r\nX-Injected: 1"}, "value", "carriage return"),
    ("value-4097-bytes", {"name": "n", "value": "x" * 4096}, "value", "4,097 bytes"),
    ("value-5kb-base64", {"value": "é" * 2600, "encoding": "base64"}, "value", "browsers silently ignore"),
    ("path-crlf", {"path": "/\r\nX-Injected: 1"}, "path", "carriage return"),
    ("path-semicolon", {"path": "/a; Domain=evil.com"}, "path", "cannot contain “;”"),
    ("path-long", {"path": "/" + "p" * 1024}, "path", "over 1,024 bytes"),
    ("domain-crlf", {"domain": f"{HOST}\r\nX-Injected: 1"}, "domain", "carriage return"),
    ("domain-semicolon", {"domain": f"{HOST}; Path=/a"}, "domain", "cannot contain “;”"),
    ("domain-foreign", {"domain": "evil.com"}, "domain", "“testserver”"),
    ("expires-crlf", {"expires": f"{SOON}\r\nX-Injected: 1"}, "expires", "must be a date and time"),
    ("expires-semicolon", {"expires": f"{SOON}; Domain=evil.com"}, "expires", "must be a date and time"),
    ("expires-too-far", {"expires": "2999-01-01T00:00"}, "expires", "400 days"),
    ("max-age-and-expires", {"max_age": "60", "expires": SOON}, "expires", "not both"),
    ("max-age-negative", {"max_age": "-1"}, "max_age", "cannot be negative"),
    ("max-age-abc", {"max_age": "abc"}, "max_age", "whole number of seconds"),
    ("max-age-nan", {"max_age": "NaN"}, "max_age", "whole number of seconds"),
    ("max-age-inf", {"max_age": "inf"}, "max_age", "whole number of seconds"),
    ("max-age-1e20", {"max_age": "1e20"}, "max_age", "whole number of seconds"),
    ("max-age-34560001", {"max_age": "34560001"}, "max_age", "at most 34,560,000"),
    ("samesite-invalid", {"samesite": "Bogus"}, "samesite", "Lax, Strict or None"),
    ("samesite-none-insecure", {"samesite": "None"}, "samesite", "needs Secure"),
    ("encoding-invalid", {"encoding": "rot13"}, "encoding", "Choose one of the encodings"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("changes", "field", "words"), [c[1:] for c in FORM_CASES], ids=[c[0] for c in FORM_CASES])
def test_the_workbench_refuses_each_bad_input_clearly(client, changes, field, words):
    client.get(URL)  # the browser already holds the site's cookies
    client.cookies["kept"] = "untouched"
    response = client.post(URL, {**GOOD, **changes})
    assert response.status_code == 400
    page = soup(response)
    error = page.select_one(f"#id_{field}_error")
    assert error is not None, f"no error shown for {field}"
    assert words in text(error)
    widget = page.select_one(f"[name={field}]")
    assert widget["aria-invalid"] == "true"
    described = widget.find_parent("fieldset") if widget.get("type") == "radio" else widget
    assert f"id_{field}_error" in described["aria-describedby"]
    # Nothing set, nothing expired, nothing injected.
    assert response.cookies == {} or set(response.cookies) <= {"csrftoken"}
    assert all(morsel["max-age"] != 0 for morsel in response.cookies.values())
    assert not any(header.lower().startswith("x-injected") for header in response.headers)
    assert client.cookies["kept"].value == "untouched"
    # What the student typed is still in the form.
    if field == "name" and changes.get("name"):
        assert page.select_one("#id_name")["value"] == changes["name"]


@pytest.mark.django_db
def test_the_html_escapes_hostile_input(client):
    response = client.post(URL, {**GOOD, "name": "<script>alert(1)</script>", "value": "<b>x</b>"})
    assert response.status_code == 400
    assert b"<script>alert(1)" not in response.content
