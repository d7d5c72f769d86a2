"""Is a cache Redis, and its raw redis-py client for what Django's cache API cannot do (INCR, TTL, SCAN).

Two backends count as Redis: Django's own ``django.core.cache.backends.redis.RedisCache`` and
django-redis (``django_redis.cache.RedisCache``, an optional dependency). Both keep a value under
``cache.make_key(key)`` and store integers as plain Redis integers, so INCR works on either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from typing import Any
from typing import cast

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
    if isinstance(cache, RedisCache):
        # Django's RedisCacheClient hands out redis-py clients (a private attribute the stubs do not list).
        return cast(Any, cache)._cache.get_client(write=write)
    if DJANGO_REDIS_CACHE is not None and isinstance(cache, DJANGO_REDIS_CACHE):
        return cast(Any, cache).client.get_client(write=write)
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
