"""Where a session really lives: look inside each session engine's store for one session key.

Plain functions shared by the session inspector, the lessons, the admin and ``cookielab_sessions``.
Nothing here creates or changes a session; it only reads the store the way an operator would
(``SELECT`` the row, ``TTL`` the Redis key, ``stat`` the file, decode the signed cookie).

An engine is understood by its class, not its dotted path: ``ENGINE_KINDS`` maps a base class
(Django's five ``SessionStore`` classes to begin with) to an ``EngineKind`` that knows how to look
inside, and any subclass is looked inside like its nearest registered base. An engine built on
none of them is named, with its class hierarchy, and said to be opaque. A new family of engines is
plugged in with ``register_engine_kind``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from datetime import timedelta
from importlib import import_module
from typing import Any
from typing import cast

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.cache import SessionStore as CacheSessionStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseSessionStore
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core import signing
from django.core.cache import BaseCache
from django.core.cache import caches
from django.core.exceptions import SuspiciousOperation
from django.db.models import Q
from django.utils import timezone

from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import redis_ttl
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

ENGINES: dict[str, str] = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "file": "django.contrib.sessions.backends.file",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
}
SIGNED_COOKIE_SALT = "django.contrib.sessions.backends.signed_cookies"
ENABLE_REDIS_HINT = "Start Redis and set REDIS_URL=redis://127.0.0.1:6379/1, then restart the site."
UNKNOWN_PLACE = "wherever the custom engine keeps it"
_SHOWN_DATA_CHARS = 600


def expired(now: datetime | None = None) -> Q:
    """Session rows Django will no longer load (it loads only ``expire_date > now``): the one rule."""
    return Q(expire_date__lte=now or timezone.now())


def is_expired(expire_date: datetime, now: datetime | None = None) -> bool:
    return expire_date <= (now or timezone.now())


def session_cache() -> BaseCache:
    return caches[settings.SESSION_CACHE_ALIAS]


def store_class_of(engine: str) -> type[SessionBase]:
    """The ``SessionStore`` of the engine module ``engine``, found as Django's SessionMiddleware finds it.

    Raises ImportError when the module cannot be imported or has no ``SessionStore`` class.
    """
    store_class = getattr(import_module(engine), "SessionStore", None)
    if not isinstance(store_class, type):
        raise ImportError(f"The session engine {engine} has no SessionStore class.")
    return store_class


def session_store_class() -> type[SessionBase]:
    """The ``SessionStore`` of the configured SESSION_ENGINE."""
    return store_class_of(settings.SESSION_ENGINE)


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


# Fills ``location`` with what ``store_class``'s store holds for a session key; may raise STORE_OUTAGE_ERRORS.
Locator = Callable[[Location, type[SessionBase], str], None]


@dataclass(frozen=True)
class EngineKind:
    """A family of session engines: the engine class ``base`` and every subclass of it.

    Cookie Lab decides what an engine is by its class hierarchy, never by its dotted path, so an
    engine built on one of Django's (such as this site's own ``cookielab.sessions.backends.cached_db``)
    is seen from inside like the one it extends. ``database``: it keeps rows in the model of its
    ``get_model_class()``, which only a clean-up deletes once expired. ``cache``: it keeps keys in
    the SESSION_CACHE_ALIAS cache, each with a TTL, so they expire by themselves.
    """

    name: str
    base: type[SessionBase]
    description: str
    place: str
    locate: Locator
    database: bool = False
    cache: bool = False

    @property
    def label(self) -> str:
        return f"{self.description} ({self.name})"

    @property
    def engine(self) -> str:
        """The engine module that defines this kind (Django's, or e.g. a plugged-in Redis engine's)."""
        return self.base.__module__

    @property
    def built_on(self) -> str:
        """How to name this kind as the base of another engine."""
        return f"Django's {self.name}" if self.engine.startswith("django.") else f"{self.name} ({self.engine})"


# Base class -> kind. The most specific base in an engine class's MRO wins (cached_db extends db).
ENGINE_KINDS: dict[type[SessionBase], EngineKind] = {}


def register_engine_kind(kind: EngineKind) -> EngineKind:
    """Teach Cookie Lab a new family of engines, e.g. a Redis engine that is not built on Django's cache one.

    Every subclass of ``kind.base`` is then looked inside with ``kind.locate``. Registering a base again
    replaces its kind.
    """
    ENGINE_KINDS[kind.base] = kind
    return kind


def kind_of_class(store_class: type[SessionBase]) -> EngineKind | None:
    """The kind of the nearest registered class in ``store_class``'s hierarchy; None when none is."""
    for klass in store_class.__mro__:
        kind = ENGINE_KINDS.get(klass)
        if kind is not None:
            return kind
    return None


