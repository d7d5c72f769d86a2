"""CookieHeaderLimitMiddleware: a Cookie header too big to be worth parsing gets a 431 that teaches."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

LIMIT = 32 * 1024


def bomb(count: int, size: int) -> str:
    return "; ".join(f"bomb{index}={'x' * size}" for index in range(count))


def test_an_ordinary_cookie_header_passes(client):
    response = client.get(reverse("cookielab:reading-cookies"), HTTP_COOKIE="flavour=oatmeal")
    assert response.status_code == 200


def test_a_header_just_at_the_limit_passes(client):
    header = "a=" + "x" * (LIMIT - 2)
    assert len(header) == LIMIT
    assert client.get(reverse("cookielab:index"), HTTP_COOKIE=header).status_code == 200


def test_a_huge_cookie_header_gets_a_small_431_page_that_explains_it(client):
    header = bomb(100, 4000)  # 400 KB, as a cookie bomb leaves it
    response = client.get(reverse("cookielab:reading-cookies"), HTTP_COOKIE=header)
    assert response.status_code == 431
    assert len(response.content) < 20_000  # nothing of the 400 KB is echoed back
    page = soup(response)
    assert "431 Request Header Fields Too Large" in text(page)
    assert "100 cookies" in text(page)
    assert response["Cache-Control"] == "no-store"


def test_the_431_expires_the_biggest_cookies_until_the_rest_fits(client, settings):
    settings.COOKIELAB_MAX_COOKIE_HEADER_BYTES = 10_000
    small = "; ".join(f"s{index}=v" for index in range(5))
    header = f"{small}; big1={'x' * 6000}; big2={'y' * 6000}"
    response = client.get("/lessons/reading-cookies/", HTTP_COOKIE=header)
    assert response.status_code == 431
    expired_names = {morsel.key for morsel in response.cookies.values() if morsel["max-age"] == 0}
    assert expired_names == {"big1", "big2"}  # the small ones stay
    assert {morsel["path"] for morsel in response.cookies.values()} == {"/"}


def test_the_limit_is_a_setting(client, settings):
    settings.COOKIELAB_MAX_COOKIE_HEADER_BYTES = 100
    assert client.get(reverse("cookielab:index"), HTTP_COOKIE="a=" + "x" * 200).status_code == 431
