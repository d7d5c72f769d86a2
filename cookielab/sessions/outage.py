"""What "the store is not answering" looks like to Python, and the error Cookie Lab raises for it."""

from __future__ import annotations

from django.db import OperationalError


class SessionStoreUnavailable(Exception):
    """The session store could not finish an operation that must not be done halfway (e.g. logout)."""

    def __init__(self, action: str) -> None:
        super().__init__(f"The session cache did not answer, so {action} was not done.")
        self.action = action


def _outage_errors() -> tuple[type[BaseException], ...]:
    # OSError covers ConnectionError and TimeoutError; OperationalError is a database that is down
    # or locked. Data errors (IntegrityError, Redis's ResponseError) are bugs, never an outage.
    errors: list[type[BaseException]] = [OSError, OperationalError, SessionStoreUnavailable]
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


# The one list of "the store did not answer": connection refused, timed out, interrupted or locked.
STORE_OUTAGE_ERRORS: tuple[type[BaseException], ...] = _outage_errors()
