"""The session inspector, shown on the lesson "What is a session", against every real session store."""

from __future__ import annotations

import json
import os

import pytest
from django.contrib.sessions.models import Session
from django.core import signing

from cookielab.core.inspector import mask_key
from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import locate_session
from tests.support.html import soup
from tests.support.html import text
from tests.support.redis_server import RedisServer
from tests.support.session_engines import ENGINE_NAMES
from tests.support.session_engines import redis_key
from tests.support.session_engines import store_class
from tests.support.session_engines import use_engine

pytestmark = pytest.mark.django_db

URL = "/lessons/what-is-a-session/"
CHECK_IN = URL + "check-in/"


@pytest.fixture(params=ENGINE_NAMES)
def engine(request, settings, monkeypatch, tmp_path):
    return use_engine(request.param, request, settings, monkeypatch, tmp_path)


def check_in(client, note: str = "blue duffle coat"):
    return client.post(CHECK_IN, {"note": note})


def test_mask_key_shows_only_the_ends():
    assert mask_key("abcd1234567890wxyz") == "abcd…wxyz"
    assert mask_key("short") == "•••••"


def test_a_first_visit_has_no_session_and_gets_no_session_cookie(client):
    response = client.get(URL)
    assert "sessionid" not in response.cookies
    page = soup(response)
    assert "none yet" in text(page.select_one("#inspector-key"))
    assert text(page.select_one("#inspector-exists")) == "no"


def test_checking_in_stores_the_note_where_the_engine_keeps_it(client, engine, tmp_path):
    response = check_in(client)
    assert response.status_code == 303
    session_key = client.cookies["sessionid"].value
    page = soup(client.get(URL))
    assert "blue duffle coat" in text(page.select_one("#coat-check-result"))
    assert json.loads(text(page.select_one("#inspector-data")))["coat_check"] == "blue duffle coat"
    assert text(page.select_one("#inspector-exists")).startswith("yes")
    shown = text(page.select_one("#inspector-location"))

    if engine in {"db", "cached_db"}:
        row = Session.objects.get(session_key=session_key)
        assert row.get_decoded()["coat_check"] == "blue duffle coat"
        assert row.session_data[:60] in shown
    # Outside DEBUG the key is masked wherever the store's own names contain it.
    masked = mask_key(session_key)
    if engine in {"cache", "cached_db"}:
        assert redis_key(engine, session_key).replace(session_key, masked) in shown
    if engine == "file":
        files = os.listdir(tmp_path)
        assert files == [f"sessionid{session_key}"]
        assert str(tmp_path / f"sessionid{masked}") in shown
        assert f"{(tmp_path / files[0]).stat().st_size} bytes" in shown
    if engine == "signed_cookies":
        data = signing.loads(session_key, salt="django.contrib.sessions.backends.signed_cookies")
        assert data["coat_check"] == "blue duffle coat"
        assert session_key.split(":")[0] in shown


@pytest.mark.redis
@pytest.mark.parametrize("name", ["cache", "cached_db"])
def test_cache_engines_show_the_redis_key_and_its_ttl_read_from_redis(
    client, name, request, settings, monkeypatch, tmp_path
):
    use_engine(name, request, settings, monkeypatch, tmp_path)
    redis = request.getfixturevalue("redis_cache").client()
    check_in(client)
    session_key = client.cookies["sessionid"].value
    key = redis_key(name, session_key)
    assert redis.exists(key)
    redis.expire(key, 4321)
    shown = text(soup(client.get(URL)).select_one("#inspector-location"))
    assert key.replace(session_key, mask_key(session_key)) in shown
    assert "4321 s" in shown or "4320 s" in shown


def test_the_full_key_is_revealed_only_when_the_switch_is_on(client, settings):
    check_in(client)
    session_key = client.cookies["sessionid"].value
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True
    page = soup(client.get(URL))
    assert text(page.select_one("#inspector-full-key")) == session_key
    assert text(page.select_one(".masked-key")) == mask_key(session_key)

    settings.COOKIELAB_REVEAL_SESSION_KEYS = False
    response = client.get(URL)
    page = soup(response)
    assert page.select_one("#inspector-full-key") is None
    assert text(page.select_one("#reveal-key-button")) == "Show my full session key"  # a POST shows it
    assert session_key not in response.content.decode()
    # A lesson that offers no reveal form says why the key is masked.
    page = soup(client.get("/lessons/session-options/read/"))
    assert "hidden on this site" in text(page.select_one("#inspector-reveal-off"))


