"""Cookie Lab's db session engine: Django's table and rules, one statement to load and one to save.

The statements are counted from what the database connection ran (CaptureQueriesContext), on the
test database (SQLite here; PostgreSQL in the matrix cell that runs on it).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cookielab.sessions.backends.db import SessionStore
from tests.support import engine_guarantees
from tests.support.html import soup
from tests.support.html import text
from tests.support.sessions import read_only_database
from tests.support.sessions_flow import JSON

pytestmark = pytest.mark.django_db

ENGINE = "cookielab.sessions.backends.db"
FORGED = "forgedkey0123456789abcdefghijklm"


@pytest.fixture(autouse=True)
def engine(settings) -> None:
    settings.SESSION_ENGINE = ENGINE


def statements(captured: CaptureQueriesContext) -> list[str]:
    """The SELECT, INSERT, UPDATE and DELETE statements run, first word only (savepoints left out)."""
    words = (query["sql"].split(None, 1)[0].upper() for query in captured.captured_queries)
    return [word for word in words if word in {"SELECT", "INSERT", "UPDATE", "DELETE"}]


def count(browser: Client) -> int:
    response = browser.get("/counter/", headers=JSON)
    assert response.status_code == 200
    return int(response.json()["views"])


def test_a_new_visitor_costs_one_insert_and_a_returning_one_a_select_and_an_update():
    browser = Client()
    with CaptureQueriesContext(connection) as first:
        assert count(browser) == 1
    assert statements(first) == ["INSERT"]  # no key sent: nothing to look up
    with CaptureQueriesContext(connection) as second:
        assert count(browser) == 2
    assert statements(second) == ["SELECT", "UPDATE"]


def test_djangos_db_engine_and_this_one_read_each_others_sessions():
    ours = SessionStore()
    ours["page_views"] = 3
    ours.save()
    assert DjangoSessionStore(ours.session_key).load() == {"page_views": 3}

    theirs = DjangoSessionStore()
    theirs["cart"] = ["oatmeal"]
    theirs.set_expiry(600)
    theirs.save()
    again = SessionStore(theirs.session_key)
    assert again.load() == {"cart": ["oatmeal"], "_session_expiry": 600}
    row = Session.objects.get(session_key=theirs.session_key)
    again["cart"] = ["oatmeal", "ginger"]
    again.save()
    assert Session.objects.get(session_key=theirs.session_key).get_decoded()["cart"] == ["oatmeal", "ginger"]
    assert Session.objects.get(session_key=theirs.session_key).expire_date >= row.expire_date


def test_a_forged_key_is_replaced_and_never_stored():
    browser = Client()
    browser.cookies["sessionid"] = FORGED
    assert count(browser) == 1
    assert browser.cookies["sessionid"].value != FORGED
    assert not Session.objects.filter(session_key=FORGED).exists()
    assert Session.objects.filter(session_key=browser.cookies["sessionid"].value).exists()


def test_an_expired_row_reads_as_an_empty_session_and_is_not_revived():
    store = SessionStore()
    store["page_views"] = 9
    store.save()
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))

    again = SessionStore(store.session_key)
    assert again.load() == {}
    assert again.session_key is None  # the next save makes a new key, as with Django's engine
    again["page_views"] = 1
    again.save()
    assert again.session_key != store.session_key


def in_the_table(key: str) -> bool:
    return Session.objects.filter(session_key=key).exists()


def test_a_session_deleted_meanwhile_is_not_brought_back():
    engine_guarantees.a_session_deleted_meanwhile_is_not_brought_back(SessionStore, in_the_table)


def test_the_middleware_answers_session_interrupted_and_stores_nothing():
    engine_guarantees.the_middleware_answers_session_interrupted_and_stores_nothing(SessionStore, in_the_table)


def test_create_draws_again_when_a_key_is_taken_and_leaves_the_other_session_alone(monkeypatch):
    engine_guarantees.create_draws_again_when_a_key_is_taken(SessionStore, monkeypatch)


def test_saving_with_must_create_refuses_an_existing_key():
    engine_guarantees.saving_with_must_create_refuses_an_existing_key(SessionStore)


def test_the_row_keeps_djangos_expiry_and_clearsessions_removes_it_once_past():
    store = SessionStore()
    store.set_expiry(60)
    store["page_views"] = 1
    store.save()
    expires = Session.objects.get(session_key=store.session_key).expire_date
    assert timedelta(seconds=55) <= expires - timezone.now() <= timedelta(seconds=60)

    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - timedelta(seconds=1))
    call_command("clearsessions")
    assert not Session.objects.filter(session_key=store.session_key).exists()


def test_cycle_key_moves_the_data_and_deletes_the_old_row():
    engine_guarantees.cycle_key_moves_the_data_and_deletes_the_old_key(SessionStore, in_the_table)


@pytest.mark.sqlite  # the database refuses writes through SQLite's own PRAGMA
def test_a_database_that_refuses_the_save_answers_503_not_session_interrupted():
    """Django's engine reports any database error while saving as UpdateError ("deleted meanwhile"): this one
    lets the database's own error through, and Cookie Lab's SessionMiddleware says the database refused."""
    browser = Client(raise_request_exception=False)
    assert count(browser) == 1
    with read_only_database():
        refused = browser.get("/counter/", headers=JSON)
    assert refused.status_code == 503
    assert "database" in text(soup(refused).select_one("main"))
    assert count(browser) == 2  # the refused view was not stored
