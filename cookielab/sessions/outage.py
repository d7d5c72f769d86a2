"""What "the cache server is not answering" looks like to Python, and the error Cookie Lab raises for it."""

from __future__ import annotations


class SessionStoreUnavailable(Exception):
    """The session store could not finish an operation that must not be done halfway (e.g. logout)."""

    def __init__(self, action: str) -> None:
        super().__init__(f"The session cache did not answer, so {action} was not done.")
        self.action = action


def _outage_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError, SessionStoreUnavailable]
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # redis is an optional dependency
        pass
    else:
        errors += [RedisConnectionError, RedisTimeoutError]
    try:
        from django_redis.exceptions import ConnectionInterrupted
    except ImportError:
        pass
    else:
        errors.append(ConnectionInterrupted)
    return tuple(errors)


# Connection refused, timed out or interrupted: the server is down or stalled, not the data wrong.
CACHE_OUTAGE_ERRORS: tuple[type[BaseException], ...] = _outage_errors()
