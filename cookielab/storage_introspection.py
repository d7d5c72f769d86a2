"""Where a session really lives: look inside each session engine's store for one session key.

Plain functions shared by the session inspector, the backends lesson and the timeout lesson.
Nothing here creates or changes a session; it only reads the store the way an operator would
(``SELECT`` the row, ``TTL`` the Redis key, ``stat`` the file, decode the signed cookie).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from importlib import import_module
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore
from django.core import signing
from django.core.cache import BaseCache
from django.core.cache import caches
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError
from django.utils import timezone
from django.utils.module_loading import import_string

from cookielab.redis_cache import is_redis
from cookielab.redis_cache import redis_ttl

ENGINES: dict[str, str] = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "file": "django.contrib.sessions.backends.file",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
}
ENGINE_NAMES: dict[str, str] = {
    "db": "Database (db)",
    "cache": "Cache only (cache)",
    "cached_db": "Cache in front of the database (cached_db)",
    "file": "Files on the server's disk (file)",
    "signed_cookies": "Signed cookie in the browser (signed_cookies)",
}
CACHE_ENGINES = frozenset({"cache", "cached_db"})
DB_ENGINES = frozenset({"db", "cached_db"})
SIGNED_COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies"
ENABLE_REDIS_HINT = "Start Redis and set REDIS_URL=redis://127.0.0.1:6379/1, then restart the site."
_SHOWN_DATA_CHARS = 600


def _store_errors() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "the store did not answer" (Redis down, database locked...)."""
    errors: list[type[BaseException]] = [OSError, DatabaseError]
    try:
        from redis.exceptions import RedisError  # what Django's RedisCache raises
    except ImportError:  # redis is an optional dependency
        pass
    else:
        errors.append(RedisError)
    try:
        from django_redis.exceptions import ConnectionInterrupted
    except ImportError:  # and so is django-redis
        pass
    else:
        errors.append(ConnectionInterrupted)
    return tuple(errors)


STORE_ERRORS = _store_errors()


def short_name(engine: str) -> str | None:
    """``db``, ``cache``... for Django's own engines; None for a custom one."""
    for name, path in ENGINES.items():
        if path == engine:
            return name
    return None


def friendly_name(engine: str) -> str:
    name = short_name(engine)
    return ENGINE_NAMES[name] if name else f"Custom engine ({engine})"


def session_cache() -> BaseCache:
    return caches[settings.SESSION_CACHE_ALIAS]


def session_store_class() -> type[SessionBase]:
    """The ``SessionStore`` of the configured SESSION_ENGINE."""
    return import_string(f"{settings.SESSION_ENGINE}.SessionStore")


def uses_cache() -> bool:
    """Whether the configured engine keeps sessions in the cache (``cache``, ``cached_db`` or a subclass)."""
    return issubclass(session_store_class(), (CacheSessionStore, CachedDatabaseSessionStore))


@dataclass
class Location:
    """What the store holds for one session key, as facts to show (label, value)."""

    engine: str
    kind: str
    place: str
    found: bool = False
    facts: list[tuple[str, str]] = field(default_factory=list)
    stored_expiry: datetime | None = None
    ttl_seconds: int | None = None
    data: dict[str, Any] | None = None
    notice: str = ""
    unavailable: bool = False

    @property
    def friendly_name(self) -> str:
        return friendly_name(self.engine)

    @property
    def data_json(self) -> str:
        return json.dumps(self.data, sort_keys=True, ensure_ascii=False, default=str)


def locate_session(engine: str, session_key: str | None) -> Location:
    """Look up ``session_key`` in ``engine``'s store. Never raises for bad keys or a store that is down."""
    kind = short_name(engine) or "custom"
    location = Location(engine=engine, kind=kind, place=_PLACES.get(kind, "wherever the custom engine keeps it"))
    if not session_key:
        location.notice = "No session key: nothing is stored for this browser."
        return location
    if kind == "custom":
        location.notice = "Cookie Lab cannot look inside a custom session engine."
        return location
    try:
        _LOCATORS[kind](location, session_key)
    except STORE_ERRORS as error:
        location.found = False
        location.unavailable = True
        location.notice = (
            f"The store did not answer ({type(error).__name__}): the data may be there, but it cannot be read now."
        )
    return location


def _locate_in_db(location: Location, session_key: str) -> None:
    model = import_module(location.engine).SessionStore.get_model_class()
    row = model.objects.filter(session_key=session_key).first()
    location.facts.append(("Table", model._meta.db_table))
    if row is None:
        location.facts.append(("Row", "none with this session_key"))
        return
    location.found = True
    location.stored_expiry = row.expire_date
    location.data = row.get_decoded()
    location.facts += [
        ("session_key", row.session_key),
        ("session_data (encoded, as stored)", _shorten(row.session_data)),
        ("expire_date", row.expire_date.isoformat(timespec="seconds")),
    ]


