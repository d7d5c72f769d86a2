"""Is a cache Redis, its raw redis-py client for what Django's cache API cannot do (INCR, TTL, SCAN), and
the commands Redis itself counted.

Two backends count as Redis: Django's own ``django.core.cache.backends.redis.RedisCache`` and
django-redis (``django_redis.cache.RedisCache``, an optional dependency). Both keep a value under
``cache.make_key(key)`` and store integers as plain Redis integers, so INCR works on either.
"""

from __future__ import annotations

import os
from collections import Counter
from functools import cache
from typing import TYPE_CHECKING
from typing import Any
from weakref import WeakKeyDictionary
from weakref import WeakSet

from django.core.cache import BaseCache
from django.core.cache.backends.redis import RedisCache

if TYPE_CHECKING:
    from redis import Redis
    from redis.connection import ConnectionPool


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


class DirectCommands:
    """Redis commands sent straight on connections made with a client's settings, skipping its per-command layers.

    For every command, redis-py's client takes a connection from its pool (with a syscall to check that nothing
    is waiting on it), wraps the call in its retry and observability layers, and hands the connection back:
    about 20 µs of CPU a command where docs/performance.md was measured, a tenth of a session request. Here
    idle connections wait in a list; a command takes one, sends, reads the reply and puts it back. The
    connections are the pool's kind with the pool's settings (address, password, TLS, timeouts, protocol).

    An idle connection may have been closed by the server meanwhile (a restart, a timeout): a command that
    finds it closed is sent once more on a new connection, as the pool would have found it closed first. A
    new connection that fails, or a command that times out, raises. Replies are raw: ``SET`` answers
    ``b"OK"``, or None when NX or XX refused it.
    """

    def __init__(self, pool: ConnectionPool, keep: int = 32) -> None:
        self._pool = pool
        self._keep = keep
        self._idle: list[Any] = []
        _every_direct_commands.add(self)

    def forget_connections(self) -> None:
        """Drop the idle connections without closing them: in a forked worker they are the parent's sockets."""
        self._idle = []

    def execute(self, *args: str | bytes | int) -> Any:
        """Send one command and return its reply."""
        return self._run([args])[0]

    def execute_many(self, *commands: tuple[str | bytes | int, ...]) -> list[Any]:
        """Send several commands in one write (``MULTI`` … ``EXEC`` for a transaction) and return every reply."""
        return self._run(list(commands))

    def _run(self, commands: list[tuple[str | bytes | int, ...]]) -> list[Any]:
        try:
            connection = self._idle.pop()
        except IndexError:
            connection = self._new_connection()
        else:
            try:
                return self._round_trip(connection, commands)
            except _redis_connection_error():  # closed while idle (redis-py has closed it on its side too)
                connection = self._new_connection()
        return self._round_trip(connection, commands)

    def _new_connection(self) -> Any:
        pool: Any = self._pool  # connection_kwargs is not in every redis-py's type hints
        return pool.connection_class(**pool.connection_kwargs)

    def _round_trip(self, connection: Any, commands: list[tuple[str | bytes | int, ...]]) -> list[Any]:
        if len(commands) == 1:
            connection.send_command(*commands[0])
        else:
            connection.send_packed_command(connection.pack_commands(commands))
        replies = [connection.read_response() for _ in commands]
        # Only a connection whose replies were all read goes back: one that raised may hold half an answer.
        if len(self._idle) < self._keep:
            self._idle.append(connection)
        else:
            connection.disconnect()
        return replies


_every_direct_commands: WeakSet[DirectCommands] = WeakSet()


def _forget_the_parents_connections() -> None:
    for commands in list(_every_direct_commands):
        commands.forget_connections()


# Asked once at fork rather than os.getpid() on every command (a system call each).
if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork()
    os.register_at_fork(after_in_child=_forget_the_parents_connections)


@cache
def _redis_connection_error() -> type[Exception]:
    from redis.exceptions import ConnectionError as RedisConnectionError  # redis is an optional dependency

    return RedisConnectionError


_direct_commands: WeakKeyDictionary[ConnectionPool, DirectCommands] = WeakKeyDictionary()


def direct_commands(client: Redis) -> DirectCommands:
    """The ``DirectCommands`` of ``client``'s connection pool (one per pool)."""
    pool = client.connection_pool
    commands = _direct_commands.get(pool)
    if commands is None:
        commands = _direct_commands.setdefault(pool, DirectCommands(pool))
    return commands


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
