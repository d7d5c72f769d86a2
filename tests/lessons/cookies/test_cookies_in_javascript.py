"""Cookies in JavaScript: the server side of the demo (the JS itself runs in tests/browser)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/cookies-in-javascript/"


def test_the_page_sets_an_httponly_cookie_and_explains_the_js_demo(client):
    response = client.get(URL)
    header = next(h for h in set_cookie_headers(response) if h.startswith("js_demo_httponly="))
    assert parse_set_cookie(header)["js_demo_httponly"]["httponly"] is True
    page = soup(response)
    assert "With JavaScript off you still see" in text(page.select_one("#needs-js"))
    assert page.select_one("#js-demo")["data-echo-url"] == reverse("cookielab:cookies-in-javascript-echo")
    assert page.select_one("script[type=module][src$='js/lessons/cookies-in-javascript.js']") is not None
    again = soup(client.get(URL))
    assert "set-by-the-server" in text(again.select_one("#server-demo-cookies"))


def test_the_echo_returns_demo_cookies_only_never_the_session_id(client):
    client.get(URL)
    client.cookies["sessionid"] = "secret-session-id"
    data = client.get(reverse("cookielab:cookies-in-javascript-echo")).json()
    assert data["demo_cookies"] == {"js_demo_httponly": "set-by-the-server"}
    assert "secret-session-id" not in str(data)
    assert "sessionid" in data["other_names"]


def test_the_echo_is_a_read(client):
    echo = reverse("cookielab:cookies-in-javascript-echo")
    assert client.head(echo).status_code == 200
    assert client.post(echo).status_code == 405


@pytest.mark.urls("tests.support.mounted_urls")
def test_everything_follows_the_mount_point(client):
    page = client.get("/learn/lessons/cookies-in-javascript/")
    assert page.cookies["js_demo_httponly"]["path"] == "/learn/lessons/cookies-in-javascript/"
    demo = soup(page).select_one("#js-demo")
    assert demo["data-echo-url"] == "/learn/lessons/cookies-in-javascript/echo/"
    assert demo["data-cookie-path"] == "/learn/lessons/cookies-in-javascript/"
