"""Where cookies live: the cookies the server received, for the page script to compare with what it sees."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/where-cookies-live/"


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:where-cookies-live") == URL


def test_the_page_lists_every_cookie_the_server_received(client):
    page = soup(client.get(URL, HTTP_COOKIE="a=1; sessionid=x"))
    assert [row["data-cookie"] for row in page.select("#cookie-views tr[data-cookie]")] == ["a", "sessionid"]
    assert "cookies.sqlite" in text(page.select_one("section.explanation"))
    assert "moz_cookies" in text(page.select_one("section.explanation"))


def test_a_request_without_cookies_says_so(client):
    page = soup(client.get(URL, HTTP_COOKIE=""))
    assert page.select("#cookie-views tr[data-cookie]") == []
    assert text(page.select_one("#cookie-views tr.no-cookies")) == "Your browser sent no cookies with this request."
