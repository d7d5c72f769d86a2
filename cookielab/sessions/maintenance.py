"""Where a project's sessions live and how many there are: the work behind ``cookielab_sessions``.

Built for big stores: database counts use the ``expire_date`` index, Redis is walked with SCAN
(never KEYS), memory is sampled, and expired rows are deleted in primary-key ranges.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_KEY_PREFIX
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as CACHED_DB_KEY_PREFIX
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.cache import caches
from django.utils import timezone

from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import raw_client
from cookielab.core.redis_client import redis_ttl
from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import decode_row
from cookielab.core.session_stores import expired
from cookielab.core.session_stores import is_expired
from cookielab.core.session_stores import locate_session
from cookielab.core.session_stores import session_store_class
from cookielab.core.session_stores import uses_cache
from cookielab.core.session_stores import uses_database_rows
from cookielab.models import PageViewCounter

# How many Redis keys MEMORY USAGE is asked about; the total is extrapolated from them.
MEMORY_SAMPLE = 1000
SCAN_COUNT = 1000
_SIGNED_COOKIE_VALUE = re.compile(r"[A-Za-z0-9_\-]+(?::[A-Za-z0-9_\-]+){2}")


def uses_database() -> bool:
    """Whether the configured engine keeps database rows: ``db``, ``cached_db`` or any engine built on them."""
    return apps.is_installed("django.contrib.sessions") and uses_database_rows()


def session_model() -> type[AbstractBaseSession]:
    """The configured database engine's model (Django's ``Session``, or a custom engine's own)."""
    store = session_store_class()
    if issubclass(store, DatabaseSessionStore):
        return store.get_model_class()
    from django.contrib.sessions.models import Session

    return Session


@dataclass
class DatabaseStats:
    table: str
    rows: int
    expired: int


@dataclass
class RedisStats:
    alias: str
    keys_by_engine: dict[str, int] = field(default_factory=dict)
    sampled: int = 0
    sampled_bytes: int = 0
    used_memory_human: str = ""

    @property
    def keys(self) -> int:
        return sum(self.keys_by_engine.values())

    @property
    def estimated_bytes(self) -> int:
        if not self.sampled:
            return 0
        return round(self.sampled_bytes / self.sampled * self.keys)


def database_stats(now: datetime | None = None) -> DatabaseStats | None:
    if not apps.is_installed("django.contrib.sessions"):
        return None
    session = session_model()
    now = now or timezone.now()
    return DatabaseStats(
        table=session._meta.db_table,
        rows=session.objects.count(),
        expired=session.objects.filter(expired(now)).count(),
    )


def _glob_escape(text: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)


def session_key_prefixes(alias: str) -> dict[str, bytes]:
    """The full Redis key prefix of each cache-backed engine's sessions in cache ``alias``, by engine.

    Django's ``cache`` and ``cached_db`` always; the configured engine too when it is built on one of
    them (the class decides, not the dotted path) and files its keys under a prefix of its own.
    """
    prefixes = {"cache": CACHE_KEY_PREFIX, "cached_db": CACHED_DB_KEY_PREFIX}
    if alias == settings.SESSION_CACHE_ALIAS and uses_cache():
        own_prefix = getattr(session_store_class(), "cache_key_prefix", None)
        if isinstance(own_prefix, str) and own_prefix not in prefixes.values():
            prefixes[settings.SESSION_ENGINE] = own_prefix
    cache = caches[alias]
    return {engine: str(cache.make_key(prefix)).encode() for engine, prefix in prefixes.items()}


def session_key_patterns(alias: str) -> list[str]:
    """SCAN patterns that match every session key once (``…cache*`` also matches ``…cached_db…``)."""
    prefixes = sorted(set(session_key_prefixes(alias).values()))
    widest = [
        prefix for prefix in prefixes if not any(prefix.startswith(other) for other in prefixes if other < prefix)
    ]
    return [f"{_glob_escape(prefix.decode())}*" for prefix in widest]


def scan_session_keys(client: Any, alias: str) -> Iterator[bytes]:
    for pattern in session_key_patterns(alias):
        yield from client.scan_iter(match=pattern, count=SCAN_COUNT)


def redis_stats(alias: str) -> RedisStats | None:
    client = raw_client(caches[alias])
    if client is None:
        return None
    prefixes = session_key_prefixes(alias)
    stats = RedisStats(alias=alias, keys_by_engine=dict.fromkeys(prefixes, 0))
    # Longest prefix first: a cached_db key also starts with the cache engine's prefix.
    by_length = sorted(prefixes.items(), key=lambda item: len(item[1]), reverse=True)
    for key in scan_session_keys(client, alias):
        engine = next(engine for engine, prefix in by_length if key.startswith(prefix))
        stats.keys_by_engine[engine] += 1
        if stats.sampled < MEMORY_SAMPLE:
            usage = client.memory_usage(key)
            if usage is not None:
                stats.sampled += 1
                stats.sampled_bytes += usage
    stats.used_memory_human = str(client.info("memory").get("used_memory_human", ""))
    return stats


