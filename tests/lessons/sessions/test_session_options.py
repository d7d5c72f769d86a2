"""Lesson "Session options": live settings; reads do not extend a session, writes do; empty ones send nothing."""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import locate_session
from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import addresses_outside_the_mount
from tests.support.session_engines import SERVER_SIDE_ENGINES
from tests.support.session_engines import age_stored_session
from tests.support.session_engines import use_engine
from tests.support.wire import text as wire_text

pytestmark = pytest.mark.django_db

URL = "/lessons/session-options/"
READ_URL = "/lessons/session-options/read/"
WRITE_URL = "/lessons/session-options/write/"


def test_the_pages_live_at_their_documented_paths():
    assert reverse("cookielab:session-options") == URL
    assert reverse("cookielab:session-options-read") == READ_URL
    assert reverse("cookielab:session-options-write") == WRITE_URL


def test_a_write_answers_with_the_page_at_the_expiry_demo(client):
    response = client.post(WRITE_URL)
    assert response.status_code == 303
    assert response["Location"] == URL + "#expiry-result"
    assert "sessionid" in response.cookies
    assert text(soup(client.get(URL)).select_one("#write-count")) == "1"
    assert client.get(WRITE_URL).status_code == 405
    assert client.post(READ_URL).status_code == 405


@pytest.mark.urls("tests.support.mounted_urls")
@pytest.mark.parametrize("path", [URL, READ_URL])
def test_every_address_stays_under_the_mount_point(client, path):
    assert addresses_outside_the_mount(client, path) == []


def test_the_options_table_shows_the_live_settings_and_never_the_secret(client, settings):
    settings.SESSION_COOKIE_AGE = 900
    settings.SESSION_COOKIE_NAME = "labsid"
    settings.SESSION_SAVE_EVERY_REQUEST = True
    response = client.get(URL)
    assert settings.SECRET_KEY not in response.content.decode()
    page = soup(response)
    cells = {cell["data-setting"]: text(cell) for cell in page.select("#options-table td[data-setting]")}
    assert cells["SESSION_COOKIE_AGE"] == "900 s (= maxAge 900000 ms)"
    assert cells["SESSION_COOKIE_NAME"] == "labsid"
    assert cells["SESSION_SAVE_EVERY_REQUEST"] == "True"
    assert cells["SECRET_KEY (+ SECRET_KEY_FALLBACKS)"].startswith("set, 0 fallback key(s)")


def test_a_cookie_less_browser_reading_the_session_gets_no_cookie_and_no_row(client):
    response = client.get(READ_URL)
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert Session.objects.count() == 0
    assert "saveUninitialized: false" in text(soup(response).select_one("#read-only-summary"))


def test_the_wire_panel_then_shows_no_set_cookie_for_the_read_only_page(client):
    client.get(URL)  # the panel's own id cookie
    client.get(READ_URL)
    page = soup(client.get(URL))
    previous = page.select_one("#wire .wire-earlier .exchange")
    assert wire_text(previous.select_one(".exchange-line")) == f"GET {READ_URL}"
    assert "The server answered 200 OK, with no Set-Cookie header." in wire_text(previous)


@pytest.mark.parametrize("name", SERVER_SIDE_ENGINES)
def test_reading_keeps_the_stored_expiry_writing_moves_it(client, name, request, settings, monkeypatch, tmp_path):
    use_engine(name, request, settings, monkeypatch, tmp_path)
    redis = request.getfixturevalue("redis_cache").client() if name in {"cache", "cached_db"} else None
    engine = ENGINES[name]
    client.post(WRITE_URL)
    session_key = client.cookies["sessionid"].value
    age_stored_session(name, session_key, redis, seconds_left=100)
    aged = locate_session(engine, session_key).stored_expiry
    assert abs((aged - timezone.now()).total_seconds() - 100) < 5

    read = client.get(READ_URL)
    assert "sessionid" not in read.cookies
    assert locate_session(engine, session_key).stored_expiry == pytest.approx(aged, abs=timedelta(seconds=2))

    written = client.post(WRITE_URL)
    assert written.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    moved = locate_session(engine, session_key).stored_expiry
    assert (moved - aged).total_seconds() > settings.SESSION_COOKIE_AGE - 200
    page = soup(client.get(URL))
    assert text(page.select_one("#write-count")) == "2"
    assert text(page.select_one("#expiry-before")) != "none: the session did not exist yet"


def test_the_page_shows_the_expiry_before_and_after_a_write(client):
    frozen = timezone.now().replace(microsecond=0)
    with mock.patch("django.utils.timezone.now", return_value=frozen):
        client.post(WRITE_URL)
    session_key = client.cookies["sessionid"].value
    later = frozen + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        client.get(READ_URL)
        row = Session.objects.get(session_key=session_key)
        assert row.expire_date == frozen + timedelta(seconds=1_209_600)  # the read did not move it
        client.post(WRITE_URL)
        page = soup(client.get(URL))
    row.refresh_from_db()
    assert row.expire_date == later + timedelta(seconds=1_209_600)
    # Dates read by people, the exact instant kept in <time datetime>.
    before = datetime.fromisoformat(page.select_one("#expiry-before time")["datetime"])
    assert before == frozen + timedelta(seconds=1_209_600)
    assert datetime.fromisoformat(page.select_one("#expiry-now time")["datetime"]) == row.expire_date
    assert text(page.select_one("#expiry-now time")).startswith("in 14 days (")


def test_with_save_every_request_a_read_extends_the_session(client, settings):
    settings.SESSION_SAVE_EVERY_REQUEST = True
    frozen = timezone.now().replace(microsecond=0)
    with mock.patch("django.utils.timezone.now", return_value=frozen):
        client.post(WRITE_URL)
    session_key = client.cookies["sessionid"].value
    later = frozen + timedelta(hours=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        read = client.get(READ_URL)
    assert "sessionid" in read.cookies
    assert Session.objects.get(session_key=session_key).expire_date == later + timedelta(seconds=1_209_600)


@pytest.mark.django_db
def test_the_lecture_cookie_parser_line_is_explained(client):
    paragraph = soup(client.get(reverse("cookielab:session-options"))).select_one("#no-cookie-parser")
    words = text(paragraph)
    assert "app.use(cookieParser())" in words and "since version 1.5.0" in words
    assert "different secrets" in words
    assert paragraph.select_one('a[href="https://github.com/expressjs/session#readme"]') is not None
