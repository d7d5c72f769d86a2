"""The resilient cached_db engine swallows cache outages, never a failed database write.

The database is the session's real record: when writing it fails, the save must raise and the
request must fail visibly, or the page would say "saved" while nothing was (and the cache, if it
had been written, would serve data the database never got). Here the database really refuses:

- a trigger on ``django_session`` aborts every write with "disk full" (an ``IntegrityError``);
- the database is made read-only (``PRAGMA query_only``: "attempt to write a readonly database",
  an ``OperationalError``).

Redis is real: the shared test server for the cache (``redis_cache``), and a server of the test's own
that is killed to show that a cache outage, by contrast, is still ridden out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import IntegrityError
from django.db import OperationalError
from django.db import connection
from django.test import Client
from django.urls import reverse

from cookielab.sessions.backends.cached_db import SessionStore
from tests.support.html import soup
from tests.support.html import text
from tests.support.redis_server import RedisServer
from tests.support.sessions import read_only_database

pytestmark = [pytest.mark.django_db, pytest.mark.redis]
# The database's refusals are made with SQLite's own trigger syntax and PRAGMA.
refused_by_sqlite = pytest.mark.sqlite

RESILIENT = "cookielab.sessions.backends.cached_db"


@pytest.fixture
def resilient(redis_cache, settings):
    """The site as deployed with REDIS_URL: cookielab's cached_db engine in front of a real Redis."""
    settings.SESSION_ENGINE = RESILIENT
    return redis_cache


@contextmanager
def disk_full() -> Iterator[None]:
    """Every update of a session row fails in the database itself, as on a full disk.

    (Updates only: Django's ``create()`` takes an IntegrityError on INSERT for a key collision and
    retries with a new key, forever if every INSERT fails. The read-only database covers creation.)
    """
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TRIGGER session_disk_full BEFORE UPDATE ON django_session "
            "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER session_disk_full")


def stored_row(store: SessionStore) -> dict[str, Any]:
    return store.decode(Session.objects.get(session_key=store.session_key).session_data)


def cached_copy(store: SessionStore) -> dict[str, Any] | None:
    return caches["default"].get(store.cache_key)


def saved_store(data: dict) -> SessionStore:
    store = SessionStore()
    store.update(data)
    store.save()
    return store


def check_in(client: Client, note: str):
    """The coat-check: a demo that writes the session (quiz answers go to a cookie of their own)."""
    return client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": note})


def coat(client: Client) -> str | None:
    session = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if session is None:
        return None
    return SessionStore(session.value).load().get("coat_check")


FAILURES = [
    pytest.param(disk_full, IntegrityError, "disk full", id="trigger-disk-full"),
    pytest.param(read_only_database, OperationalError, "readonly", id="read-only-database"),
]


# --- The engine: a failed database write raises, and the cache is not written either -------------


@refused_by_sqlite
@pytest.mark.parametrize(("failure", "error", "message"), FAILURES)
def test_saving_a_session_raises_when_the_database_refuses_the_write(resilient, failure, error, message):
    store = saved_store({"coat": "blue"})
    assert cached_copy(store) == {"coat": "blue"}

    store["coat"] = "red"
    with failure(), pytest.raises(error, match=message):
        store.save()
    assert not store.cache_unavailable  # the cache answered: this is no outage to ride out
    assert cached_copy(store) == {"coat": "blue"}  # nothing the database did not take
    assert stored_row(store) == {"coat": "blue"}
    assert SessionStore(store.session_key).load() == {"coat": "blue"}


@refused_by_sqlite
def test_creating_a_session_raises_when_the_database_is_read_only(resilient):
    store = SessionStore()
    store["coat"] = "blue"
    with read_only_database(), pytest.raises(OperationalError, match="readonly"):
        store.save()
    assert not store.cache_unavailable
    assert Session.objects.count() == 0


def test_a_session_deleted_meanwhile_is_still_djangos_update_error(resilient):
    """Only a refused write changes error: a row that is gone stays Django's "deleted meanwhile" (400)."""
    store = saved_store({"coat": "blue"})
    Session.objects.filter(session_key=store.session_key).delete()
    store["coat"] = "red"
    with pytest.raises(UpdateError):
        store.save()


# --- Through the site: the request fails visibly, and never claims a save ------------------------


@refused_by_sqlite
def test_a_session_write_the_database_refuses_fails_the_request(resilient):
    student = Client(raise_request_exception=False)
    assert check_in(student, "blue scarf").status_code == 303
    assert coat(student) == "blue scarf"

    with disk_full():
        refused = check_in(student, "red hat")

    assert refused.status_code == 500  # not the 303 "see your result" of a stored write
    assert "Traceback" not in refused.content.decode()
    assert coat(student) == "blue scarf"  # the second write is in neither store


@refused_by_sqlite
@pytest.mark.parametrize("returning", [False, True], ids=["newcomer", "returning-student"])
def test_a_read_only_database_answers_503_and_says_the_database_refused(resilient, returning):
    student = Client(raise_request_exception=False)
    if returning:
        assert check_in(student, "blue scarf").status_code == 303
    with read_only_database():
        response = check_in(student, "red hat")

    assert response.status_code == 503
    assert response["Retry-After"].isdigit()
    page = text(soup(response).select_one("main"))
    assert "database" in page and "Redis" not in page
    assert "Nothing from this request was stored" in page
    assert "Traceback" not in response.content.decode()
    assert coat(student) == ("blue scarf" if returning else None)


# --- By contrast: a cache outage is still ridden out ----------------------------------------------


@pytest.fixture
def dead_redis(settings) -> Iterator[RedisServer]:
    """A real redis-server of this test's own, as the only cache, then killed: connection refused."""
    server = RedisServer().start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }
    settings.SESSION_ENGINE = RESILIENT
    caches.close_all()
    server.kill()
    yield server
    caches.close_all()
    server.stop()


def test_a_cache_outage_is_still_ridden_out(dead_redis):
    store = SessionStore()
    store["coat"] = "blue"
    store.save()  # no error: the database has it
    assert store.cache_unavailable
    assert stored_row(store) == {"coat": "blue"}

    student = Client()
    assert check_in(student, "blue scarf").status_code == 303
    assert coat(student) == "blue scarf"