@dataclass
class StoredSession:
    where: str
    data: dict[str, Any]
    expires: str


def is_plausible_session_key(key: str) -> bool:
    """Django's session keys are 32 lowercase letters and digits; accept any 8-40 alphanumerics."""
    return 8 <= len(key) <= 40 and key.isascii() and key.isalnum()


def uses_signed_cookies() -> bool:
    """Whether sessions live in the browser's signed cookie (nothing stored on the server)."""
    return issubclass(session_store_class(), SignedCookieSessionStore)


def is_plausible_signed_cookie(value: str) -> bool:
    """A signed_cookies session cookie: ``payload:timestamp:signature`` in URL-safe base64 (at most 4 KB a cookie)."""
    return 0 < len(value) <= 4096 and _SIGNED_COOKIE_VALUE.fullmatch(value) is not None


def decode_signed_cookie(value: str) -> tuple[StoredSession | None, str]:
    """The session inside a signed_cookies cookie value, or None and why Django would ignore the cookie."""
    location = locate_session(ENGINES["signed_cookies"], value)  # refuses a bad or too old signature
    if not location.found or location.data is None or location.stored_expiry is None:
        return None, location.notice
    signed_at = dict(location.facts)["Signed at"]
    where = f"the cookie itself, signed at {signed_at} (signed_cookies: nothing is stored on the server)"
    expires = f"{location.stored_expiry.isoformat(timespec='seconds')} (signed at + SESSION_COOKIE_AGE)"
    return StoredSession(where=where, data=location.data, expires=expires), ""


def find_session(key: str, now: datetime | None = None) -> list[StoredSession]:
    """Every place the configured engine keeps the session ``key``: database row, cache entry, or file."""
    now = now or timezone.now()
    found: list[StoredSession] = []
    if uses_database():
        row = session_model().objects.filter(session_key=key).first()
        if row is not None:
            state = "expired" if is_expired(row.expire_date, now) else "valid"
            found.append(
                StoredSession(
                    where=f"database table {row._meta.db_table}",
                    data=decode_row(row),
                    expires=f"{row.expire_date.isoformat()} ({state})",
                )
            )
    if uses_cache():
        store: Any = session_store_class()(key)  # a cache or cached_db store: it has cache_key
        cache = caches[settings.SESSION_CACHE_ALIAS]
        cache_key = store.cache_key
        data = cache.get(cache_key)
        if data is not None:
            ttl = redis_ttl(cache, cache_key)[1] if is_redis(cache) else None
            found.append(
                StoredSession(
                    where=f"cache {settings.SESSION_CACHE_ALIAS!r}, key {cache.make_key(cache_key)}",
                    data=data,
                    expires=f"in {ttl} s (cache TTL)" if ttl else "when the cache evicts it",
                )
            )
    if not uses_database() and not uses_cache():
        store = session_store_class()(key)
        if store.exists(key):
            found.append(
                StoredSession(
                    where=f"session engine {settings.SESSION_ENGINE}",
                    data=store.load(),
                    expires=store.get_expiry_date().isoformat(),
                )
            )
    return found


def count_expired(now: datetime) -> int:
    return session_model().objects.filter(expired(now)).count()


@dataclass
class CounterStats:
    table: str
    rows: int
    expired: int


def counter_stats(now: datetime | None = None) -> CounterStats:
    """The atomic counter's rows (one per session that visited /counter/atomic/, when the cache is not Redis)."""
    now = now or timezone.now()
    return CounterStats(
        table=PageViewCounter._meta.db_table,
        rows=PageViewCounter.objects.count(),
        expired=PageViewCounter.objects.expired(now).count(),
    )


def purge_expired_counters(now: datetime, batch_size: int) -> int:
    """Delete the page-view counters that expired with their session (Redis counters expire by TTL)."""
    return PageViewCounter.objects.purge_expired(now, batch_size)


def purge_expired(
    now: datetime,
    batch_size: int,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Delete the database sessions that expired by ``now``, ``batch_size`` rows per DELETE.

    Each batch is a primary-key range (``session_key > last AND <= boundary``), so no statement
    holds a long lock and no huge IN list is sent. ``on_batch`` gets the running total.
    """
    objects = session_model().objects
    expired_rows = objects.filter(expired(now)).order_by("session_key")
    deleted = 0
    last_key = ""
    while True:
        boundary = list(
            expired_rows.filter(session_key__gt=last_key).values_list("session_key", flat=True)[:batch_size]
        )
        if not boundary:
            return deleted
        batch, _ = expired_rows.filter(session_key__gt=last_key, session_key__lte=boundary[-1]).delete()
        deleted += batch
        last_key = boundary[-1]
        if on_batch is not None:
            on_batch(deleted)
