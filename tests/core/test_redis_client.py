"""Django's own RedisCache counts as Redis wherever django-redis does: counters, inspector, command, lessons.

The whole Redis suite runs on Django's backend in one cell of .ci/matrix (REDIS_TEST_BACKEND=django);
these tests run both backends in every run.
"""

from __future__ import annotations

import io
import os
import time
import uuid

import pytest
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.core.cache import caches
from django.core.management import call_command

from cookielab.core.redis_client import DirectCommands
from cookielab.core.redis_client import direct_commands
from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import raw_client
from cookielab.lessons.sessions.counter.counters import counter_store
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

BACKENDS = {
    "django": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
    },
    "django-redis": {
        "BACKEND": "django_redis.cache.RedisCache",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    },
}


@pytest.fixture(params=sorted(BACKENDS))
def redis_backend(request, redis_server, settings):
    """The default cache on the test's own Redis through one backend, under a key prefix of its own."""
    prefix = f"b{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": {**BACKENDS[request.param], "LOCATION": redis_server.url, "KEY_PREFIX": prefix}}
    caches.close_all()
    yield redis_server.client(), prefix
    client = redis_server.client()
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    caches.close_all()


def test_the_raw_client_reads_and_increments_what_the_cache_wrote(redis_backend):
    cache = caches["default"]
    assert is_redis(cache)
    cache.set("views", 5)
    client = raw_client(cache)
    assert client.incr(cache.make_key("views")) == 6
    assert cache.get("views") == 6
    assert raw_client(cache, write=False).exists(cache.make_key("views"))


def test_other_caches_are_not_redis(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "dummy": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    }
    caches.close_all()
    assert not is_redis(caches["default"]) and raw_client(caches["default"]) is None
    assert not is_redis(caches["dummy"])


def test_the_atomic_counter_counts_in_redis(client, redis_backend):
    redis, prefix = redis_backend
    assert counter_store() == "Redis (INCR)"
    client.get("/counter/atomic/")
    client.get("/counter/atomic/")
    [key] = redis.scan_iter(f"{prefix}:*cookielab:views:*")
    assert int(redis.get(key)) == 2


def test_the_command_counts_and_inspects_redis_sessions(redis_backend, settings):
    _, prefix = redis_backend
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    store = CacheStore()
    store["colour"] = "blue"
    store.save()
    out = io.StringIO()
    call_command("cookielab_sessions", "stats", stdout=out)
    assert "Redis (cache 'default'): 1 session keys (cache: 1, cached_db: 0)" in out.getvalue()
    out = io.StringIO()
    call_command("cookielab_sessions", "inspect", store.session_key, stdout=out)
    assert f"key {prefix}:1:django.contrib.sessions.cache{store.session_key}" in out.getvalue()
    assert "s (cache TTL)" in out.getvalue() and '"colour": "blue"' in out.getvalue()


def test_the_inspector_reads_the_ttl_from_redis(client, redis_backend, settings):
    redis, prefix = redis_backend
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True  # the test compares the key the page names with Redis's
    url = "/lessons/what-is-a-session/"
    client.post(url + "check-in/", {"note": "blue duffle coat"})
    key = f"{prefix}:1:django.contrib.sessions.cache{client.cookies['sessionid'].value}"
    redis.expire(key, 4321)
    shown = text(soup(client.get(url)).select_one("#inspector-location"))
    assert key in shown
    assert "4321 s" in shown or "4320 s" in shown


def test_the_timeout_lesson_offers_its_redis_demo(client, redis_backend, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    page = soup(client.get("/lessons/session-timeout/"))
    assert page.select_one("#redis-off") is None


def test_direct_commands_reuse_one_connection_for_commands_sent_one_after_another(redis_server):
    commands = direct_commands(redis_server.client())
    assert commands.execute("SET", "colour", "blue", "EX", 60, "NX") == b"OK"
    assert commands.execute("SET", "colour", "red", "EX", 60, "NX") is None  # NX refused: nil, not an error
    assert commands.execute("GET", "colour") == b"blue"
    first = commands.execute("CLIENT", "ID")
    for _ in range(20):
        assert commands.execute("CLIENT", "ID") == first


def test_several_commands_go_in_one_write_and_every_reply_comes_back_in_order(redis_server):
    commands = direct_commands(redis_server.client())
    first = commands.execute("CLIENT", "ID")
    replies = commands.execute_many(("MULTI",), ("INCR", "views"), ("EXPIRE", "views", 60), ("EXEC",))
    assert replies == [b"OK", b"QUEUED", b"QUEUED", [1, 1]]
    views, ttl = commands.execute_many(("INCR", "views"), ("TTL", "views"))
    assert views == 2 and 59 <= ttl <= 60
    assert commands.execute("CLIENT", "ID") == first  # every reply was read: the connection is still in step


def test_direct_commands_ride_out_a_connection_the_server_closed_while_idle(redis_server):
    """A Redis restart or idle timeout closes connections; the next command goes through on a new one."""
    probe = redis_server.client()
    commands = DirectCommands(redis_server.client().connection_pool)
    commands.execute("SET", "colour", "blue")
    idle = commands.execute("CLIENT", "ID")
    assert probe.client_kill_filter(_id=idle) == 1
    assert commands.execute("GET", "colour") == b"blue"
    assert commands.execute("CLIENT", "ID") != idle


def test_a_forked_process_never_shares_its_parents_connection(redis_server):
    commands = DirectCommands(redis_server.client().connection_pool)
    parent = commands.execute("CLIENT", "ID")
    child = os.fork()
    if child == 0:  # the child: a command of its own on a connection of its own, told by the exit status
        shared = True
        try:
            shared = commands.execute("CLIENT", "ID") == parent
        finally:  # whatever happens, the child never returns into pytest
            os._exit(1 if shared else 0)
    _, status = os.waitpid(child, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert commands.execute("CLIENT", "ID") == parent  # the parent keeps its own


def test_direct_commands_keep_only_so_many_idle_connections(redis_server):
    probe = redis_server.client()
    commands = DirectCommands(redis_server.client().connection_pool, keep=1)
    held = [commands._new_connection() for _ in range(3)]
    # Three connections in use at once, each handing its connection back after its reply.
    ids = [commands._round_trip(connection, [("CLIENT", "ID")])[0] for connection in held]
    assert commands._idle == held[:1]

    def still_open() -> list[int]:
        open_ids = {int(client["id"]) for client in probe.client_list()}
        return [connection_id for connection_id in ids if connection_id in open_ids]

    # Redis notices a closed connection on its next turn of the event loop: ask until it has.
    closed_by = time.monotonic() + 5
    while still_open() != ids[:1]:
        assert time.monotonic() < closed_by, f"open after 5 s: {still_open()}, only {ids[:1]} is kept"
        time.sleep(0.01)
