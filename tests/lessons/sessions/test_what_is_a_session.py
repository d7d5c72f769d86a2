"""Lesson "What is a session": the coat-check form stores a note in the session, collecting it ends the session."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import PREFIX
from tests.support.mounted import addresses_outside_the_mount

pytestmark = pytest.mark.django_db

URL = "/lessons/what-is-a-session/"
CHECK_IN = URL + "check-in/"
COLLECT = URL + "collect/"


def check_in(client, note: str = "blue duffle coat"):
    return client.post(CHECK_IN, {"note": note})


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:what-is-a-session") == URL
    assert reverse("cookielab:what-is-a-session-check-in") == CHECK_IN
    assert reverse("cookielab:what-is-a-session-collect") == COLLECT


def test_checking_in_answers_with_the_page_at_the_result(client):
    response = check_in(client)
    assert response.status_code == 303
    assert response["Location"] == URL + "#coat-check-result"
    page = soup(client.get(URL))
    assert "blue duffle coat" in text(page.select_one("#coat-check-result"))
    assert page.select_one(f"form[action='{COLLECT}#coat-check-result'] button") is not None
    assert client.get(CHECK_IN).status_code == 405


def test_the_coat_check_form_opens_the_page_at_itself(client):
    form = soup(client.get(URL)).select_one("#coat-check")
    assert form["action"] == CHECK_IN + "#coat-check"
    assert form.select_one("#id_note") is not None


def test_collecting_the_coat_ends_the_session(client):
    check_in(client)
    session_key = client.cookies["sessionid"].value
    response = client.post(COLLECT)
    assert response.status_code == 303
    assert response["Location"] == URL + "?collected=1#coat-check-result"
    assert response.cookies["sessionid"].value == ""
    assert response.cookies["sessionid"]["max-age"] == 0
    assert not Session.objects.filter(session_key=session_key).exists()


@pytest.mark.parametrize(
    ("note", "error"),
    [("", "Type a short note first"), ("   \r\n ", "Type a short note first"), ("x" * 5000, "80 characters")],
)
def test_bad_notes_are_refused_with_a_message_and_nothing_is_lost(client, note, error):
    check_in(client, "keep me")
    response = check_in(client, note)
    assert response.status_code == 200
    page = soup(response)
    assert error in text(page.select_one("#note-error"))
    assert page.select_one("#id_note")["aria-invalid"] == "true"
    assert page.select_one("#id_note")["aria-describedby"] == "note-error"
    assert "keep me" in text(soup(client.get(URL)).select_one("#coat-check-result"))


def test_hostile_notes_are_escaped(client):
    check_in(client, "<script>alert(1)</script>; \r\n")
    html = client.get(URL).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;;" in html


@pytest.mark.urls("tests.support.mounted_urls")
def test_every_address_stays_under_the_mount_point(client):
    client.post(PREFIX + CHECK_IN, {"note": "so that the collect form shows too"})
    assert addresses_outside_the_mount(client, URL) == []


def test_the_session_records_no_address_and_the_lesson_says_why_not(client):
    check_in(client)
    page = soup(client.get(URL, REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Lecture/1.0"))
    assert "203.0.113.7" in text(page.select_one("#what-was-noted"))
    stored = client.session.load()
    assert stored == {"coat_check": "blue duffle coat"}  # no address, no browser: the id alone finds it
    assert "203.0.113.7" not in text(page.select_one("#inspector-data"))
    words = text(page.select_one(".lesson"))
    assert "NAT" in words and "Wi-Fi to mobile data" in words
    assert page.select_one('a[href="https://www.rfc-editor.org/rfc/rfc6888"]') is not None


def test_the_same_cookie_from_another_address_gets_the_same_session(client):
    check_in(client)
    first = text(soup(client.get(URL, REMOTE_ADDR="198.51.100.1")).select_one("#coat-check-result"))
    moved = text(soup(client.get(URL, REMOTE_ADDR="192.0.2.99")).select_one("#coat-check-result"))
    assert first == moved and "blue duffle coat" in moved
