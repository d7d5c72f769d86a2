"""Session timeouts the application enforces itself, and clean-up of expired sessions.

Django's expiry counts from the last *save* of a session, so a session that is written on every
visit can live for ever. An absolute timeout caps a session's total life: the first time a session
holds data it is stamped with its start time, and once it is older than the limit it is flushed.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timedelta

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone

from cookielab.conf import conf
from cookielab.core.session_stores import expired
from cookielab.core.session_stores import uses_cache
from cookielab.models import PageViewCounter
from cookielab.sessions.maintenance import session_model
from cookielab.sessions.maintenance import uses_database

STARTED_AT_KEY = "cookielab_started_at"


def absolute_limit() -> timedelta:
    return timedelta(seconds=conf.SESSION_ABSOLUTE_TIMEOUT)


def session_started_at(session: SessionBase) -> datetime | None:
    raw = session.get(STARTED_AT_KEY)
    try:
        return datetime.fromisoformat(raw) if isinstance(raw, str) else None
    except ValueError:
        return None


def enforce_absolute_timeout(session: SessionBase) -> bool:
    """Stamp a session holding data with its start time; flush it once older than the limit.

    Returns True when the session was flushed. An empty session is left alone, so merely
    visiting a page never creates a session (or sends a cookie).
    """
    if not session.keys():
        return False
    now = timezone.now()
    started = session_started_at(session)
    if started is None or started > now:
        session[STARTED_AT_KEY] = now.isoformat()
        return False
    if now - started > absolute_limit():
        session.flush()
        return True
    return False


def cleanup_supported() -> bool:
    """Whether this site's engine keeps database rows that clearsessions would delete.

    Decided by the engine's class: ``db``, ``cached_db`` and every engine built on them (this site's
    own resilient ``cached_db`` with REDIS_URL) keep rows; the path in SESSION_ENGINE does not matter.
    """
    return uses_database()


def keys_expire_by_themselves() -> bool:
    """Whether this site's engine also keeps cache keys, each with a TTL (``cache``, ``cached_db`` and kin)."""
    return uses_cache()


# A page never counts a whole table: past this many expired rows it says "more than".
EXPIRED_COUNT_LIMIT = 10_000


def expired_session_count(limit: int | None = None) -> int:
    """Expired rows in the session table, counted up to ``limit + 1`` (a million rows cost ~60 ms)."""
    limit = EXPIRED_COUNT_LIMIT if limit is None else limit
    model = session_model()
    return model.objects.filter(expired())[: limit + 1].count()


def clear_expired_sessions() -> int:
    """Do what ``manage.py clearsessions`` does for the database engines; return how many sessions went.

    The page-view counters of expired sessions go too (clearsessions leaves them: it knows only sessions).
    """
    model = session_model()
    deleted, _ = model.objects.filter(expired()).delete()
    PageViewCounter.objects.purge_expired()
    return deleted
