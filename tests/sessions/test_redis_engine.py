"""Cookie Lab's Redis session engine on a real redis-server, under django-redis and Django's own RedisCache.

What each request costs is counted by Redis itself (INFO commandstats), not by the client.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import pytest
import redis
from django.core.cache import caches
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from bench.servers import free_port
from cookielab.sessions.backends.redis import KEY_PREFIX
from cookielab.sessions.backends.redis import SessionStore
from cookielab.sessions.backends.redis import redis_client
from tests.support import engine_guarantees
from tests.support.html import soup
from tests.support.html import text
from tests.support.sessions_flow import JSON

pytestmark = pytest.mark.redis

ENGINE = "cookielab.sessions.backends.redis"
BACKENDS = {
    "django-redis": "django_redis.cache.RedisCache",
    "django": "django.core.cache.backends.redis.RedisCache",
}


@pytest.fixture(params=list(BACKENDS))
def sessions_in_redis(request, redis_server, settings) -> Iterator[redis.Redis]:
    """The Redis engine on the test's own redis-server, through each Redis cache backend; yields a probe client."""
    prefix = f"t{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        "default": {"BACKEND": BACKENDS[request.param], "LOCATION": redis_server.url, "KEY_PREFIX": prefix}
    }
    settings.SESSION_ENGINE = ENGINE
    probe = redis_server.client()
    SessionStore().exists("warmupkey")  # the pool's connection handshake (HELLO…), before anything is counted
    yield probe
    keys = list(probe.scan_iter(f"{prefix}:*"))
    if keys:
        probe.delete(*keys)
    caches.close_all()


def _calls(probe: redis.Redis) -> Counter:
    stats = probe.info("commandstats")
    return Counter({name.removeprefix("cmdstat_"): command["calls"] for name, command in stats.items()})


@contextmanager
def commands(probe: redis.Redis) -> Iterator[Counter]:
    """The commands Redis ran inside the block (the probe's own INFO left out)."""
    counted: Counter = Counter()
    before = _calls(probe)
    yield counted
    counted.update(_calls(probe) - before)
    del counted["info"]


def full_key(session_key: str) -> str:
    return str(caches["default"].make_key(KEY_PREFIX + session_key))


def count(client: Client) -> int:
    response = client.get("/counter/", headers=JSON)
    assert response.status_code == 200
    return response.json()["views"]


def test_a_new_visitor_costs_one_command_and_a_returning_one_two(sessions_in_redis):
    browser = Client()
    with commands(sessions_in_redis) as first:
        assert count(browser) == 1
    assert first == {"set": 1}
    with commands(sessions_in_redis) as second:
        assert count(browser) == 2
    assert second == {"get": 1, "set": 1}


def test_the_session_is_stored_as_json_under_the_caches_key_with_the_cookies_age(sessions_in_redis, settings):
    browser = Client()
    count(browser)
    count(browser)
    session_key = browser.cookies["sessionid"].value

    assert json.loads(sessions_in_redis.get(full_key(session_key))) == {"page_views": 2}
    ttl = sessions_in_redis.ttl(full_key(session_key))
    assert settings.SESSION_COOKIE_AGE - 5 <= ttl <= settings.SESSION_COOKIE_AGE


def test_a_forged_key_is_replaced_and_never_stored(sessions_in_redis):
    browser = Client()
    browser.cookies["sessionid"] = "forgedkey0123456789abcdefghijklm"
    with commands(sessions_in_redis) as spent:
        assert count(browser) == 1
    new_key = browser.cookies["sessionid"].value
    assert new_key != "forgedkey0123456789abcdefghijklm"
    assert sessions_in_redis.exists(full_key(new_key)) == 1
    assert sessions_in_redis.exists(full_key("forgedkey0123456789abcdefghijklm")) == 0
    assert spent == {"get": 1, "set": 1}


@pytest.mark.parametrize("stored", [b'{"page_views": 7', b"[7]", b"\x80\x05K\x07."])
def test_a_value_that_is_not_a_json_object_reads_as_an_empty_session(sessions_in_redis, stored):
    store = SessionStore()
    store["page_views"] = 7
    store.save()
    sessions_in_redis.set(full_key(store.session_key), stored)
    again = SessionStore(store.session_key)
    assert again.load() == {}
    assert again.session_key == store.session_key


