"""Every session lesson, run the two ways the site runs: Cookie Lab's db engine, and with REDIS_URL set
Cookie Lab's own resilient cached_db engine on a real Redis.

The pages are parsed from real HTML; what they claim is checked against the stores themselves (the
``django_session`` row, the Redis key and its TTL), never against the introspection under test.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.test import Client
from django.utils import timezone

from cookielab.sessions.backends.cached_db import SessionStore as SiteStore
from tests.support.html import soup
from tests.support.html import text
from tests.support.session_engines import SITE_DEFAULT_ENGINE
from tests.support.session_engines import SITE_ENGINE
from tests.support.session_engines import SITE_SETTINGS
from tests.support.session_engines import use_site_settings

pytestmark = pytest.mark.django_db

PLACES = {
    "default-db": "a row in the database table django_session",
    "redis-cached_db": "a key in the cache (Redis) and a row in django_session",
}
ENGINE_PATHS = {"default-db": SITE_DEFAULT_ENGINE, "redis-cached_db": SITE_ENGINE}


@pytest.fixture(params=SITE_SETTINGS)
def site(request, settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True  # these tests compare the keys the page names with the stores'
    return use_site_settings(request.param, request, settings)


class Stores:
    """The session as the stores hold it, read without Cookie Lab: SQL for the row, raw Redis for the key."""

    def __init__(self, site: str, request) -> None:
        self.site = site
        self.redis = request.getfixturevalue("redis_cache").client() if site == "redis-cached_db" else None

    def row(self, session_key: str) -> Session | None:
        return Session.objects.filter(session_key=session_key).first()

    def data(self, session_key: str) -> dict:
        row = self.row(session_key)
        assert row is not None, "no django_session row"
        return SiteStore().decode(row.session_data)

    def redis_key(self, session_key: str) -> str:
        return str(caches["default"].make_key(SiteStore.cache_key_prefix + session_key))

    def ttl(self, session_key: str) -> int:
        assert self.redis is not None
        return int(self.redis.ttl(self.redis_key(session_key)))

    def cached(self, session_key: str) -> dict | None:
        return caches["default"].get(SiteStore.cache_key_prefix + session_key)

    def held_anywhere(self, session_key: str) -> bool:
        in_redis = self.redis is not None and bool(self.redis.exists(self.redis_key(session_key)))
        return self.row(session_key) is not None or in_redis


@pytest.fixture
def stores(site, request):
    return Stores(site, request)


def session_key(client: Client) -> str:
    return client.cookies["sessionid"].value


def shown_time(node) -> datetime:
    return datetime.fromisoformat(node["datetime"])


def assert_inspector_sees_the_store(page, site: str, stores: Stores, key: str, data: dict) -> None:
    """The session inspector shows the engine, the place, the data and the row's expiry: nothing is hidden."""
    assert ENGINE_PATHS[site] in text(page.select_one("#inspector-engine"))
    assert text(page.select_one("#inspector-exists")) == f"yes — {PLACES[site]}"
    shown = json.loads(text(page.select_one("#inspector-data")))
    assert {name: shown.get(name) for name in data} == data
    row = stores.row(key)
    assert row is not None
    assert shown_time(page.select_one("#inspector-expiry time")) == row.expire_date
    facts = text(page.select_one("#inspector-location"))
    assert "django_session" in facts and row.session_data[:60] in facts
    notice = page.select_one("#inspector-location-notice")
    assert notice is None or "cannot look inside" not in text(notice)
    if site == "redis-cached_db":
        assert stores.redis_key(key) in facts
        ttl = stores.ttl(key)  # read after the page: the page read it earlier, so it showed as much or more
        match = re.search(r"TTL \(read from Redis\)\s*(\d+) s", facts)
        assert match is not None, facts
        assert 0 < ttl <= int(match.group(1)) <= ttl + 60  # a minute covers a loaded machine, not another key
        assert {name: stores.cached(key)[name] for name in data} == data


# ---- what-is-a-session ----


def test_what_is_a_session_shows_the_coat_where_the_engine_keeps_it(client, site, stores):
    response = client.post("/lessons/what-is-a-session/check-in/", {"note": "green parka"})
    assert response.status_code == 303
    key = session_key(client)
    assert stores.data(key)["coat_check"] == "green parka"
    page = soup(client.get("/lessons/what-is-a-session/"))
    assert "green parka" in text(page.select_one("#coat-check-result"))
    assert_inspector_sees_the_store(page, site, stores, key, {"coat_check": "green parka"})

    client.post("/lessons/what-is-a-session/collect/")
    assert not stores.held_anywhere(key)
    assert text(soup(client.get("/lessons/what-is-a-session/")).select_one("#inspector-exists")) == "no"


