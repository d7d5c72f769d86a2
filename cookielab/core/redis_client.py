"""Is a cache django-redis, and its raw redis-py client for what Django's cache API cannot do (INCR, TTL, SCAN).

django-redis is an optional dependency: without it every cache counts as "not Redis".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.cache import BaseCache

if TYPE_CHECKING:
    from redis import Redis


def is_django_redis(cache: BaseCache) -> bool:
    try:
        from django_redis.cache import RedisCache
    except ImportError:
        return False
    return isinstance(cache, RedisCache)


def raw_client(cache: BaseCache, *, write: bool = True) -> Redis | None:
    """The redis-py client behind a django-redis cache (``write=False``: a replica may answer); None for any other."""
    if not is_django_redis(cache):
        return None
    return cache.client.get_client(write=write)


def redis_ttl(cache: BaseCache, key: str) -> tuple[str, int, int | None]:
    """The full Redis key name for cache ``key``, its TTL (-2: missing, -1: none) and its size, read from Redis.

    ``cache`` must be django-redis (see ``is_django_redis``).
    """
    full_key = str(cache.make_key(key))
    client = cache.client.get_client(write=False)
    ttl = int(client.ttl(full_key))
    size = int(client.strlen(full_key)) if ttl != -2 else None
    return full_key, ttl, size
