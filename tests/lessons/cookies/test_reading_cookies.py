"""Reading cookies: request.COOKIES beside the raw Cookie header, the lecture's /getcookie/, same-name cookies."""

from __future__ import annotations

from datetime import datetime
from datetime import timezone

import pytest
from django.urls import reverse

from cookielab.lessons.cookies.reading_cookies import DUPLICATE_COOKIE
from tests.support.html import expires_at
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/reading-cookies/"


@pytest.mark.parametrize(("name", "path"), [("reading-cookies", URL), ("getcookie", "/getcookie/")])
def test_routes_live_at_their_documented_paths(name, path):
    assert reverse(f"cookielab:{name}") == path


def test_getcookie_without_the_cookie_says_no_cookie_found(client):
    page = soup(client.get(reverse("cookielab:getcookie")))
    assert text(page.select_one("#getcookie-result")) == "No cookie found"


def test_getcookie_shows_the_username_cookie(client):
    client.cookies["username"] = "john doe"
    response = client.get(reverse("cookielab:getcookie"))
    page = soup(response)
    assert text(page.select_one("#getcookie-result")) == "Server: john doe"
    assert text(page.select_one("h1")).startswith("Reading cookies on the server")
    assert "outside" in text(page.select_one("#duplicates ~ .notice"))  # the same-name demo needs the lesson's path


def test_a_hostile_username_is_escaped(client):
    client.cookies["username"] = "<script>alert(1)</script>"
    body = client.get(reverse("cookielab:getcookie")).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_page_shows_request_cookies_beside_the_raw_header(client):
    header = 'colour=blue; quoted="a\\073 b"; username=ada'
    page = soup(client.get(URL, HTTP_COOKIE=header))
    assert text(page.select_one("#raw-cookie-header")) == f"Cookie: {header}"
    rows = {text(row.th): text(row.td) for row in page.select("#request-cookies tbody tr")}
    assert rows == {"colour": "blue", "quoted": "a; b", "username": "ada"}


def test_setting_duplicates_sends_two_cookies_of_one_name_with_different_paths(client):
    response = client.post(reverse("cookielab:reading-cookies-duplicates"))
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#duplicate-report"
    headers = [h for h in set_cookie_headers(response) if h.startswith(f"{DUPLICATE_COOKIE}=")]
    parsed = [parse_set_cookie(header)[DUPLICATE_COOKIE] for header in headers]
    assert [(m.value, m["path"]) for m in parsed] == [
        ("site-wide", "/"),
        ("this-lesson", "/lessons/reading-cookies/"),
    ]
    assert {m["max-age"] for m in parsed} == {"3600"}  # the site-wide one must be site-wide, so both are short-lived
    cleared = client.post(reverse("cookielab:reading-cookies-clear"))
    assert cleared.status_code == 303
    expired = [parse_set_cookie(h)[DUPLICATE_COOKIE] for h in set_cookie_headers(cleared)]
    assert [(m["path"], m["max-age"]) for m in expired] == [("/", "0"), ("/lessons/reading-cookies/", "0")]
    assert all(expires_at(m) < datetime.now(timezone.utc) for m in expired)


def test_django_keeps_the_last_duplicate_and_a_first_wins_parser_the_first(client):
    # As a browser sends them: the longer path first (RFC 6265bis 5.8.3).
    header = f"{DUPLICATE_COOKIE}=this-lesson; csrftoken=x; {DUPLICATE_COOKIE}=site-wide"
    page = soup(client.get(URL, HTTP_COOKIE=header))
    report = page.select_one("#duplicate-report")
    assert text(report.select("dd")[0]) == "dup_demo=this-lesson , then dup_demo=site-wide"
    assert text(page.select_one("#django-kept")) == "site-wide"
    assert text(page.select_one("#first-wins-kept")) == "this-lesson"


def test_the_explanation_links_the_lecture_route_that_sets_the_cookie(client):
    explanation = soup(client.get(URL)).select_one("section.explanation")
    hrefs = [a["href"] for a in explanation.select("a")]
    assert hrefs == [reverse("cookielab:getcookie"), reverse("cookielab:setcookie")]


@pytest.mark.urls("tests.support.mounted_urls")
def test_cookie_paths_follow_the_mount_point(client):
    assert reverse("cookielab:getcookie") == "/learn/getcookie/"
    duplicates = client.post("/learn/lessons/reading-cookies/duplicates/")
    headers = [h for h in set_cookie_headers(duplicates) if h.startswith(f"{DUPLICATE_COOKIE}=")]
    paths = [parse_set_cookie(h)[DUPLICATE_COOKIE]["path"] for h in headers]
    assert paths == ["/learn/", "/learn/lessons/reading-cookies/"]
    assert text(soup(client.get("/learn/getcookie/")).select_one("#getcookie-result")) == "No cookie found"
