"""Real session rows for the admin and command tests, encoded the way Django stores them; a database that refuses
writes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone
from django.utils.crypto import get_random_string

KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"


def make_sessions(count: int, *, expired: bool, data: dict | None = None, prefix: str = "") -> list[str]:
    """``count`` sessions in the database, all expired or all valid; returns their keys."""
    now = timezone.now()
    expire_date = now - timedelta(hours=1) if expired else now + timedelta(days=1)
    encoded = Session.objects.encode(data or {"cookielab_completed": ["http-is-stateless"]})
    keys = [prefix + get_random_string(32 - len(prefix), KEY_CHARS) for _ in range(count)]
    Session.objects.bulk_create(
        (Session(session_key=key, session_data=encoded, expire_date=expire_date) for key in keys), batch_size=5000
    )
    return keys


@contextmanager
def read_only_database() -> Iterator[None]:
    """The whole database refuses writes (SQLite's query_only), as a read-only file or mount would."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA query_only = ON")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")