def engine_kind(engine: str) -> EngineKind | None:
    """The kind of the engine module ``engine``; None for an engine built on none of them (or not importable)."""
    try:
        return kind_of_class(store_class_of(engine))
    except ImportError:
        return None


def short_name(engine: str) -> str | None:
    """``db``, ``cache``... for exactly one of Django's own engines; None for any other, subclasses included."""
    for name, path in ENGINES.items():
        if path == engine:
            return name
    return None


def kind_name(engine: str) -> str | None:
    """``db``, ``cached_db``... for Django's engines *and every engine built on one*; None for the rest."""
    kind = engine_kind(engine)
    return kind.name if kind else None


def friendly_name(engine: str) -> str:
    kind = engine_kind(engine)
    if kind is None:
        return f"Custom engine ({engine})"
    if kind.engine == engine:
        return kind.label
    return f"{kind.description} (a custom engine built on {kind.built_on})"


def engine_place(engine: str) -> str:
    """Where ``engine`` keeps a session, in words (its kind's place; vague for an engine Cookie Lab cannot read)."""
    kind = engine_kind(engine)
    return kind.place if kind else UNKNOWN_PLACE


def uses_cache() -> bool:
    """Whether the configured engine keeps sessions in the cache (``cache``, ``cached_db`` or a subclass)."""
    kind = kind_of_class(session_store_class())
    return kind is not None and kind.cache


def uses_database_rows() -> bool:
    """Whether the configured engine keeps database rows (``db``, ``cached_db`` or a subclass)."""
    kind = kind_of_class(session_store_class())
    return kind is not None and kind.database


def _class_path(klass: type) -> str:
    return f"{klass.__module__}.{klass.__qualname__}"


def _describe_unknown(location: Location) -> None:
    """Say what an engine Cookie Lab does not understand is, and that it cannot be looked inside."""
    try:
        store_class = store_class_of(location.engine)
    except ImportError as error:
        location.facts.append(("SessionStore", f"cannot be imported ({error})"))
        location.notice = f"Cookie Lab cannot import the session engine {location.engine}, so it cannot look inside."
        return
    chain = " → ".join(_class_path(klass) for klass in store_class.__mro__ if klass is not object)
    location.facts += [("SessionStore", _class_path(store_class)), ("Built on", chain)]
    known = ", ".join(kind.name for kind in ENGINE_KINDS.values())
    location.notice = (
        f"Cookie Lab cannot look inside {location.engine}: its SessionStore is built on none of the engines it "
        f"knows ({known}), so only the engine itself knows where it keeps a session and when that expires. "
        "Any of its data shown here comes from the engine's own load()."
    )


def locate_session(engine: str, session_key: str | None) -> Location:
    """Look up ``session_key`` in ``engine``'s store. Never raises for bad keys or a store that is down."""
    try:
        store_class: type[SessionBase] | None = store_class_of(engine)
    except ImportError:
        store_class = None
    kind = kind_of_class(store_class) if store_class is not None else None
    location = Location(
        engine=engine, kind=kind.name if kind else "custom", place=kind.place if kind else UNKNOWN_PLACE
    )
    if not session_key:
        location.notice = "No session key: nothing is stored for this browser."
        return location
    if kind is None or store_class is None:
        _describe_unknown(location)
        return location
    try:
        kind.locate(location, store_class, session_key)
    except STORE_OUTAGE_ERRORS as error:
        location.found = False
        location.unavailable = True
        location.notice = (
            f"The store did not answer ({type(error).__name__}): the data may be there, but it cannot be read now."
        )
    return location


