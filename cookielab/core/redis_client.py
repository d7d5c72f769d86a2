"""Is a cache Redis, its raw redis-py client for what Django's cache API cannot do (INCR, TTL, SCAN), and
the commands Redis itself counted.

Two backends count as Redis: Django's own ``django.core.cache.backends.redis.RedisCache`` and
django-redis (``django_redis.cache.RedisCache``, an optional dependency). Both keep a value under
``cache.make_key(key)`` and store integers as plain Redis integers, so INCR works on either.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING
from typing import Any

from django.core.cache import BaseCache
from django.core.cache.backends.redis import RedisCache

if TYPE_CHECKING:
    from redis import Redis


def _django_redis_backend() -> type[BaseCache] | None:
    try:
        from django_redis.cache import RedisCache as DjangoRedisCache
    except ImportError:  # django-redis is an optional dependency
        return None
    return DjangoRedisCache


DJANGO_REDIS_CACHE = _django_redis_backend()


def is_redis(cache: BaseCache) -> bool:
    """Whether ``cache`` is Django's RedisCache or django-redis."""
    return isinstance(cache, RedisCache) or (DJANGO_REDIS_CACHE is not None and isinstance(cache, DJANGO_REDIS_CACHE))


def raw_client(cache: BaseCache, *, write: bool = True) -> Redis | None:
    """The redis-py client behind a Redis cache (``write=False``: a replica may answer); None for any other."""
    backend: Any = cache  # neither backend's client attribute is in the type stubs
    if isinstance(cache, RedisCache):
        return backend._cache.get_client(write=write)  # Django's RedisCacheClient hands out redis-py clients
    if DJANGO_REDIS_CACHE is not None and isinstance(cache, DJANGO_REDIS_CACHE):
        return backend.client.get_client(write=write)
    return None


def redis_ttl(cache: BaseCache, key: str) -> tuple[str, int, int | None]:
    """The full Redis key name for cache ``key``, its TTL (-2: missing, -1: none) and its size, read from Redis.

    ``cache`` must be a Redis cache (see ``is_redis``).
    """
    client = raw_client(cache, write=False)
    if client is None:
        raise TypeError(f"{type(cache).__name__} is not a Redis cache")
    full_key = str(cache.make_key(key))
    ttl = int(client.ttl(full_key))
    size = int(client.strlen(full_key)) if ttl != -2 else None
    return full_key, ttl, size


# Sent once per connection, not per operation: opening a connection is not what is being counted.
HANDSHAKE_COMMANDS = frozenset({"hello", "client|setinfo", "client|setname", "auth", "select"})


def command_calls(client: Redis) -> Counter[str]:
    """Calls per command so far, counted by the Redis server itself (``INFO commandstats``)."""
    stats: dict[str, dict[str, int]] = client.info("commandstats")
    return Counter({name.removeprefix("cmdstat_"): int(entry["calls"]) for name, entry in stats.items()})


def commands_between(before: Counter[str], after: Counter[str]) -> Counter[str]:
    """The commands run between two ``command_calls`` snapshots, without the probe's own INFO and handshakes.

    Redis counts every client's commands: what other clients ran meanwhile counts too.
    """
    spent = after - before
    return Counter({name: calls for name, calls in spent.items() if name != "info" and name not in HANDSHAKE_COMMANDS})
