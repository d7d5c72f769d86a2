"""Browsers without cookies: the two-request test cookie, and the contained URL-session demo."""

from __future__ import annotations

from urllib.parse import parse_qs
from urllib.parse import urlsplit

import pytest
import requests
from django.test import Client
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import PREFIX
from tests.support.mounted import addresses_outside_the_mount
from tests.support.sessions_flow import page_text

pytestmark = pytest.mark.django_db

URL = "/lessons/without-cookies/"
START = URL + "url-session/start/"
FIRST = URL + "url-session/"
NEXT = URL + "url-session/next/"


def test_the_test_cookie_needs_two_requests(client):
    response = client.post(URL + "test-cookie/")
    assert response.status_code == 303
    assert response["Location"] == URL + "?check=1#test-cookie-result"
    assert "sessionid" in response.cookies  # request 1 can only send the cookie
    result = text(soup(client.get(response["Location"])).select_one("#test-cookie-result"))
    assert result.startswith("The cookie came back on the second request")
    assert "testcookie" not in client.session  # cleaned up once it proved its point


def test_a_client_that_keeps_no_cookies_fails_the_test(live_server, transactional_db):
    first = requests.post(live_server.url + URL + "test-cookie/", allow_redirects=False, timeout=10)
    # A client without a jar sends neither the session nor the CSRF cookie: CSRF refuses the POST before
    # any session is written, which is the same lesson from the other side.
    assert first.status_code == 403
    page = requests.get(live_server.url + URL + "?check=1", timeout=10)
    assert page_text(page, "#test-cookie-result").startswith("The cookie did not come back")


def test_the_check_without_the_first_step_says_it_did_not_work(client):
    assert "did not come back" in text(soup(client.get(URL, {"check": "1"})).select_one("#test-cookie-result"))


def start_url_session(client: Client, nickname: str = "Ada") -> str:
    response = client.post(START, {"nickname": nickname})
    assert response.status_code == 303
    location = urlsplit(response["Location"])
    assert location.path == FIRST
    assert location.fragment == "url-session-greeting"
    return parse_qs(location.query)["sid"][0]


def test_a_url_session_knows_you_without_a_cookie(client):
    sid = start_url_session(client)
    stranger = Client()  # no cookies at all, only the address
    page = soup(stranger.get(FIRST, {"sid": sid}))
    assert text(page.select_one("#url-session-greeting")) == "Hello, Ada ."
    next_link = page.select_one("#next-page")["href"]
    assert parse_qs(urlsplit(next_link).query)["sid"] == [sid]


def test_the_next_page_shows_the_id_leaking_through_the_referer(client):
    sid = start_url_session(client)
    first = f"http://testserver{FIRST}?sid={sid}"
    page = soup(client.get(NEXT, {"sid": sid}, headers={"Referer": first}))
    assert text(page.select_one("#referer")) == first
    assert "leaked" in text(page.select_one("#leak"))
    assert soup(client.get(NEXT, {"sid": sid})).select_one("#leak") is None


@pytest.mark.parametrize("sid", ["forged", "A" * 32, "x" * 5000, "; \r\n", "<script>alert(1)</script>", ""])
@pytest.mark.parametrize("path", [FIRST, NEXT])
def test_forged_url_session_ids_get_a_clear_message(client, sid, path):
    response = client.get(path, {"sid": sid})
    assert response.status_code == 404
    assert "<script>alert(1)" not in response.content.decode()
    assert text(soup(response).select_one("#url-session-unknown"))


def test_the_real_session_id_is_never_accepted_from_a_url(client):
    client.get("/counter/")
    real_key = client.cookies["sessionid"].value
    assert Client().get(FIRST, {"sid": real_key}).status_code == 404
    stranger = Client()
    stranger.get("/counter/", {"sid": real_key, "sessionid": real_key})
    assert stranger.cookies["sessionid"].value != real_key


@pytest.mark.parametrize(
    ("nickname", "error"),
    [
        ("", "Type a nickname first."),
        ("x" * 5000, "Keep it to 30"),
        ("a\x07b", "no control characters"),
        ("a\x00b", "Null characters"),
    ],
)
def test_bad_nicknames_re_render_the_form(client, nickname, error):
    response = client.post(START, {"nickname": nickname})
    assert response.status_code == 200
    page = soup(response)
    assert error in text(page.select_one("#nickname-error"))
    assert page.select_one("#id_nickname")["aria-invalid"] == "true"


def test_the_url_session_demo_is_off_unless_turned_on(client, settings):
    sid = start_url_session(client)
    settings.COOKIELAB_URL_SESSIONS_DEMO = False
    assert "COOKIELAB_URL_SESSIONS_DEMO" in text(soup(client.get(URL)).select_one("#url-sessions-off"))
    for path in (FIRST, NEXT):
        response = client.get(path, {"sid": sid})
        assert response.status_code == 404
        assert soup(response).select_one("#url-sessions-off") is not None
    assert client.post(START, {"nickname": "Ada"}).status_code == 404


def test_the_pages_live_at_their_documented_paths():
    assert reverse("cookielab:without-cookies") == URL
    assert reverse("cookielab:test-cookie") == URL + "test-cookie/"
    assert reverse("cookielab:url-session") == FIRST
    assert reverse("cookielab:url-session-start") == START
    assert reverse("cookielab:url-session-next") == NEXT


def test_the_nickname_form_opens_the_page_at_itself(client):
    form = soup(client.get(URL)).select_one("#url-session-form")
    assert form["action"] == START + "#url-session-form"
    assert client.get(START).status_code == 405
    assert client.get(URL + "test-cookie/").status_code == 405


@pytest.mark.urls("tests.support.mounted_urls")
def test_every_address_stays_under_the_mount_point(client):
    assert addresses_outside_the_mount(client, URL) == []
    started = client.post(PREFIX + START, {"nickname": "Ada"})
    assert started["Location"].startswith(PREFIX + FIRST + "?sid=")
    assert addresses_outside_the_mount(client, started["Location"].removeprefix(PREFIX)) == []