def decode_row(row: AbstractBaseSession) -> dict[str, Any]:
    """A database row's data, decoded by the engine that wrote it.

    ``row.get_decoded()`` decodes with the model's own store class, whose salt is derived from its
    class name: a row written by a renamed subclass would come back empty. When the configured
    engine keeps its rows in this row's model, its class decodes instead.
    """
    try:
        store_class: type[SessionBase] | None = session_store_class()
    except ImportError:
        store_class = None
    if (
        store_class is not None
        and issubclass(store_class, DatabaseSessionStore)
        and store_class.get_model_class() is type(row)
    ):
        return store_class().decode(row.session_data)
    return row.get_decoded()


def locate_in_db(location: Location, store_class: type[SessionBase], session_key: str) -> None:
    """A row of the engine's model (``get_model_class()``), decoded by the engine's own class."""
    model = cast(type[DatabaseSessionStore], store_class).get_model_class()
    row = model.objects.filter(session_key=session_key).first()
    location.facts.append(("Table", model._meta.db_table))
    if row is None:
        location.facts.append(("Row", "none with this session_key"))
        return
    location.found = True
    location.stored_expiry = row.expire_date
    location.data = store_class().decode(row.session_data)
    location.facts += [
        ("session_key", row.session_key),
        ("session_data (encoded, as stored)", _shorten(row.session_data)),
        ("expire_date", row.expire_date.isoformat(timespec="seconds")),
    ]


def locate_in_cache(location: Location, store_class: type[SessionBase], session_key: str) -> None:
    """A key of the session cache: ``cache_key_prefix`` + the session key, its TTL read from Redis."""
    cache = session_cache()
    cache_key = getattr(store_class, "cache_key_prefix", "") + session_key
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
        ("Value size", f"{size} bytes (pickled by django-redis)"),
    ]


def locate_in_cache_and_db(location: Location, store_class: type[SessionBase], session_key: str) -> None:
    """Both layers; the row's expire_date is the stored expiry (the cache TTL only when there is no row)."""
    locate_in_cache(location, store_class, session_key)
    in_cache = location.found
    cache_expiry = location.stored_expiry
    locate_in_db(location, store_class, session_key)
    location.found = location.found or in_cache
    location.stored_expiry = location.stored_expiry or cache_expiry


def locate_in_file(location: Location, store_class: type[SessionBase], session_key: str) -> None:
    store: Any = store_class(session_key)  # a file engine's store: it has _key_to_file()
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


def locate_in_signed_cookie(location: Location, store_class: type[SessionBase], session_key: str) -> None:
    location.facts.append(("Cookie value size", f"{len(session_key.encode())} bytes"))
    serializer = store_class().serializer
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


for _kind in (
    EngineKind(
        "db",
        DatabaseSessionStore,
        "Database",
        "a row in the database table django_session",
        locate_in_db,
        database=True,
    ),
    EngineKind(
        "cache",
        CacheSessionStore,
        "Cache only",
        "a key in the cache (Redis) only",
        locate_in_cache,
        cache=True,
    ),
    EngineKind(
        "cached_db",
        CachedDatabaseSessionStore,
        "Cache in front of the database",
        "a key in the cache (Redis) and a row in django_session",
        locate_in_cache_and_db,
        database=True,
        cache=True,
    ),
    EngineKind(
        "file",
        FileSessionStore,
        "Files on the server's disk",
        "a file in the session directory on the server",
        locate_in_file,
    ),
    EngineKind(
        "signed_cookies",
        SignedCookieSessionStore,
        "Signed cookie in the browser",
        "the browser's cookie itself, signed with SECRET_KEY",
        locate_in_signed_cookie,
    ),
):
    register_engine_kind(_kind)

ENGINE_NAMES: dict[str, str] = {name: ENGINE_KINDS[store_class_of(path)].label for name, path in ENGINES.items()}
CACHE_ENGINES = frozenset(name for name, path in ENGINES.items() if ENGINE_KINDS[store_class_of(path)].cache)
DB_ENGINES = frozenset(name for name, path in ENGINES.items() if ENGINE_KINDS[store_class_of(path)].database)


def _shorten(value: str) -> str:
    return value if len(value) <= _SHOWN_DATA_CHARS else value[:_SHOWN_DATA_CHARS] + "…"