def _locate_in_cache(location: Location, session_key: str) -> None:
    store_class = import_module(location.engine).SessionStore
    cache = session_cache()
    cache_key = store_class.cache_key_prefix + session_key
    location.facts.append(("Cache", f"{settings.SESSION_CACHE_ALIAS!r} ({type(cache).__module__})"))
    if not is_redis(cache):
        location.found = cache.has_key(cache_key)
        location.facts.append(("Cache key", _shorten(cache_key)))
        location.notice = (
            "This cache is not Redis, so its keys and TTLs cannot be read from outside. " + ENABLE_REDIS_HINT
        )
        return
    full_key, ttl, size = redis_ttl(cache, cache_key)
    location.facts.append(("Redis key", _shorten(full_key)))
    if ttl == -2:
        location.facts.append(("In Redis", "no such key (never saved, expired, evicted or Redis restarted)"))
        return
    location.found = True
    location.ttl_seconds = ttl
    if ttl >= 0:
        location.stored_expiry = timezone.now() + timedelta(seconds=ttl)
    location.data = cache.get(cache_key)
    location.facts += [
        ("TTL (read from Redis)", "none" if ttl < 0 else f"{ttl} s"),
        ("Value size", f"{size} bytes (pickled by the cache backend)"),
    ]


def _locate_in_cache_and_db(location: Location, session_key: str) -> None:
    _locate_in_cache(location, session_key)
    in_cache = location.found
    cache_expiry = location.stored_expiry
    _locate_in_db(location, session_key)
    location.found = location.found or in_cache
    location.stored_expiry = location.stored_expiry or cache_expiry


def _locate_in_file(location: Location, session_key: str) -> None:
    store = import_module(location.engine).SessionStore(session_key)
    try:
        path = store._key_to_file(session_key)
    except SuspiciousOperation:
        location.facts.append(("File", "none: this key has characters no session file name may contain"))
        return
    location.facts.append(("Path", _shorten(path)))
    if not os.path.exists(path):
        location.facts.append(("On disk", "no such file"))
        return
    stat = os.stat(path)
    modified = datetime.fromtimestamp(stat.st_mtime, tz=timezone.get_current_timezone())
    with open(path, encoding="ascii", errors="replace") as session_file:
        encoded = session_file.read()
    location.found = True
    location.data = store.decode(encoded)
    location.stored_expiry = store.get_expiry_date(modification=modified, expiry=location.data.get("_session_expiry"))
    location.facts += [
        ("Size", f"{stat.st_size} bytes"),
        ("Last written", modified.isoformat(timespec="seconds")),
        ("Contents (encoded, as stored)", _shorten(encoded)),
    ]


def _locate_in_signed_cookie(location: Location, session_key: str) -> None:
    location.facts.append(("Cookie value size", f"{len(session_key.encode())} bytes"))
    serializer = import_module(location.engine).SessionStore().serializer
    try:
        data = signing.loads(
            session_key, salt=SIGNED_COOKIE_SALT, serializer=serializer, max_age=settings.SESSION_COOKIE_AGE
        )
    except signing.SignatureExpired:
        location.notice = "The signature is genuine but older than SESSION_COOKIE_AGE: Django ignores this cookie."
        return
    except (signing.BadSignature, ValueError):
        location.notice = (
            "The signature does not match (tampered, truncated or not a signed session): Django ignores it."
        )
        return
    payload, timestamp, signature = session_key.rsplit(":", 2)
    signed_at = datetime.fromtimestamp(signing.b62_decode(timestamp), tz=timezone.get_current_timezone())
    location.found = True
    location.data = data
    location.stored_expiry = signed_at + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    location.facts += [
        ("Payload (base64 JSON, readable by anyone)", _shorten(payload)),
        ("Signed at", signed_at.isoformat(timespec="seconds")),
        ("Signature", signature),
    ]


_LOCATORS = {
    "db": _locate_in_db,
    "cache": _locate_in_cache,
    "cached_db": _locate_in_cache_and_db,
    "file": _locate_in_file,
    "signed_cookies": _locate_in_signed_cookie,
}
_PLACES = {
    "db": "a row in the database table django_session",
    "cache": "a key in the cache (Redis) only",
    "cached_db": "a key in the cache (Redis) and a row in django_session",
    "file": "a file in the session directory on the server",
    "signed_cookies": "the browser's cookie itself, signed with SECRET_KEY",
}


def _shorten(value: str) -> str:
    return value if len(value) <= _SHOWN_DATA_CHARS else value[:_SHOWN_DATA_CHARS] + "…"
