"""The setting-cookies lesson: the lecture's /setcookie/ route and the cookie workbench, over real HTTP."""

from __future__ import annotations

import platform
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from http.cookies import CookieError
from http.cookies import Morsel
from http.cookies import SimpleCookie

import pytest
import requests
from django.urls import reverse

from cookielab.lessons.cookies.setting_cookies.injection import InjectionCheck
from cookielab.lessons.cookies.setting_cookies.injection import check_crlf_in_path
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text
from tests.support.wire import sent as wire_sent
from tests.support.wire import steps as wire_steps

URL = "/lessons/setting-cookies/"
SET = URL + "set/"
HOST = "testserver"
GOOD = {"name": "flavour", "value": "oatmeal", "encoding": "none", "max_age": "900", "path": "/", "domain": ""}


def assert_only_site_cookies(response) -> None:
    """Nothing of the student's was set or expired: at most the site's own first-visit cookies."""
    assert set(response.cookies) <= {"csrftoken", "cookielab_wire"}
    assert all(morsel["max-age"] != 0 for morsel in response.cookies.values())


def header_for(response, name: str) -> str:
    return next(header for header in set_cookie_headers(response) if header.startswith(f"{name}="))


def test_the_routes_live_at_their_documented_paths():
    assert reverse("cookielab:setting-cookies") == URL
    assert reverse("cookielab:setting-cookies-set") == SET
    assert reverse("cookielab:setting-cookies-delete") == URL + "delete/"
    assert reverse("cookielab:setcookie") == "/setcookie/"


@pytest.mark.django_db
def test_the_page_only_shows_the_workbench_which_posts_to_its_action(client):
    page = soup(client.get(URL))
    form = page.select_one("#workbench-form")
    assert form["method"] == "post" and form["action"] == f"{SET}#workbench-form"
    assert page.select_one("#id_path")["value"] == "/"
    assert "None yet" in text(page.select_one("#no-held"))
    assert client.post(URL, GOOD).status_code == 405


@pytest.mark.django_db
def test_setcookie_sets_the_lectures_cookie_and_says_so(client):
    response = client.get("/setcookie/")
    assert response.status_code == 200
    morsel = parse_set_cookie(header_for(response, "username"))["username"]
    assert morsel.value == "john doe"
    assert morsel["max-age"] == "900"
    assert morsel["httponly"] is True
    assert morsel["path"] == "/"
    page = soup(response)
    assert "Cookie has been set" in text(page.select_one("#lecture-result"))
    assert text(page.select_one("#lecture-set-cookie")) == f"Set-Cookie: {header_for(response, 'username')}"
    assert page.select_one("h1").get_text().startswith("Setting cookies")


@pytest.mark.django_db(transaction=True)
def test_setcookie_with_a_plain_http_client(live_server):
    with requests.Session() as browser:
        response = browser.get(live_server.url + "/setcookie/", timeout=10)
        assert response.status_code == 200
        assert "Cookie has been set" in response.text
        jar = {cookie.name: cookie for cookie in browser.cookies}
        assert jar["username"].value == '"john doe"'  # the quotes Django added travel with the value
        assert jar["username"].has_nonstandard_attr("HttpOnly")
        assert jar["username"].path == "/"
        back = browser.get(live_server.url + URL, timeout=10)
        assert "username" in back.request.headers["Cookie"]
        cells = {name: value for name, (value, _mark) in wire_sent(wire_steps(soup(back))[-1]).items()}
        assert cells["username"] == '"john doe"'  # as it crossed the wire; Django takes the quotes off when it reads it