def in_redis(probe):
    return lambda key: probe.exists(full_key(key)) == 1


def test_a_session_deleted_meanwhile_is_not_brought_back(sessions_in_redis):
    engine_guarantees.a_session_deleted_meanwhile_is_not_brought_back(SessionStore, in_redis(sessions_in_redis))


def test_the_middleware_answers_session_interrupted_and_stores_nothing(sessions_in_redis):
    engine_guarantees.the_middleware_answers_session_interrupted_and_stores_nothing(
        SessionStore, in_redis(sessions_in_redis)
    )


def test_create_draws_again_when_a_key_is_taken_and_leaves_the_other_session_alone(sessions_in_redis, monkeypatch):
    engine_guarantees.create_draws_again_when_a_key_is_taken(SessionStore, monkeypatch)


def test_saving_with_must_create_refuses_an_existing_key(sessions_in_redis):
    engine_guarantees.saving_with_must_create_refuses_an_existing_key(SessionStore)


def test_the_ttl_follows_set_expiry_and_a_past_expiry_keeps_nothing(sessions_in_redis):
    store = SessionStore()
    store.set_expiry(60)
    store["page_views"] = 1
    store.save()
    assert 55 <= sessions_in_redis.ttl(full_key(store.session_key)) <= 60

    store.set_expiry(timezone.now() - timedelta(minutes=1))
    store.save()
    assert sessions_in_redis.exists(full_key(store.session_key)) == 0


def test_cycle_key_moves_the_data_and_deletes_the_old_key(sessions_in_redis):
    engine_guarantees.cycle_key_moves_the_data_and_deletes_the_old_key(SessionStore, in_redis(sessions_in_redis))


def test_clearsessions_has_nothing_to_do(sessions_in_redis):
    store = SessionStore()
    store.save()
    call_command("clearsessions")
    assert SessionStore.clear_expired() is None
    assert sessions_in_redis.exists(full_key(store.session_key)) == 1


def test_a_cache_that_is_not_redis_is_refused_with_a_reason(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.SESSION_ENGINE = ENGINE
    store = SessionStore("abcdefgh12345678")
    with pytest.raises(ImproperlyConfigured, match="needs a Redis cache"):
        store.load()


@pytest.mark.parametrize("backend", list(BACKENDS))
def test_redis_down_gives_the_503_page(settings, backend):
    settings.CACHES = {
        "default": {
            "BACKEND": BACKENDS[backend],
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 1} if backend == "django" else {"SOCKET_CONNECT_TIMEOUT": 1},
        }
    }
    settings.SESSION_ENGINE = ENGINE
    response = Client().get("/counter/", headers=JSON)
    assert response.status_code == 503
    assert response["Retry-After"]


def test_one_client_object_per_django_redis_cache(sessions_in_redis):
    cache = caches["default"]
    assert redis_client(cache) is redis_client(cache)


@pytest.mark.django_db
def test_the_lessons_see_inside_the_redis_engine(sessions_in_redis, settings):
    """The inspector names the engine's kind and shows the key, its TTL and data as Redis holds them."""
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True
    client = Client()
    client.post("/lessons/what-is-a-session/check-in/", {"note": "yellow raincoat"})
    key = client.cookies["sessionid"].value
    [redis_key] = [name.decode() for name in sessions_in_redis.scan_iter(f"*{KEY_PREFIX}{key}")]
    page = soup(client.get("/lessons/what-is-a-session/"))
    assert "redis" in text(page.select_one("#inspector-engine"))
    facts = text(page.select_one("#inspector-location"))
    assert redis_key in facts and "TTL (read from Redis)" in facts
    assert json.loads(sessions_in_redis.get(redis_key))["coat_check"] == "yellow raincoat"
    assert json.loads(text(page.select_one("#inspector-data")))["coat_check"] == "yellow raincoat"
    assert "cannot look inside" not in text(page)
