"""Page-view counters: the lecture's read-modify-write, and one that cannot lose a view.

The lecture's counter reads ``page_views`` from the session, adds one and writes the whole
session back. Two requests that overlap both read N and both save N + 1: the last save wins and
a view is lost (Django takes no lock around a session). The atomic counter keeps its number outside the
session and lets the store add one in a single step: Redis ``INCR`` when the default cache is
Redis (Django's RedisCache or django-redis), otherwise one ``INSERT … ON CONFLICT DO UPDATE SET
views = views + 1`` row update.

Either way the count expires with the session: the Redis key gets a TTL of the session's expiry age
and the row an ``expire_date`` of now + that age, moved on at every count. Expired rows are deleted
by ``manage.py cookielab_sessions purge-expired`` (and the session-timeout lesson's clean-up).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from datetime import timedelta
from typing import TYPE_CHECKING

from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieSession
from django.core.cache import caches
from django.db import IntegrityError
from django.db import connections
from django.db import router
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from cookielab.core.redis_client import direct_commands
from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import raw_client
from cookielab.models import PageViewCounter

if TYPE_CHECKING:
    from redis import Redis

PAGE_VIEWS_KEY = "page_views"
# Stored in a brand-new session so that it is saved (and its key fixed) before the first count.
COUNTER_MARKER_KEY = "cookielab_counter"
COUNTER_CACHE = "default"
FIRST_VISIT_MESSAGE = "Welcome to this page for the first time!"
_UPSERT_VENDORS = {"sqlite", "postgresql"}


def visit_message(views: int) -> str:
    return FIRST_VISIT_MESSAGE if views <= 1 else f"You visited this page {views} times"


def lecture_views(session: SessionBase) -> int:
    """The lecture's count; anything that is not a positive whole number counts as no visit yet."""
    value = session.get(PAGE_VIEWS_KEY)
    if isinstance(value, int) and not isinstance(value, bool) and value > 0:
        return value
    return 0


def count_view_in_session(session: SessionBase) -> int:
    """The lecture's counter, kept as it is on purpose: read, add one, write the session back."""
    views = lecture_views(session) + 1
    session[PAGE_VIEWS_KEY] = views
    return views


def _identity(session: SessionBase, *, create: bool) -> str | None:
    """What the atomic counter of this session is keyed on (None: no session, and ``create`` is off).

    Reading the session loads it, and loading drops a key the store does not know (forged,
    expired, from another site), so only a real session key is ever used. A new session is
    saved at once, so that every later request of this browser names the same key. The
    signed_cookies engine has no stable key (its "key" is the data, re-signed on every save):
    there a random id carried inside the signed cookie stands in for it.
    """
    marker = session.get(COUNTER_MARKER_KEY)
    if session.session_key is None:
        if not create:
            return None
        marker = secrets.token_urlsafe(16)
        session[COUNTER_MARKER_KEY] = marker
        session.save()
    if not isinstance(session, SignedCookieSession):
        return session.session_key
    if not isinstance(marker, str):
        if not create:
            return None
        marker = secrets.token_urlsafe(16)
        session[COUNTER_MARKER_KEY] = marker
    return marker


def _digest(identity: str) -> str:
    return hashlib.sha256(identity.encode()).hexdigest()


def _redis_counter(digest: str) -> tuple[Redis, str] | None:
    """The raw Redis client (for INCR) and the counter's key, under the cache's own key prefix.

    None when the counter cache is not Redis: the counter then lives in the database.
    """
    cache = caches[COUNTER_CACHE]
    client = raw_client(cache)
    if client is None:
        return None
    return client, str(cache.make_key(f"cookielab:views:{digest}"))


def counter_store() -> str:
    """Where the atomic counter lives, in words for the page."""
    return "Redis (INCR)" if is_redis(caches[COUNTER_CACHE]) else "the database (one atomic UPDATE)"


def count_view_atomically(session: SessionBase) -> int:
    """Add one view in the store itself, in one round trip; returns the new count.

    The count lives as long as the session: its expiry age from now, renewed at every count.
    """
    identity = _identity(session, create=True)
    assert identity is not None  # create=True always gives one
    digest = _digest(identity)
    expiry_age = max(session.get_expiry_age(), 1)
    redis = _redis_counter(digest)
    if redis is not None:
        client, key = redis
        *_, (views, _) = direct_commands(client).execute_many(
            ("MULTI",), ("INCR", key), ("EXPIRE", key, expiry_age), ("EXEC",)
        )
        return int(views)
    return _increment_row(digest, timezone.now() + timedelta(seconds=expiry_age))


def _increment_row(digest: str, expires: datetime) -> int:
    connection = connections[router.db_for_write(PageViewCounter)]
    if connection.vendor in _UPSERT_VENDORS and connection.features.can_return_columns_from_insert:
        quote = connection.ops.quote_name
        table = quote(PageViewCounter._meta.db_table)
        digest_column, views_column, expiry_column = quote("session_digest"), quote("views"), quote("expire_date")
        sql = (
            f"INSERT INTO {table} ({digest_column}, {views_column}, {expiry_column}) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({digest_column}) DO UPDATE SET {views_column} = {table}.{views_column} + 1, "
            f"{expiry_column} = excluded.{expiry_column} "
            f"RETURNING {views_column}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [digest, connection.ops.adapt_datetimefield_value(expires)])
            return cursor.fetchone()[0]
    return _increment_row_portably(digest, expires)


def _increment_row_portably(digest: str, expires: datetime) -> int:
    """For databases without INSERT … ON CONFLICT … RETURNING: each statement is atomic on its own."""
    rows = PageViewCounter.objects.filter(session_digest=digest)
    if not rows.update(views=F("views") + 1, expire_date=expires):
        try:
            with transaction.atomic():
                PageViewCounter.objects.create(session_digest=digest, views=1, expire_date=expires)
            return 1
        except IntegrityError:  # another request created the row first: add to it instead
            rows.update(views=F("views") + 1, expire_date=expires)
    return rows.values_list("views", flat=True).get()


def atomic_views(session: SessionBase) -> int:
    """The atomic counter of this session, without counting a view."""
    identity = _identity(session, create=False)
    if identity is None:
        return 0
    digest = _digest(identity)
    redis = _redis_counter(digest)
    if redis is not None:
        client, key = redis
        return int(client.get(key) or 0)
    return PageViewCounter.objects.filter(session_digest=digest).values_list("views", flat=True).first() or 0


def reset_counts(session: SessionBase) -> None:
    """Zero both counters of this session."""
    session.pop(PAGE_VIEWS_KEY, None)
    identity = _identity(session, create=False)
    if identity is None:
        return
    digest = _digest(identity)
    redis = _redis_counter(digest)
    if redis is not None:
        client, key = redis
        client.delete(key)
    else:
        PageViewCounter.objects.filter(session_digest=digest).delete()


def ensure_session(session: SessionBase) -> None:
    """Create and save this browser's session now, so that simultaneous requests share it."""
    _identity(session, create=True)
