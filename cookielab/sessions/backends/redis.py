"""Sessions kept straight in Redis: two commands for a visit with a session, one for a new visitor.

Django's ``cache`` engine asks the cache first and writes after: a GET to load, a second GET to
check that the session still exists, then SET (three commands); a new session costs EXISTS then
SET NX (two). This engine lets Redis do the checks inside the write:

- load: ``GET``. A key Redis does not know (forged, expired, deleted) is dropped and the session
  starts empty, so the browser gets a new key, as with Django's engines;
- save: ``SET … XX EX age``. XX writes only a key that still exists: a session deleted meanwhile
  (a logout in another tab) raises ``UpdateError`` instead of being brought back, and Django's
  SessionMiddleware answers ``SessionInterrupted`` as it does for its own engines;
- create: ``SET … NX EX age`` with a fresh random key. NX refuses a key that is taken, so no
  EXISTS is needed first.

The TTL is ``get_expiry_age()``: the cookie's age, or what ``set_expiry()`` asked for. Redis
expires keys by itself, so ``clear_expired()`` (``manage.py clearsessions``) has nothing to do.

Where and how: the Redis server of the cache ``SESSION_CACHE_ALIAS`` (django-redis, or Django's
own ``django.core.cache.backends.redis.RedisCache``), its primary, with its client's connection settings;
the commands go straight on connections of their own (``cookielab.core.redis_client.DirectCommands``). The key is
``cache.make_key("cookielab.sessions.redis" + session_key)``, so the cache's KEY_PREFIX, VERSION
and KEY_FUNCTION apply and ``redis-cli`` or the cache's ``ttl()`` find it. The value is the session dict serialized
with SESSION_SERIALIZER (JSON by default: ``redis-cli GET`` shows it as text), not the cache's
pickle, so ``cache.get()`` cannot read it. Like Django's ``cache`` engine, it is not signed: the
session store is trusted, and whoever can write to this Redis can write sessions (with JSON
instead of pickle, at least not code).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING
from typing import Any
from typing import cast
from weakref import WeakKeyDictionary

from django.conf import settings
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.base import CreateError
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.base import UpdateError
from django.core.cache import BaseCache
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.functional import cached_property

from cookielab.core.redis_client import DirectCommands
from cookielab.core.redis_client import direct_commands
from cookielab.core.redis_client import raw_client
from cookielab.core.session_stores import EngineKind
from cookielab.core.session_stores import Location
from cookielab.core.session_stores import register_engine_kind

if TYPE_CHECKING:
    from redis import Redis

KEY_PREFIX = "cookielab.sessions.redis"


# Django's RedisCache builds a new client object on every get_client() (~60 µs); one per cache is enough.
_django_clients: WeakKeyDictionary[RedisCache, Redis] = WeakKeyDictionary()


def redis_client(cache: BaseCache) -> Redis:
    """The redis-py client behind a django-redis or a Django ``RedisCache``, on the server it writes to."""
    client = _django_clients.get(cache) if isinstance(cache, RedisCache) else None
    if client is None:
        client = raw_client(cache)
        if client is not None and isinstance(cache, RedisCache):
            _django_clients[cache] = client
    if client is not None:
        return client
    raise ImproperlyConfigured(
        f"The Redis session engine needs a Redis cache for SESSION_CACHE_ALIAS {settings.SESSION_CACHE_ALIAS!r}: "
        f"django_redis.cache.RedisCache or django.core.cache.backends.redis.RedisCache, not {type(cache).__name__}."
    )


class SessionStore(SessionBase):
    cache_key_prefix = KEY_PREFIX

    def __init__(self, session_key: str | None = None) -> None:
        self._cache = caches[settings.SESSION_CACHE_ALIAS]
        super().__init__(session_key)

    @cached_property
    def _redis(self) -> Redis:
        return redis_client(self._cache)

    @cached_property
    def _commands(self) -> DirectCommands:
        return direct_commands(self._redis)

    def redis_key(self, session_key: str) -> str:
        """The full Redis key of ``session_key``, as the cache names it."""
        return str(self._cache.make_key(self.cache_key_prefix + session_key))

    def load(self) -> dict[str, Any]:
        data = self._commands.execute("GET", self.redis_key(self.session_key)) if self.session_key else None
        if data is None:
            self._session_key = None
            return {}
        try:
            session = self.serializer().loads(data)
        except Exception:  # as Django's decode(): a value that does not deserialize is an empty session
            return {}
        return session if isinstance(session, dict) else {}

    def _get_new_session_key(self) -> str:
        # No EXISTS round trip: SET NX refuses a key that is taken and create() draws another.
        return get_random_string(32, VALID_KEY_CHARS)

    def create(self) -> None:
        # Redis reports failures as errors, so a refused SET NX is a real collision: a few draws suffice.
        for _ in range(100):
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return
        raise RuntimeError("Unable to create a new session key: every key drawn was taken.")

    def save(self, must_create: bool = False) -> None:
        session_key = self.session_key
        if session_key is None:
            return self.create()
        key = self.redis_key(session_key)
        # The data first: get_expiry_age() reads the session, which would load (and miss) a key being created.
        data = self._get_session(no_load=must_create)  # type: ignore[attr-defined]  # Django's, not in its stubs
        age = self.get_expiry_age()
        if age <= 0:  # set_expiry() to a past date: nothing is kept, as with the cache engine's zero timeout
            self._commands.execute("DEL", key)
            return None
        condition = "NX" if must_create else "XX"
        if self._commands.execute("SET", key, self.serializer().dumps(data), "EX", age, condition) is not None:
            return None
        raise CreateError if must_create else UpdateError

    def exists(self, session_key: str | None) -> bool:
        if not session_key:
            return False
        return bool(self._commands.execute("EXISTS", self.redis_key(session_key)))

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        self._commands.execute("DEL", self.redis_key(session_key))

    @classmethod
    def clear_expired(cls) -> None:
        """Nothing to do: Redis drops each session at the end of its TTL."""


def locate_in_redis(location: Location, store_class: type[SessionBase], session_key: str) -> None:
    """The key, its TTL and its JSON, read from Redis itself: what the inspector and the lessons show."""
    store = cast(SessionStore, store_class(session_key))
    key = store.redis_key(session_key)
    location.facts.append(("Redis key", key))
    raw = store._redis.get(key)
    if raw is None:
        location.facts.append(("In Redis", "no such key (never saved, expired, deleted or Redis restarted)"))
        return
    ttl = store._redis.ttl(key)
    location.found = True
    location.ttl_seconds = ttl
    if ttl >= 0:
        location.stored_expiry = timezone.now() + timedelta(seconds=ttl)
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    location.data = store.serializer().loads(raw)
    location.facts += [
        ("TTL (read from Redis)", "none" if ttl < 0 else f"{ttl} s"),
        ("Value (JSON, as stored: not signed)", text if len(text) <= 600 else f"{text[:600]}…"),
    ]


register_engine_kind(
    EngineKind(
        "redis",
        SessionStore,
        "Redis only, two commands a visit",
        "a key in Redis, written straight by the engine",
        locate_in_redis,
        cache=True,
    )
)
