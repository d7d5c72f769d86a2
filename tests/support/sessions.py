"""Real session rows for the admin and command tests, encoded the way Django stores them."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
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
