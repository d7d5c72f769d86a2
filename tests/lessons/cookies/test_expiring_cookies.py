"""Deleting means expiring: the lecture's /deletecookie/, and a lab where only the matching path deletes."""

from __future__ import annotations

import re
from datetime import datetime
from datetime import timezone

import pytest
import requests
from bs4 import BeautifulSoup
from django.urls import reverse

from cookielab.lessons.cookies.expiring_cookies import LAB_ATTEMPTS
from cookielab.lessons.cookies.expiring_cookies import LAB_COOKIE
from tests.support.html import expires_at
from tests.support.html import parsed_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/expiring-cookies/"
LAB = "/lessons/expiring-cookies/lab/"


@pytest.mark.parametrize(
    ("name", "path"), [("expiring-cookies", URL), ("expiring-cookies-lab", LAB), ("deletecookie", "/deletecookie/")]
)
def test_routes_live_at_their_documented_paths(name, path):
    assert reverse(f"cookielab:{name}") == path


def test_deletecookie_expires_username_with_matching_attributes(client):
    client.cookies["username"] = "john doe"
    response = client.get(reverse("cookielab:deletecookie"))
    assert response.status_code == 200
    cookie = parsed_set_cookie(response, "username")
    assert cookie.value == ""
    assert cookie["max-age"] == "0"
    assert expires_at(cookie) < datetime.now(timezone.utc)
    assert cookie["path"] == "/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "Cookie username has been deleted." in text(soup(response).select_one("#deletecookie-result"))
    assert "no-cache" in response["Cache-Control"]


def test_deletecookie_without_a_cookie_says_so(client):
    response = client.get(reverse("cookielab:deletecookie"))
    assert "There was no username cookie to delete." in text(soup(response).select_one("#deletecookie-result"))
    assert parsed_set_cookie(response, "username")["max-age"] == "0"


def test_deletecookie_answers_only_reads(client):
    assert client.head(reverse("cookielab:deletecookie")).status_code == 200
    assert client.post(reverse("cookielab:deletecookie")).status_code == 405


def test_the_lesson_page_itself_deletes_nothing(client):
    client.cookies["username"] = "ada"
    response = client.get(URL)
    assert "username" not in response.cookies
    assert soup(response).select_one("#deletecookie-result") is None


@pytest.mark.parametrize(
    ("route", "attempt", "path", "max_age"),
    [
        ("expiring-cookies-lab-set", "set", LAB, ""),
        ("expiring-cookies-lab-wrong", "wrong-path", "/", "0"),
        ("expiring-cookies-lab-right", "right-path", LAB, "0"),
    ],
)
def test_each_lab_step_sends_its_set_cookie(client, route, attempt, path, max_age):
    client.get(URL)  # the student is on the lesson page (the wire tap starts)
    response = client.post(reverse(f"cookielab:{route}"))
    assert response.status_code == 303
    assert response["Location"] == f"{LAB}?attempt={attempt}#lab-result"
    cookie = parsed_set_cookie(response, LAB_COOKIE)
    assert cookie["path"] == path
    assert cookie["max-age"] == max_age
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("#lab-result pre")) == f"Set-Cookie: {set_cookie_headers(response)[0]}"
    assert LAB_ATTEMPTS[attempt] in text(page.select_one("#lab-result"))


def test_the_lab_page_reports_what_the_sub_path_received(client):
    page = soup(client.get(LAB, HTTP_COOKIE=f"{LAB_COOKIE}=path-scoped"))
    assert "still sent lab_path_demo=path-scoped" in text(page.select_one("#lab-verdict"))
    page = soup(client.get(LAB))
    assert "sent no lab_path_demo" in text(page.select_one("#lab-verdict"))
    outside = soup(client.get(URL))
    assert "outside the cookie's path" in text(outside.select_one("#lab-verdict"))


def test_an_unknown_attempt_is_ignored(client):
    response = client.get(LAB, {"attempt": "<b>; \r\n" + "x" * 5000})
    assert response.status_code == 200
    assert "<b>;" not in response.content.decode()


@pytest.mark.urls("tests.support.mounted_urls")
def test_the_lab_cookie_follows_the_mount_point(client):
    lab = client.post("/learn/lessons/expiring-cookies/lab/set/")
    assert parsed_set_cookie(lab, LAB_COOKIE)["path"] == "/learn/lessons/expiring-cookies/lab/"
    assert lab["Location"] == "/learn/lessons/expiring-cookies/lab/?attempt=set#lab-result"


# ---- A plain HTTP client with a real cookie jar -----------------------------------------------


def form_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match
    return match.group(1)


def result(html: str, selector: str) -> str:
    return text(BeautifulSoup(html, "html.parser").select_one(selector))


@pytest.mark.usefixtures("transactional_db")
def test_getcookie_then_deletecookie_with_a_real_cookie_jar(live_server):
    with requests.Session() as browser:
        domain = "localhost.local"  # how http.cookiejar stores cookies of a dotless host
        browser.cookies.set("username", "john", domain=domain, path="/")
        got = browser.get(live_server.url + reverse("cookielab:getcookie"))
        assert result(got.text, "#getcookie-result") == "Server: john"
        deleted = browser.get(live_server.url + reverse("cookielab:deletecookie"))
        assert "Cookie username has been deleted." in result(deleted.text, "#deletecookie-result")
        assert "username" not in browser.cookies  # the jar honoured Max-Age=0
        again = browser.get(live_server.url + reverse("cookielab:getcookie"))
        assert result(again.text, "#getcookie-result") == "No cookie found"


@pytest.mark.usefixtures("transactional_db")
def test_the_path_lab_with_a_real_cookie_jar(live_server):
    with requests.Session() as browser:
        lesson = browser.get(live_server.url + URL)
        token = form_token(lesson.text)

        def press(route: str) -> str:
            response = browser.post(live_server.url + reverse(f"cookielab:{route}"), {"csrfmiddlewaretoken": token})
            assert response.status_code == 200, response.status_code
            assert [hop.status_code for hop in response.history] == [303]
            return result(response.text, "#lab-verdict")

        assert "still sent" in press("expiring-cookies-lab-set")
        assert [c.path for c in browser.cookies if c.name == LAB_COOKIE] == [LAB]
        assert "still sent" in press("expiring-cookies-lab-wrong")
        assert "sent no" in press("expiring-cookies-lab-right")
        assert LAB_COOKIE not in browser.cookies


def test_the_main_page_offers_to_reach_the_cookie_from_outside_its_path(client):
    page = soup(client.get(URL))
    fence = page.select_one("#path-fence")
    assert fence["data-lab-path"] == LAB
    assert fence["data-cookie"] == LAB_COOKIE
    assert fence["data-frame-url"] == reverse("cookielab:expiring-cookies-lab-frame")
    assert fence["data-frame-url"].startswith(LAB)
    assert "§8.6" in text(page)
    assert "on a page inside" not in text(page)


def test_the_lab_page_sends_the_visitor_outside_the_path_for_that_demo(client):
    page = soup(client.get(LAB))
    assert page.select_one("#path-fence") is None
    assert page.select_one("#fence-elsewhere a")["href"].startswith(URL + "#")


def test_the_framed_page_is_framable_only_by_this_origin_and_runs_nothing(client):
    response = client.get(reverse("cookielab:expiring-cookies-lab-frame"))
    assert response.status_code == 200
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert soup(response).select("script") == []
    assert client.post(reverse("cookielab:expiring-cookies-lab-frame")).status_code == 405
