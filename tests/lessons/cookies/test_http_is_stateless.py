"""Lesson 1, HTTP is stateless: the server greets a name in the request and remembers nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/http-is-stateless/"


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:http-is-stateless") == URL


def test_the_server_greets_the_name_in_this_request_only(client):
    greeted = soup(client.get(URL, {"name": "Ada"}))
    assert "Hello, Ada!" in text(greeted.select_one("#stateless-result"))
    again = soup(client.get(URL))
    result = text(again.select_one("#stateless-result"))
    assert "Ada" not in result
    assert "Who are you?" in result


def test_nothing_sent_back_carries_the_name(client):
    response = client.get(URL, {"name": "Ada"})
    assert set(response.cookies) <= {"cookielab_wire", "csrftoken"}  # the panel's id, the quiz's CSRF token
    assert all("Ada" not in morsel.OutputString() for morsel in response.cookies.values())


@pytest.mark.parametrize(
    ("name", "error"),
    [("   ", "Type a name first"), ("x" * 5000, "Keep it to 60 characters")],
)
def test_bad_names_get_a_clear_message(client, name, error):
    page = soup(client.get(URL, {"name": name}))
    assert error in text(page.select_one("#name-error"))
    assert page.select_one("#id_name")["aria-invalid"] == "true"


def test_hostile_names_are_escaped(client):
    page = client.get(URL, {"name": "<script>alert(1)</script>; \r\n"}).content.decode()
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;;" in page


def request_facts(page) -> dict[str, str]:
    return {
        text(dt): text(dd)
        for dt, dd in zip(page.select("#stateless-result dt"), page.select("#stateless-result dd"), strict=True)
    }


def test_the_page_shows_the_request_it_answered(client):
    first = soup(client.get(URL, {"name": "Ada"}))
    assert text(first.select_one("#request-line")) == f"GET {URL}?name=Ada"
    facts = request_facts(first)
    assert facts["Cookie header"] == "not sent"  # a first visit: the browser holds nothing for this site yet
    assert facts["Authorization header"] == "not sent"
    cookie = request_facts(soup(client.get(URL)))["Cookie header"]
    assert "csrftoken=" in cookie and "Ada" not in cookie


def test_the_name_form_sends_a_get_that_opens_at_the_demo(client):
    form = soup(client.get(URL)).select_one(".demo form")
    assert form["method"] == "get"
    assert form["action"] == f"{URL}#stateless-result"


def test_the_lesson_says_what_http_does_not_keep(client):
    """Connections do stay open (keep-alive); state is what HTTP does not keep (RFC 9110 §3.3)."""
    words = text(soup(client.get(URL)).select_one(".lesson"))
    assert "keeps no conversation open" not in words
    assert "keeps connections alive by default" in words
    assert "What HTTP does not keep is state" in words
    assert "RFC 9110 §3.3" in words
