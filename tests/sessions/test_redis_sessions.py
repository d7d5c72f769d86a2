"""REDIS_URL mode: sessions in cached_db on a real redis-server survive a server restart."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.redis]


def test_cached_db_session_is_visible_in_redis_and_survives_a_restart(redis_cache, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    first = Client()
    first.post("/lessons/what-is-a-session/check-in/", {"note": "a blue hat"})
    session_key = first.cookies["sessionid"].value

    keys = [key.decode() for key in redis_cache.client().scan_iter("*session*")]
    assert any(key.endswith(session_key) for key in keys), keys

    # A "restarted" site: a new client (no shared state in the process) with the same cookie.
    second = Client()
    second.cookies["sessionid"] = session_key
    page = second.get("/lessons/what-is-a-session/").content.decode()
    assert "a blue hat" in page
