"""The demo login: login changes the key and keeps the data; logout deletes the old key from every store."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.urls import reverse

from cookielab.lessons.sessions.logging_in import demo_login
from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import addresses_outside_the_mount
from tests.support.session_engines import SERVER_SIDE_ENGINES
from tests.support.session_engines import use_engine

pytestmark = pytest.mark.django_db

URL = "/lessons/logging-in/"
LOGIN = "/lessons/logging-in/login/"
LOGOUT = "/lessons/logging-in/logout/"


@pytest.fixture
def engine(request, settings, monkeypatch, tmp_path):
    return use_engine(request.param, request, settings, monkeypatch, tmp_path)


def found_anywhere(key: str, engine: str, tmp_path) -> bool:
    """Look for ``key`` in the stores themselves, not through the page under test."""
    places = []
    if engine in {"db", "cached_db"}:
        places.append(Session.objects.filter(session_key=key).exists())
    if engine in {"cache", "cached_db"}:
        prefix = f"django.contrib.sessions.{engine}"
        places.append(caches["default"].has_key(prefix + key))
    if engine == "file":
        places.append(any(path.name.endswith(key) for path in tmp_path.iterdir()))
    return any(places)


def session_key(client: Client) -> str:
    return client.cookies["sessionid"].value


@pytest.mark.parametrize("engine", SERVER_SIDE_ENGINES, indirect=True)
def test_login_changes_the_key_keeps_the_data_and_logout_deletes_it(client, engine, tmp_path):
    client.get("/counter/")
    client.get("/counter/")
    first = session_key(client)
    assert found_anywhere(first, engine, tmp_path)

    page = soup(client.post(LOGIN))
    second = session_key(client)
    assert second != first
    assert not found_anywhere(first, engine, tmp_path)
    assert found_anywhere(second, engine, tmp_path)
    assert client.session["page_views"] == 2  # the data moved to the new key
    assert "page_views" in text(page.select_one("#data-kept"))
    assert text(page.select_one("#logged-in-as")) == "yes, as cookielab-demo"
    assert {text(li).rsplit(": ", 1)[1] for li in page.select("#old-key-checks li")} == {"gone"}

    page = soup(client.post(LOGOUT))
    assert not found_anywhere(second, engine, tmp_path)
    assert {text(li).rsplit(": ", 1)[1] for li in page.select("#old-key-checks li")} == {"gone"}

    replay = Client()
    replay.cookies["sessionid"] = second
    assert text(soup(replay.get(URL)).select_one("#logged-in-as")) == "no"


def test_signed_cookie_sessions_cannot_revoke_a_copied_cookie(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    client.post(LOGIN)
    logged_in_cookie = session_key(client)
    page = soup(client.post(LOGOUT))
    checks = {text(li) for li in page.select("#old-key-checks li")}
    assert "the old cookie, signed, still accepted: still there" in checks

    replay = Client()
    replay.cookies["sessionid"] = logged_in_cookie
    assert text(soup(replay.get(URL)).select_one("#logged-in-as")) == "yes, as cookielab-demo"


def test_keys_are_masked_unless_revealed(client, settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = False
    client.get("/counter/")
    key = session_key(client)
    page = soup(client.post(LOGIN))
    assert text(page.select_one("#key-before")) == f"{key[:4]}…{key[-4:]}"
    demo = page.select_one("section.demo").decode()  # the wire panel shows the browser its own Cookie header
    assert key not in demo
    assert session_key(client) not in demo
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True
    assert session_key(client) in text(soup(client.get(URL)).select_one("#current-key"))


def test_the_demo_account_has_no_usable_password(client):
    client.post(LOGIN)
    user = get_user_model().objects.get(username=demo_login.DEMO_USERNAME)
    assert not user.has_usable_password()
    assert not user.is_staff and not user.is_superuser


def test_a_real_account_with_the_demo_name_is_never_logged_into(client):
    get_user_model().objects.create_user(demo_login.DEMO_USERNAME, password="a-real-password-1")
    response = client.post(LOGIN)
    assert response.status_code == 400
    assert "will not log anyone into it" in text(soup(response).select_one("#demo-error"))
    assert "_auth_user_id" not in client.session


def test_login_needs_a_post_with_csrf():
    browser = Client(enforce_csrf_checks=True)
    assert browser.get(LOGIN).status_code == 405
    assert browser.post(LOGIN).status_code == 403
    token = soup(browser.get(URL)).select_one("form[action='/lessons/logging-in/login/#key-change'] input")["value"]
    assert browser.post(LOGIN, {"csrfmiddlewaretoken": token}).status_code == 200
    assert "_auth_user_id" in browser.session


def test_the_demo_is_off_unless_the_host_turns_it_on(client, settings):
    settings.COOKIELAB_DEMO_LOGIN = False
    page = soup(client.get(URL))
    assert "COOKIELAB_DEMO_LOGIN" in text(page.select_one("#demo-off"))
    assert page.select_one("#log-in") is None
    assert client.post(LOGIN).status_code == 403
    assert not get_user_model().objects.filter(username=demo_login.DEMO_USERNAME).exists()


@pytest.mark.parametrize("cookie", ["forgedforgedforgedforgedforged12", "abc", "x" * 5000, "; \r\n"])
def test_a_forged_key_is_never_adopted(client, cookie):
    client.cookies["sessionid"] = cookie
    assert client.get(URL).status_code == 200
    response = client.post(LOGIN)
    assert response.status_code == 200
    assert session_key(client) != cookie
    assert not Session.objects.filter(session_key=cookie).exists()


def test_the_pages_live_at_their_documented_paths():
    assert reverse("cookielab:logging-in") == URL
    assert reverse("cookielab:demo-log-in") == LOGIN
    assert reverse("cookielab:demo-log-out") == LOGOUT


def test_a_quiz_re_render_shows_the_state_of_the_session_not_the_last_change(client):
    client.post(LOGIN)
    page = soup(client.post("/lessons/logging-in/check/", {"choice": "99"}))
    assert text(page.select_one("#logged-in-as")) == "yes, as cookielab-demo"
    assert page.select_one("#key-change h3") is None  # the result box is there, empty


@pytest.mark.urls("tests.support.mounted_urls")
def test_every_address_stays_under_the_mount_point(client):
    assert addresses_outside_the_mount(client, URL) == []
