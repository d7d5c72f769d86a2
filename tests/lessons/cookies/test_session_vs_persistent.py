"""Session and persistent cookies: one cookie without an expiry, two with one, and the headers that set them."""

from __future__ import annotations

from datetime import datetime
from datetime import timezone

import pytest
from django.urls import reverse

from cookielab.lessons.cookies.session_vs_persistent import LIFETIME_NAMES
from tests.support.html import expires_at
from tests.support.html import parsed_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/session-vs-persistent/"


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:session-vs-persistent") == URL


def test_before_the_demo_no_cookie_was_sent(client):
    page = soup(client.get(URL))
    rows = {row["data-cookie"]: text(row.select("td")[1]) for row in page.select("#lifetimes tr[data-cookie]")}
    assert rows == {"demo_session": "no", "demo_week": "no", "demo_decade": "no"}
    assert page.select_one("#lifetime-headers") is None


def test_three_lifetimes_are_set_and_shown(client):
    client.get(URL)
    response = client.post(reverse("cookielab:session-vs-persistent-set"))
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#lifetimes-result"
    now = datetime.now(timezone.utc)
    session = parsed_set_cookie(response, "demo_session")
    week = parsed_set_cookie(response, "demo_week")
    decade = parsed_set_cookie(response, "demo_decade")
    assert not session["max-age"] and not session["expires"]
    assert week["max-age"] == str(7 * 86400)
    assert decade["max-age"] == str(3650 * 86400)
    assert (expires_at(decade) - now).days in range(3649, 3651)
    for cookie in (session, week, decade):
        assert not cookie["httponly"]  # a page script must be able to see them
        assert cookie["path"] == URL  # the lesson's own path: a 10-year cookie must not follow you around
    page = soup(client.get(response["Location"]))
    shown = [text(code).removeprefix("Set-Cookie: ") for code in page.select("#lifetime-headers code")]
    assert sorted(shown) == sorted(h for h in set_cookie_headers(response) if h.startswith("demo_"))
    rows = {row["data-cookie"]: text(row.select("td")[1]) for row in page.select("#lifetimes tr[data-cookie]")}
    assert rows == {"demo_session": "session", "demo_week": "week", "demo_decade": "decade"}


def test_expire_all_three(client):
    response = client.post(reverse("cookielab:session-vs-persistent-expire"))
    assert response.status_code == 303
    for name in LIFETIME_NAMES:
        assert parsed_set_cookie(response, name)["max-age"] == "0"


@pytest.mark.urls("tests.support.mounted_urls")
def test_the_cookies_cover_the_mount_point(client):
    response = client.post("/learn/lessons/session-vs-persistent/set/")
    assert {parsed_set_cookie(response, name)["path"] for name in LIFETIME_NAMES} == {
        "/learn/lessons/session-vs-persistent/"
    }
