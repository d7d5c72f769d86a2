"""Fixtures shared by the whole suite: real Redis, real Chromium, parsed responses."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from tests.support.redis_server import RedisServer
from tests.support.redis_server import redis_server_binary
from tests.support.requirements import in_ci
from tests.support.requirements import require

# Property tests explore new random inputs on every local run; CI replays a fixed sequence, so a red
# CI run always means a change broke something (a new find shows up locally, with its example saved).
hypothesis_settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if in_ci():
    hypothesis_settings.load_profile("ci")

# Playwright's sync API runs an event loop in the test thread; Django must allow ORM calls there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
# Markers given by where a test lives or what it uses, so that `-m "not browser"` and `-m "not redis"`
# select reliably (a `pytestmark` in a conftest.py is ignored by pytest).
REDIS_FIXTURES = frozenset({"redis_server", "redis_cache"})
# Session engines whose parametrized cases fetch `redis_cache` at run time (tests/support/session_engines.py).
# Parameters that mean "this case runs on Redis": the engines of test_login and co, the site with REDIS_URL.
REDIS_ENGINE_PARAMS = frozenset({"cache", "cached_db", "redis-cached_db"})

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def redis_cache_backend() -> dict[str, Any]:
    """django-redis, or Django's own RedisCache with REDIS_TEST_BACKEND=django (one cell of .ci/matrix)."""
    if os.environ.get("REDIS_TEST_BACKEND", "django-redis") == "django":
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
    }


def needs_redis(item: pytest.Item) -> bool:
    if REDIS_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    callspec = getattr(item, "callspec", None)
    return callspec is not None and any(
        isinstance(value, str) and value in REDIS_ENGINE_PARAMS for value in callspec.params.values()
    )


@pytest.hookimpl(tryfirst=True)  # before pytest's own -m deselection
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test in a ``browser`` folder ``browser``, and every test that needs Redis ``redis``."""
    tests_root = Path(__file__).resolve().parent
    for item in items:
        if "browser" in item.path.resolve().relative_to(tests_root).parts[:-1]:
            item.add_marker(pytest.mark.browser)
        if needs_redis(item):
            item.add_marker(pytest.mark.redis)
    deselect_sqlite_only(config, items)


def deselect_sqlite_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``sqlite`` drive SQLite itself (PRAGMAs, its triggers, dbstat): on another database
    (the matrix's PostgreSQL cell) they are deselected, and counted as such, rather than skipped."""
    from django.db import connection

    if connection.vendor == "sqlite":
        return
    kept = [item for item in items if item.get_closest_marker("sqlite") is None]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def fast_password_hashing():
    """Django's advice for test suites: a cheap hasher. PBKDF2's 1,000,000 rounds took about 0.4 s of CPU a
    login attempt (the demo login asks ModelBackend, which hashes even for an unknown user)."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(scope="session")
def redis_server():
    """A redis-server of the test run's own, on a free port (never the shared one)."""
    require(
        redis_server_binary() is not None,
        "redis-server",
        "install it (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)",
    )
    server = RedisServer().start()
    yield server
    server.stop()


@pytest.fixture
def redis_cache(redis_server, settings, request):
    """Point Django's default cache at the test's own Redis, under a key prefix of its own."""
    if request.node.get_closest_marker("redis") is None:  # fetched at run time, unseen by the marking hook
        pytest.fail(f"{request.node.nodeid} uses Redis but is not marked: take redis_cache as an argument")
    prefix = f"t{uuid.uuid4().hex[:8]}"
    settings.CACHES = {"default": {**redis_cache_backend(), "LOCATION": redis_server.url, "KEY_PREFIX": prefix}}
    from django.core.cache import caches

    caches.close_all()
    yield redis_server
    client = redis_server.client()
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)
    caches.close_all()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium: Playwright's own browser download is impossible here."""
    require(
        CHROMIUM.exists() and shutil.which(str(CHROMIUM)) is not None,
        "Chromium",
        "install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH",
    )
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}
