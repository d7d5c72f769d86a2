"""The setting-cookies lesson: the lecture's /setcookie/ route and the cookie workbench, over real HTTP."""

from __future__ import annotations

import pytest
import requests
from django.urls import reverse

from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

URL = "/lessons/setting-cookies/"
GOOD = {"name": "flavour", "value": "oatmeal", "encoding": "none", "max_age": "900", "path": "/", "domain": ""}


def assert_only_site_cookies(response) -> None:
    """Nothing of the student's was set or expired: at most the site's own first-visit cookies."""
    assert set(response.cookies) <= {"csrftoken", "cookielab_wire"}
    assert all(morsel["max-age"] != 0 for morsel in response.cookies.values())


def header_for(response, name: str) -> str:
    return next(header for header in set_cookie_headers(response) if header.startswith(f"{name}="))


def test_the_routes_live_at_their_documented_paths():
    assert reverse("cookielab:setting-cookies") == URL
    assert reverse("cookielab:setcookie") == "/setcookie/"


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
        cells = {text(row.select_one("th")): text(row.select_one("td")) for row in soup(back).select("#wire tbody tr")}
        assert cells["username"] == "john doe"  # Django takes the quotes off when it reads the cookie


@pytest.mark.django_db
def test_a_valid_cookie_is_set_then_seen_on_the_next_request(client):
    client.get(URL)
    response = client.post(URL, {**GOOD, "httponly": "on", "samesite": "Strict"})
    assert response.status_code == 302
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
    response = client.post(URL, {**GOOD, "value": value, "encoding": encoding})
    assert response.status_code == 302
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"].value == expected


@pytest.mark.django_db
def test_max_age_zero_expires_at_once_and_the_page_says_so(client):
    response = client.post(URL, {**GOOD, "max_age": "0"})
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"]["max-age"] == "0"
    client.cookies.pop("flavour", None)  # what a browser does with Max-Age=0
    page = soup(client.get(response["Location"]))
    assert "expired at once" in text(page.select_one("#outcome"))


@pytest.mark.django_db
def test_a_path_elsewhere_is_stored_but_not_sent_here(client):
    response = client.post(URL, {**GOOD, "path": "/elsewhere/"})
    client.cookies.pop("flavour", None)  # the browser keeps it for /elsewhere/ only
    page = soup(client.get(response["Location"]))
    assert "does not cover /lessons/setting-cookies/" in text(page.select_one("#outcome"))


@pytest.mark.django_db
def test_a_domain_equal_to_this_host_is_accepted(client):
    response = client.post(URL, {**GOOD, "domain": "testserver"})
    assert parse_set_cookie(header_for(response, "flavour"))["flavour"]["domain"] == "testserver"


@pytest.mark.django_db
def test_delete_expires_the_cookie_with_its_own_path(client):
    client.post(URL, {**GOOD, "path": "/lessons/"})
    response = client.post(reverse("cookielab:setting-cookies-delete"), {"name": "flavour"})
    assert response.status_code == 302
    morsel = parse_set_cookie(header_for(response, "flavour"))["flavour"]
    assert morsel["max-age"] == "0" and morsel["path"] == "/lessons/"
    page = soup(client.get(response["Location"]))
    assert "Max-Age=0" in text(page.select_one("#deleted-result"))
    assert page.select_one("#held-cookies") is None


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["sessionid", "never-set", "; \r\n"])
def test_delete_only_touches_workbench_cookies(client, name):
    client.post(URL, GOOD)
    response = client.post(reverse("cookielab:setting-cookies-delete"), {"name": name})
    assert response.status_code == 400
    assert "not a cookie the workbench set" in text(soup(response).select_one("#delete-errors"))
    assert_only_site_cookies(response)


@pytest.mark.django_db
def test_a_forged_workbench_list_is_ignored(client):
    client.cookies["cookielab_workbench"] = '[{"n":"sessionid","p":"/","d":"","s":false,"x":null,"h":"x"}]'
    response = client.post(reverse("cookielab:setting-cookies-delete"), {"name": "sessionid"})
    assert response.status_code == 400
    assert "sessionid" not in response.cookies


@pytest.mark.django_db
def test_the_number_of_workbench_cookies_is_capped(client, settings):
    settings.COOKIELAB_WORKBENCH_MAX_COOKIES = 2
    assert client.post(URL, {**GOOD, "name": "one"}).status_code == 302
    assert client.post(URL, {**GOOD, "name": "two"}).status_code == 302
    assert client.post(URL, {**GOOD, "name": "two", "value": "again"}).status_code == 302  # replacing is fine
    refused = client.post(URL, {**GOOD, "name": "three"})
    assert refused.status_code == 400
    assert "already holds 2 workbench cookies" in text(soup(refused).select_one("#workbench-errors"))
    assert_only_site_cookies(refused)


@pytest.mark.django_db
def test_the_cookie_header_size_is_capped(client, settings):
    settings.COOKIELAB_WORKBENCH_MAX_COOKIE_HEADER_BYTES = 3000
    client.cookies["big"] = "x" * 2000
    refused = client.post(URL, {**GOOD, "value": "y" * 1500})
    assert refused.status_code == 400
    assert "400 Bad Request" in text(soup(refused).select_one("#workbench-errors"))


@pytest.mark.django_db
def test_the_workbench_needs_a_csrf_token():
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(URL, GOOD).status_code == 403


@pytest.mark.django_db
@pytest.mark.urls("tests.support.mounted_urls")
def test_everything_follows_the_mount_point(client):
    response = client.post("/learn/lessons/setting-cookies/", GOOD)
    assert response["Location"].startswith("/learn/lessons/setting-cookies/?set=flavour")
    assert response.cookies["cookielab_workbench"]["path"] == "/learn/"
    page = soup(client.get(response["Location"]))
    assert page.select_one("#workbench-form")["action"] == "/learn/lessons/setting-cookies/"
    assert page.select_one("#held-cookies form")["action"] == "/learn/lessons/setting-cookies/delete/"
    assert client.get("/learn/setcookie/").cookies["username"]["path"] == "/"
    js_page = client.get("/learn/lessons/cookies-in-javascript/")
    assert js_page.cookies["js_demo_httponly"]["path"] == "/learn/"
    assert soup(js_page).select_one("#js-demo")["data-echo-url"] == "/learn/lessons/cookies-in-javascript/echo/"
    signed_response = client.post("/learn/lessons/signed-cookies/sign/", {"value": "x"})
    assert signed_response.cookies["signed_demo"]["path"] == "/learn/"
    limits_response = client.post("/learn/lessons/cookie-limits/send/")
    assert limits_response.cookies["__Host-limit_broken"]["path"] == "/learn/lessons/cookie-limits/"
    assert limits_response.cookies["limit_control"]["path"] == "/learn/"