def test_cookie_attributes_follow_the_settings(client, settings):
    settings.SESSION_COOKIE_AGE = 900
    settings.SESSION_COOKIE_SAMESITE = "Strict"
    check_in(client)
    sent = client.cookies["sessionid"]
    assert sent["max-age"] == 900 and sent["samesite"] == "Strict" and sent["httponly"]
    shown = text(soup(client.get(URL)).select_one("#inspector-cookie"))
    assert "Max-Age=900" in shown and "SameSite Strict" in shown and "HttpOnly yes" in shown


def signed_value() -> str:
    store = store_class("signed_cookies")()
    store["coat_check"] = "from another engine"
    store.save()
    return store.session_key


def tampered_signed_value() -> str:
    value = signed_value()
    rest = value.split(":", 1)[1]
    forged = signing.b64_encode(json.dumps({"coat_check": "forged"}, separators=(",", ":")).encode()).decode()
    return f"{forged}:{rest}"


BAD_IDS = {
    "path-traversal": lambda: "../../x",
    "5-kb": lambda: "a" * 5000,
    "non-ascii": lambda: "ключ-сессии-😀-12345",
    "signed-cookie-value": signed_value,
    "tampered-signed": tampered_signed_value,
    "truncated-signed": lambda: signed_value()[:-10],
    "db-looking-key": lambda: "0123456789abcdefghijklmnopqrstuv",
}


# A genuine signed session is valid under signed_cookies: foreign everywhere else.
BAD_CASES = [
    (engine, bad)
    for engine in ENGINE_NAMES
    for bad in BAD_IDS
    if (engine, bad) != ("signed_cookies", "signed-cookie-value")
]


@pytest.mark.parametrize(("name", "bad"), BAD_CASES, ids=[f"{engine}-{bad}" for engine, bad in BAD_CASES])
def test_forged_and_foreign_session_ids_get_a_fresh_session_never_an_error(
    client, name, bad, request, settings, monkeypatch, tmp_path
):
    engine = use_engine(name, request, settings, monkeypatch, tmp_path)
    value = BAD_IDS[bad]()
    # As a real WSGI server passes it: the raw header bytes (UTF-8 here) decoded as ISO-8859-1.
    raw_header = f"sessionid={value}".encode().decode("iso-8859-1")
    response = client.get(URL, HTTP_COOKIE=raw_header)
    assert response.status_code == 200
    page = soup(response)
    assert text(page.select_one("#inspector-exists")) == "no"
    assert "does not know" in text(page.select_one("#inspector-rejected"))
    assert "from another engine" not in text(page.select_one("#inspector-data"))
    assert "forged" not in text(page.select_one("#inspector-data"))
    assert page.select_one("#inspector-store-error") is None

    stored = client.post(CHECK_IN, {"note": "fresh"}, HTTP_COOKIE=raw_header)
    assert stored.status_code == 303
    new_key = stored.cookies["sessionid"].value
    assert new_key != value
    assert locate_session(ENGINES[engine], new_key).data["coat_check"] == "fresh"


@pytest.mark.redis
@pytest.mark.parametrize("name", ["cache", "cached_db"])
def test_redis_down_shows_a_notice_not_an_error(client, name, settings, monkeypatch, tmp_path, request, redis_server):
    own = RedisServer().start()
    try:
        request.getfixturevalue("redis_cache")  # django-redis, then re-pointed at a server we may kill
        settings.CACHES = {**settings.CACHES, "default": {**settings.CACHES["default"], "LOCATION": own.url}}
        from django.core.cache import caches

        caches.close_all()
        settings.SESSION_ENGINE = ENGINES[name]
        check_in(client, "before the outage")
        own.kill()
        response = client.get(URL)
        assert response.status_code == 200
        assert "did not answer" in text(soup(response).select_one("#inspector-store-error"))
        assert "sessionid" not in response.cookies  # the browser keeps its ticket for when Redis returns
    finally:
        own.stop()