@pytest.mark.django_db
def test_a_valid_cookie_is_set_then_seen_on_the_next_request(client):
    client.get(URL)
    response = client.post(SET, {**GOOD, "httponly": "on", "samesite": "Strict"})
    assert response.status_code == 303
    assert response["Location"] == f"{URL}?set=flavour#workbench-result"
    sent = header_for(response, "flavour")
    morsel = parse_set_cookie(sent)["flavour"]
    assert morsel.value == "oatmeal"
    assert morsel["max-age"] == "900" and morsel["httponly"] is True and morsel["samesite"] == "Strict"
    assert "cookielab_workbench" in response.cookies
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("#sent-header")) == f"Set-Cookie: {sent}"
    outcome = page.select_one("#outcome")
    assert "kept it and sent it back" in text(outcome)
    assert "is-ok" in outcome["class"]
    assert "flavour" in text(page.select_one("#held-cookies"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("encoding", "value", "expected"),
    [("base64", "héllo wörld", "aMOpbGxvIHfDtnJsZA"), ("percent", "john doe; €", "john%20doe%3B%20%E2%82%AC")],
)
def test_text_a_cookie_cannot_hold_is_sent_encoded(client, encoding, value, expected):
    response = client.post(SET, {**GOOD, "value": value, "encoding": encoding})
    assert response.status_code == 303
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"].value == expected


@pytest.mark.django_db
def test_max_age_zero_expires_at_once_and_the_page_says_so(client):
    response = client.post(SET, {**GOOD, "max_age": "0"})
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"]["max-age"] == "0"
    client.cookies.pop("flavour", None)  # what a browser does with Max-Age=0
    page = soup(client.get(response["Location"]))
    assert "expired at once" in text(page.select_one("#outcome"))


@pytest.mark.django_db
def test_a_path_elsewhere_is_stored_but_not_sent_here(client):
    response = client.post(SET, {**GOOD, "path": "/elsewhere/"})
    client.cookies.pop("flavour", None)  # the browser keeps it for /elsewhere/ only
    page = soup(client.get(response["Location"]))
    assert "does not cover /lessons/setting-cookies/" in text(page.select_one("#outcome"))


@pytest.mark.django_db
def test_a_domain_equal_to_this_host_is_accepted(client):
    response = client.post(SET, {**GOOD, "domain": "testserver"})
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"]["domain"] == "testserver"


@pytest.mark.django_db
def test_delete_expires_the_cookie_with_its_own_path(client):
    client.post(SET, {**GOOD, "path": "/lessons/"})
    response = client.post(reverse("cookielab:setting-cookies-delete"), {"name": "flavour"})
    assert response.status_code == 303
    assert response["Location"] == f"{URL}?deleted=flavour#deleted-result"
    morsel = parse_set_cookie(header_for(response, "flavour"))["flavour"]
    assert morsel["max-age"] == "0" and morsel["path"] == "/lessons/"
    page = soup(client.get(response["Location"]))
    assert "Max-Age=0" in text(page.select_one("#deleted-result"))
    assert page.select_one("#held-cookies") is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["sessionid", "never-set", "; \r\n"])
def test_delete_only_touches_workbench_cookies(client, name):
    client.post(SET, GOOD)
    response = client.post(reverse("cookielab:setting-cookies-delete"), {"name": name})
    assert response.status_code == 200
    assert "not a cookie the workbench set" in text(soup(response).select_one("#delete-errors"))
    assert_only_site_cookies(response)


@pytest.mark.django_db
def test_a_forged_workbench_list_is_ignored(client):
    client.cookies["cookielab_workbench"] = '[{"n":"sessionid","p":"/","d":"","s":false,"x":null,"h":"x"}]'
    response = client.post(reverse("cookielab:setting-cookies-delete"), {"name": "sessionid"})
    assert response.status_code == 200
    assert "not a cookie the workbench set" in text(soup(response).select_one("#delete-errors"))
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_number_of_workbench_cookies_is_capped(client, settings):
    settings.COOKIELAB_WORKBENCH_MAX_COOKIES = 2
    assert client.post(SET, {**GOOD, "name": "one"}).status_code == 303
    assert client.post(SET, {**GOOD, "name": "two"}).status_code == 303
    assert client.post(SET, {**GOOD, "name": "two", "value": "again"}).status_code == 303  # replacing is fine
    refused = client.post(SET, {**GOOD, "name": "three"})
    assert refused.status_code == 200
    assert "already holds 2 workbench cookies" in text(soup(refused).select_one("#workbench-errors"))
    assert_only_site_cookies(refused)


@pytest.mark.django_db
def test_the_cookie_header_size_is_capped(client, settings):
    settings.COOKIELAB_WORKBENCH_MAX_COOKIE_HEADER_BYTES = 3000
    client.cookies["big"] = "x" * 2000
    refused = client.post(SET, {**GOOD, "value": "y" * 1500})
    assert refused.status_code == 200
    assert "400 Bad Request" in text(soup(refused).select_one("#workbench-errors"))


@pytest.mark.django_db
def test_the_workbench_needs_a_csrf_token():
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(SET, GOOD).status_code == 403


@pytest.mark.django_db
@pytest.mark.urls("tests.support.mounted_urls")
def test_everything_follows_the_mount_point(client):
    response = client.post("/learn/lessons/setting-cookies/set/", GOOD)
    assert response["Location"].startswith("/learn/lessons/setting-cookies/?set=flavour")
    assert response.cookies["cookielab_workbench"]["path"] == "/learn/"
    page = soup(client.get(response["Location"]))
    assert page.select_one("#workbench-form")["action"] == "/learn/lessons/setting-cookies/set/#workbench-form"
    assert page.select_one("#held-cookies form")["action"] == "/learn/lessons/setting-cookies/delete/#held"
    assert client.get("/learn/setcookie/").cookies["username"]["path"] == "/"