# ---- session-options and its read-only page ----


def test_session_options_reads_the_stored_expiry_and_the_read_page_leaves_it(client, site, stores):
    client.post("/lessons/session-options/write/")
    key = session_key(client)
    first_expiry = stores.row(key).expire_date
    page = soup(client.get("/lessons/session-options/"))
    assert text(page.select_one("#write-count")) == "1"
    assert text(page.select_one("#expiry-before")) == "none: the session did not exist yet"
    assert shown_time(page.select_one("#expiry-now time")) == first_expiry
    assert_inspector_sees_the_store(page, site, stores, key, {"options_demo": stores.data(key)["options_demo"]})

    read = client.get("/lessons/session-options/read/")
    assert "sessionid" not in read.cookies
    read_page = soup(read)
    assert "Your browser sent its session id" in text(read_page.select_one("#read-only-summary"))
    assert_inspector_sees_the_store(
        read_page, site, stores, key, {"options_demo": {"writes": 1, "expiry_before_write": None}}
    )
    assert stores.row(key).expire_date == first_expiry

    Session.objects.filter(session_key=key).update(expire_date=first_expiry - timedelta(hours=1))
    if stores.redis is not None:
        stores.redis.expire(stores.redis_key(key), 3600)
    client.post("/lessons/session-options/write/")
    page = soup(client.get("/lessons/session-options/"))
    assert text(page.select_one("#write-count")) == "2"
    # The write noted the expiry it was about to move: the row's, read through the site's engine.
    assert shown_time(page.select_one("#expiry-before time")) == first_expiry - timedelta(hours=1)
    assert shown_time(page.select_one("#expiry-now time")) == stores.row(key).expire_date


# ---- session-timeout: countdown, clean-up, the expired-row count ----


def test_session_timeout_counts_down_the_stored_expiry(client, site, stores):
    client.post("/lessons/session-timeout/lifetime/", {"seconds": "30"})
    key = session_key(client)
    row = stores.row(key)
    assert 25 <= (row.expire_date - timezone.now()).total_seconds() <= 30
    if stores.redis is not None:
        assert 25 <= stores.ttl(key) <= 30
    page = soup(client.get("/lessons/session-timeout/"))
    countdown = page.select_one("#countdown")
    assert countdown is not None and countdown["role"] == "timer"
    assert datetime.fromisoformat(countdown["data-expires-at"]) == row.expire_date
    assert 25 <= int(countdown["data-seconds-left"]) <= 30
    assert "set_expiry(30)" in text(page.select_one("#countdown-box"))
    assert_inspector_sees_the_store(page, site, stores, key, {"timeout_demo_seconds": 30})


def make_expired_rows(count: int) -> list[str]:
    past = timezone.now() - timedelta(days=1)
    keys = [f"expired{index:025d}" for index in range(count)]
    Session.objects.bulk_create(
        Session(session_key=key, session_data=SiteStore().encode({"old": True}), expire_date=past) for key in keys
    )
    return keys


def test_session_timeout_counts_and_cleans_up_the_expired_rows(client, site, stores, settings):
    settings.COOKIELAB_SESSION_CLEANUP_DEMO = True
    client.post("/lessons/session-timeout/lifetime/", {"seconds": "600"})
    own = session_key(client)
    expired = make_expired_rows(3)
    page = soup(client.get("/lessons/session-timeout/"))
    status = text(page.select_one("#cleanup-status"))
    assert "keeps no database rows" not in status
    assert ENGINE_PATHS[site] not in status or site == "default-db"
    assert text(page.select_one("#cleanup-table")) == "django_session"
    assert text(page.select_one("#expired-count")) == "3"
    cache_note = page.select_one("#cleanup-cache-keys")
    assert (cache_note is not None) == (site == "redis-cached_db")
    assert page.select_one("#run-cleanup") is not None

    response = client.post("/lessons/session-timeout/cleanup/")
    assert response.status_code == 303
    assert response["Location"] == "/lessons/session-timeout/?removed=3#cleanup-result"
    assert not Session.objects.filter(session_key__in=expired).exists()
    assert stores.row(own) is not None  # the live session stays, in both layers
    if stores.redis is not None:
        assert stores.ttl(own) > 0
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("#cleanup-result")) == "Removed 3 expired session rows."
    assert text(page.select_one("#expired-count")) == "0"


