"""Cookie limits: Django sends every one of the rejection lab's cookies without complaint."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cookielab.lessons.cookies import cookie_limits
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db


def sent(response) -> dict:
    jar = {}
    for header in set_cookie_headers(response):
        jar.update(parse_set_cookie(header))
    return jar


def test_one_response_carries_all_five_as_built(client):
    response = client.post(reverse("cookielab:cookie-limits-send"))
    assert response.status_code == 303
    assert response["Location"] == reverse("cookielab:cookie-limits") + "?sent=1#limits-result"
    jar = sent(response)
    assert len(jar["limit_4096"].key) + len(jar["limit_4096"].value) == 4096
    assert len(jar["limit_4097"].key) + len(jar["limit_4097"].value) == 4097
    assert jar["limit_samesite_none"]["samesite"] == "None" and not jar["limit_samesite_none"]["secure"]
    broken = jar["__Host-limit_broken"]
    assert not broken["secure"] and broken["path"] == reverse("cookielab:cookie-limits")
    assert jar["limit_control"].value == "kept"


def test_the_page_reports_what_came_back(client):
    client.post(reverse("cookielab:cookie-limits-send"))
    for dropped in ("limit_4097", "limit_samesite_none", "__Host-limit_broken"):
        del client.cookies[dropped]  # what a browser does; the browser test checks Chromium really does
    page = soup(client.get(reverse("cookielab:cookie-limits") + "?sent=1"))
    kept = {row["data-cookie"]: row.select_one(".server-kept")["data-kept"] for row in page.select("tr[data-cookie]")}
    assert kept == {cookie.name: ("yes" if cookie.expect_kept else "no") for cookie in cookie_limits.limit_cookies()}


def test_clear_expires_them(client):
    client.post(reverse("cookielab:cookie-limits-send"))
    assert soup(client.get(reverse("cookielab:cookie-limits"))).select_one("#clear-limits") is not None
    response = client.post(reverse("cookielab:cookie-limits-clear"))
    assert response.status_code == 303
    assert response["Location"] == reverse("cookielab:cookie-limits") + "#limits-result"
    jar = sent(response)
    assert {name for name, morsel in jar.items() if morsel["max-age"] == "0"} == {
        cookie.name for cookie in cookie_limits.limit_cookies()
    }
    assert jar["__Host-limit_broken"]["path"] == reverse("cookielab:cookie-limits")


def test_before_sending_nothing_is_reported_and_there_is_nothing_to_clear(client):
    page = soup(client.get(reverse("cookielab:cookie-limits")))
    assert page.select_one("#clear-limits") is None
    cells = [text(cell) for cell in page.select("tr[data-cookie] .server-kept")]
    assert cells == ["–"] * len(cookie_limits.limit_cookies())
    assert "The server sent all five" not in text(page.select_one("#limits-result"))


def test_the_actions_take_post_only(client):
    assert client.get(reverse("cookielab:cookie-limits-send")).status_code == 405
    assert client.get(reverse("cookielab:cookie-limits-clear")).status_code == 405


@pytest.mark.urls("tests.support.mounted_urls")
def test_everything_follows_the_mount_point(client):
    response = client.post("/learn/lessons/cookie-limits/send/")
    # Every one on the lesson's own path: a 4 KB cookie must not follow the student around the site.
    assert response.cookies["__Host-limit_broken"]["path"] == "/learn/lessons/cookie-limits/"
    assert response.cookies["limit_4096"]["path"] == "/learn/lessons/cookie-limits/"
    assert response.cookies["limit_control"]["path"] == "/learn/lessons/cookie-limits/"


@pytest.mark.parametrize(("host", "trustworthy"), [("127.0.0.1", True), ("[::1]", True), ("classroom.test", False)])
def test_an_untrustworthy_origin_is_told_that_even_secure_cookies_are_dropped(client, settings, host, trustworthy):
    settings.ALLOWED_HOSTS = [host]
    notice = soup(client.get(reverse("cookielab:cookie-limits"), HTTP_HOST=host)).select_one("#secure-notice")
    if trustworthy:
        assert notice is None
    else:
        assert "http://classroom.test" in text(notice) and "potentially trustworthy" in text(notice)
        assert "SameSite=None" in text(notice)