# ---- the bad inputs of tests/core/test_cookies.py, through the workbench POST --------------------------

SOON = (datetime.now(timezone.utc) + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
NO_LIFETIME = {**GOOD, "max_age": ""}

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
    response = client.post(SET, {**NO_LIFETIME, **changes})
    assert response.status_code == 200
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
    response = client.post(SET, {**NO_LIFETIME, "name": "<script>alert(1)</script>", "value": "<b>x</b>"})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


def python_lets_crlf_through_path() -> bool:
    """Independent of the lesson's code: does this interpreter's http.cookies accept CR/LF in a Path?"""
    jar = SimpleCookie()
    jar["x"] = "1"
    try:
        jar["x"]["path"] = "/\r\nX-Injected: 1"
        return "\r\nX-Injected: 1" in jar.output()
    except CookieError:
        return False


@pytest.mark.django_db
def test_the_page_reports_what_this_servers_python_really_does(client):
    box = soup(client.get(URL)).select_one("#crlf-check")
    assert box["data-python"] == platform.python_version()
    if python_lets_crlf_through_path():  # e.g. 3.11.7, as installed on the course machines
        assert box["data-outcome"] == "let-through"
        assert f"This server's Python {platform.python_version()}: lets it through." in text(box)
        lines = box.select_one("#crlf-lines").get_text().splitlines()
        assert lines == ["Set-Cookie: probe=1; Path=/", "X-Injected: 1"]
    else:  # a CPython with the gh-143919 / gh-145599 fixes
        assert box["data-outcome"] == "refused"
        assert f"This server's Python {platform.python_version()}: refuses with CookieError" in text(box)
        assert box.select_one("#crlf-lines") is None


def test_a_python_with_the_fix_is_reported_as_refusing(monkeypatch):
    """Simulate the fixed Morsel (it rejects control characters in attribute values) on whatever Python runs this."""
    original = Morsel.__setitem__

    def strict_setitem(self, key, value):
        if isinstance(value, str) and any(ord(c) < 0x20 or ord(c) == 0x7F for c in value):
            raise CookieError(f"Control characters are not allowed in cookies {value!r}")
        original(self, key, value)

    monkeypatch.setattr(Morsel, "__setitem__", strict_setitem)
    check = check_crlf_in_path()
    assert check.refused and check.outcome == "refused"
    assert "Control characters" in check.error
    assert check.header_lines == () and not check.injected


@pytest.mark.django_db
def test_each_outcome_is_worded_as_what_happened(client, monkeypatch):
    from cookielab.lessons.cookies import setting_cookies

    refused = InjectionCheck("3.99.0", True, "Control characters are not allowed", ())
    monkeypatch.setattr(setting_cookies, "check_crlf_in_path", lambda: refused)
    box = soup(client.get(URL)).select_one("#crlf-check")
    assert box["data-outcome"] == "refused"
    assert "This server's Python 3.99.0: refuses with CookieError" in text(box)

    through = InjectionCheck("3.99.0", False, "", ("Set-Cookie: probe=1; Path=/", "X-Injected: 1"))
    monkeypatch.setattr(setting_cookies, "check_crlf_in_path", lambda: through)
    box = soup(client.get(URL)).select_one("#crlf-check")
    assert box["data-outcome"] == "let-through"
    assert "lets it through" in text(box) and "adds X-Injected: 1 to the response" in text(box)


@pytest.mark.django_db
def test_the_explanation_names_the_fix_and_the_affected_version(client):
    notice = text(soup(client.get(URL)).select_one(".notice"))
    assert "gh-143919" in notice and "gh-145599" in notice and "CVE-2026-3644" in notice
    assert "3.11.7" in notice and "CookieError" in notice


@pytest.mark.django_db
@pytest.mark.parametrize(("host", "trustworthy"), [("127.0.0.1", True), ("192.168.1.20", False)])
def test_a_secure_cookie_on_an_untrustworthy_origin_is_announced_and_its_drop_explained(
    client, settings, host, trustworthy
):
    settings.ALLOWED_HOSTS = [host]
    page = soup(client.get(URL, HTTP_HOST=host))
    assert (page.select_one("#secure-notice") is None) is trustworthy
    response = client.post(SET, {**GOOD, "secure": "on"}, HTTP_HOST=host)
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"]["secure"] is True
    client.cookies.pop("flavour", None)  # what a browser does with a Secure cookie it may not keep
    outcome = text(soup(client.get(response["Location"], HTTP_HOST=host)).select_one("#outcome"))
    if trustworthy:
        assert "only on loopback hosts" in outcome
    else:
        assert f"plain http://{host}, which is not a potentially trustworthy origin" in outcome
        assert "cookie: {secure: true}" in outcome