# ---- session-backends ----


SITE_KINDS = {
    "default-db": "Database (a custom engine built on Django's db)",
    "redis-cached_db": "Cache in front of the database (a custom engine built on Django's cached_db)",
}


def test_session_backends_runs_the_sites_own_engine_too(client, site, stores):
    """Both ways the site runs are Cookie Lab engines built on Django's: the demo runs the site's own beside them."""
    before = soup(client.get("/lessons/session-backends/"))
    assert text(before.select_one("#status-site")).endswith("ready")
    response = client.post("/lessons/session-backends/run/")
    assert response.status_code == 200
    page = soup(response)
    card = page.select_one("#engine-site")
    bars = [bar["data-engine"] for bar in page.select("#backend-chart rect.bar")]
    assert ENGINE_PATHS[site] in text(page.select_one("#backend-cards").find_previous("p"))
    assert card.select_one(".notice") is None, text(card)
    assert text(card.select_one("h3")) == f"This site's engine: {SITE_KINDS[site]}"
    shown = text(card)
    assert f"Landed in {PLACES[site]}" in shown
    assert "django_session" in shown
    if site == "redis-cached_db":
        assert ":django.contrib.sessions.cached_db" in shown
    assert '"coat": "blue duffle"' in shown
    assert "Deleted afterwards" in shown
    assert bars[-1] == "site"
    assert [text(label) for label in page.select("#backend-chart text")][-2] == "this site"
    assert Session.objects.count() == 0  # the demo sessions are gone again
    if stores.redis is not None:
        assert list(stores.redis.scan_iter("*django.contrib.sessions*")) == []


# ---- logging-in ----


def test_logging_in_and_out_proves_it_in_the_sites_store(client, site, stores):
    client.get("/counter/")
    first = session_key(client)
    assert stores.held_anywhere(first)
    page = soup(client.post("/lessons/logging-in/login/"))
    second = session_key(client)
    assert second != first
    assert not stores.held_anywhere(first)
    assert stores.data(second)["page_views"] == 1
    checks = {
        text(item).rsplit(": ", 1)[0]: text(item).rsplit(": ", 1)[1] for item in page.select("#old-key-checks li")
    }
    assert set(checks.values()) == {"gone"}
    assert "a row in the django_session table" in checks
    assert any("in cache 'default'" in place for place in checks) == (site == "redis-cached_db")
    if stores.redis is not None:
        assert stores.ttl(second) > 0

    client.post("/lessons/logging-in/logout/")
    assert not stores.held_anywhere(second)


# ---- cart-and-preferences ----


def test_the_cart_is_read_back_from_the_sites_store(client, site, stores):
    client.post("/lessons/cart-and-preferences/add/", {"product": "fortune-cookie", "quantity": "2"})
    key = session_key(client)
    assert stores.data(key)["cart"] == {"fortune-cookie": 2}
    if stores.redis is not None:
        assert stores.cached(key)["cart"] == {"fortune-cookie": 2}
    page = soup(client.get("/lessons/cart-and-preferences/"))
    assert json.loads(page.select_one("#session-json").get_text())["cart"] == {"fortune-cookie": 2}
    where = text(page.select_one("#stored-where"))
    assert f"kept in {PLACES[site]}" in where
    assert shown_time(page.select_one("#stored-expiry")) == stores.row(key).expire_date


def test_an_empty_cart_page_says_nothing_is_stored(client, site):
    page = soup(client.get("/lessons/cart-and-preferences/"))
    assert text(page.select_one("#stored-where")).startswith("Nothing is stored yet")


# ---- counter ----


def test_the_counter_lives_in_the_sites_store(client, site, stores):
    client.get("/counter/")
    page = soup(client.get("/counter/"))
    key = session_key(client)
    assert text(page.select_one("#counter-message")) == "You visited this page 2 times"
    assert text(page.select_one("#counter-place")) == PLACES[site]
    assert stores.data(key)["page_views"] == 2
    if stores.redis is not None:
        assert stores.cached(key)["page_views"] == 2
        assert stores.ttl(key) > 0

    atomic = soup(client.get("/counter/atomic/"))
    store_named = "Redis (INCR)" if site == "redis-cached_db" else "the database (one atomic UPDATE)"
    assert store_named in text(atomic.select_one(".counter-result"))
