"""Where a project's sessions live and how many there are: the work behind ``cookielab_sessions``.

Built for big stores: database counts use the ``expire_date`` index, Redis is walked with SCAN
(never KEYS), memory is sampled, and expired rows are deleted in primary-key ranges.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from datetime import timezone as dt_timezone
from itertools import islice
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.backends.cache import KEY_PREFIX as CACHE_KEY_PREFIX
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as CACHED_DB_KEY_PREFIX
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.cache import caches
from django.db.models import Count
from django.db.models import Min
from django.db.models import Sum
from django.db.models.functions import Length
from django.utils import timezone

from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import raw_client
from cookielab.core.redis_client import redis_ttl
from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import decode_row
from cookielab.core.session_stores import engine_kind
from cookielab.core.session_stores import engine_place
from cookielab.core.session_stores import expired
from cookielab.core.session_stores import friendly_name
from cookielab.core.session_stores import is_expired
from cookielab.core.session_stores import locate_session
from cookielab.core.session_stores import session_store_class
from cookielab.core.session_stores import uses_cache
from cookielab.core.session_stores import uses_database_rows
from cookielab.models import PageViewCounter
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

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


# How many Redis session keys the overview asks for their size and TTL (one pipelined round trip).
OVERVIEW_SAMPLE = 200
OVERVIEW_MAX_FILES = 100_000


@dataclass
class StoreOverview:
    """The session store as the course teaches it: rows or keys or files, their bytes, what expires next.

    Counted again on every call (the classroom dashboard asks every few seconds), so it reads only
    aggregates: one ``COUNT``/``SUM``/``MIN`` query, one SCAN with a sample of sizes and TTLs, or one
    directory listing.
    """

    engine: str
    place: str
    rows: int | None = None
    expired_rows: int | None = None
    row_bytes: int | None = None
    next_row_expiry: datetime | None = None
    keys: int | None = None
    key_bytes: int | None = None
    sampled_keys: int = 0
    next_key_ttl: int | None = None
    files: int | None = None
    file_bytes: int | None = None
    next_file_expiry: datetime | None = None
    table: str = ""
    notes: list[str] = field(default_factory=list)

    def facts(self, now: datetime | None = None) -> list[tuple[str, str]]:
        """What to show, as (label, value) lines."""
        now = now or timezone.now()
        lines = [("Engine", self.engine), ("Where a session lives", self.place)]
        if self.rows is not None:
            waiting = f", {self.expired_rows} of them expired, waiting for a clean-up" if self.expired_rows else ""
            lines.append((f"Rows in {self.table}", f"{self.rows}{waiting}"))
            lines.append(("Bytes of those rows", f"{self.row_bytes or 0:,} (session_key + session_data)"))
            lines.append(("Next row to expire", _when(self.next_row_expiry, now)))
        if self.keys is not None:
            sampled = "" if self.sampled_keys >= self.keys else f", estimated from {self.sampled_keys} keys"
            lines.append(("Session keys in Redis", str(self.keys)))
            if self.key_bytes is not None:
                lines.append(("Bytes of those keys", f"about {self.key_bytes:,} (MEMORY USAGE{sampled})"))
            ttl = "none" if self.next_key_ttl is None else f"in {_duration(self.next_key_ttl)} (its TTL{sampled})"
            lines.append(("Next key to expire", ttl))
        if self.files is not None:
            lines.append(("Session files", str(self.files)))
            lines.append(("Bytes of those files", f"{self.file_bytes or 0:,}"))
            lines.append(("Next file to expire", _when(self.next_file_expiry, now)))
        lines += [("Note", note) for note in self.notes]
        return lines


def _duration(seconds: float) -> str:
    from django.utils.timesince import timeuntil

    now = timezone.now()
    return timeuntil(now + timedelta(seconds=max(seconds, 0)), now) if seconds >= 60 else f"{int(seconds)} seconds"


def _when(moment: datetime | None, now: datetime) -> str:
    if moment is None:
        return "nothing stored"
    return f"in {_duration((moment - now).total_seconds())} ({moment.isoformat(timespec='seconds')})"


def _database_overview(overview: StoreOverview, now: datetime) -> None:
    model = session_model()
    overview.table = model._meta.db_table
    totals = model.objects.aggregate(
        rows=Count("pk"),
        size=Sum(Length("session_key") + Length("session_data")),
        expired_rows=Count("pk", filter=expired(now)),
        next_expiry=Min("expire_date", filter=~expired(now)),
    )
    overview.rows = totals["rows"]
    overview.expired_rows = totals["expired_rows"]
    overview.row_bytes = totals["size"] or 0
    overview.next_row_expiry = totals["next_expiry"]


def _redis_overview(overview: StoreOverview, alias: str) -> None:
    client = raw_client(caches[alias], write=False)
    if client is None:
        overview.notes.append(f"The cache {alias!r} is not Redis, so its session keys cannot be counted from outside.")
        return
    keys = 0
    sample: list[bytes] = []
    for key in scan_session_keys(client, alias):
        keys += 1
        if len(sample) < OVERVIEW_SAMPLE:
            sample.append(key)
    overview.keys = keys
    overview.sampled_keys = len(sample)
    if not sample:
        return
    pipeline = client.pipeline(transaction=False)
    for key in sample:
        pipeline.memory_usage(key)
        pipeline.ttl(key)
    answers = pipeline.execute()
    sizes = [int(size) for size in answers[0::2] if size is not None]
    ttls = [int(ttl) for ttl in answers[1::2] if ttl is not None and int(ttl) >= 0]
    overview.key_bytes = round(sum(sizes) / len(sizes) * keys) if sizes else None
    overview.next_key_ttl = min(ttls) if ttls else None


def _file_overview(overview: StoreOverview, now: datetime) -> None:
    folder = getattr(settings, "SESSION_FILE_PATH", None) or tempfile.gettempdir()
    prefix = settings.SESSION_COOKIE_NAME
    files = size = 0
    oldest: float | None = None
    try:
        with os.scandir(folder) as entries:
            for entry in islice(entries, OVERVIEW_MAX_FILES):
                if not entry.name.startswith(prefix) or not entry.is_file():
                    continue
                stat = entry.stat()
                files += 1
                size += stat.st_size
                oldest = stat.st_mtime if oldest is None else min(oldest, stat.st_mtime)
    except OSError as error:
        overview.notes.append(f"The session folder {folder} cannot be read: {error.strerror}.")
        return
    overview.files = files
    overview.file_bytes = size
    if oldest is not None:
        written = datetime.fromtimestamp(oldest, tz=dt_timezone.utc)
        overview.next_file_expiry = written + timedelta(seconds=settings.SESSION_COOKIE_AGE)


def store_overview(now: datetime | None = None) -> StoreOverview:
    """Count the configured engine's store; a store that does not answer is said so, never raised."""
    now = now or timezone.now()
    engine = settings.SESSION_ENGINE
    overview = StoreOverview(engine=friendly_name(engine), place=engine_place(engine))
    kind = engine_kind(engine)
    try:
        if uses_signed_cookies():
            overview.notes.append(
                "Nothing is stored on the server: each session is the browser's own signed cookie, and it "
                "expires when its signature gets older than SESSION_COOKIE_AGE."
            )
            return overview
        if uses_database():
            _database_overview(overview, now)
        if uses_cache():
            _redis_overview(overview, settings.SESSION_CACHE_ALIAS)
        if kind is not None and kind.name == "file":
            _file_overview(overview, now)
        if kind is None:
            overview.notes.append("Cookie Lab cannot look inside this engine's store, so it cannot count it.")
    except STORE_OUTAGE_ERRORS as error:
        overview.notes.append(f"The store did not answer ({type(error).__name__}): counts are missing for now.")
    return overview
