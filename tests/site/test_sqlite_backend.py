"""The site's SQLite backend: write transactions queue on a lock file instead of in SQLite's busy handler.

Each test opens its own connections (one per thread, as the server's threads do) to a SQLite file
configured as the site configures it, with a busy timeout far shorter than the waits: a writer
that waited in SQLite's busy handler instead of on the lock would fail with "database is locked".
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.db import OperationalError
from django.db.utils import ConnectionHandler

from sessionsdemo.env import sqlite_database
from sessionsdemo.sqlite.base import writer_lock_path

HOLD = 0.4
BUSY_TIMEOUT = 0.05


@pytest.fixture
def handler(tmp_path: Path, django_db_blocker):
    database = sqlite_database(tmp_path / "lab.sqlite3")
    database["OPTIONS"]["timeout"] = BUSY_TIMEOUT
    connections = ConnectionHandler({"default": database})
    with django_db_blocker.unblock():
        with connections["default"].cursor() as cursor:
            cursor.execute("CREATE TABLE visits (n INTEGER)")
        connections["default"].close()
        yield connections


def begin(db) -> None:
    """What transaction.atomic() does on entry: BEGIN IMMEDIATE, here after the writers' lock."""
    db.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def insert(db, n: int) -> None:
    with db.cursor() as cursor:
        cursor.execute("INSERT INTO visits VALUES (%s)", [n])


def in_thread(work) -> threading.Thread:
    thread = threading.Thread(target=work)
    thread.start()
    return thread


def test_a_second_writer_waits_for_the_first_instead_of_failing(handler):
    holding = threading.Event()
    waited: list[float] = []

    def first():
        db = handler["default"]
        begin(db)
        insert(db, 1)
        holding.set()
        time.sleep(HOLD)
        db.commit()
        db.set_autocommit(True)
        db.close()

    def second():
        db = handler["default"]
        holding.wait(5)
        started = time.monotonic()
        begin(db)  # SQLite alone would give up after BUSY_TIMEOUT
        waited.append(time.monotonic() - started)
        insert(db, 2)
        db.commit()
        db.set_autocommit(True)
        db.close()

    for thread in [in_thread(first), in_thread(second)]:
        thread.join(10)
    assert waited and waited[0] >= HOLD / 2
    db = handler["default"]
    with db.cursor() as cursor:
        cursor.execute("SELECT n FROM visits ORDER BY n")
        assert cursor.fetchall() == [(1,), (2,)]
    db.close()


@pytest.mark.parametrize("ending", ["rollback", "close"])
def test_a_transaction_that_ends_without_commit_lets_the_next_writer_in(handler, ending):
    ended, checked = threading.Event(), threading.Event()

    def abandoned():
        db = handler["default"]
        begin(db)
        insert(db, 1)
        if ending == "rollback":
            db.rollback()
            db.set_autocommit(True)
            ended.set()
            checked.wait(5)  # still open while the next writer begins
        db.close()
        ended.set()

    thread = in_thread(abandoned)
    assert ended.wait(5)
    db = handler["default"]
    started = time.monotonic()
    begin(db)
    assert time.monotonic() - started < HOLD
    checked.set()
    insert(db, 2)
    db.commit()
    db.set_autocommit(True)
    with db.cursor() as cursor:
        cursor.execute("SELECT n FROM visits")
        assert cursor.fetchall() == [(2,)]
    db.close()
    thread.join(10)


def test_a_writer_outside_the_lock_still_meets_sqlites_own_lock(handler):
    """Autocommit statements do not queue: they fail after the busy timeout, as with Django's backend."""
    holding, done = threading.Event(), threading.Event()

    def first():
        db = handler["default"]
        begin(db)
        insert(db, 1)
        holding.set()
        done.wait(5)
        db.rollback()
        db.set_autocommit(True)
        db.close()

    thread = in_thread(first)
    holding.wait(5)
    db = handler["default"]
    with pytest.raises(OperationalError, match="locked"):
        insert(db, 2)  # autocommit: no BEGIN, so no flock
    db.close()
    done.set()
    thread.join(10)


def test_the_lock_file_sits_beside_the_database_and_memory_databases_have_none(handler, tmp_path, django_db_blocker):
    db = handler["default"]
    db.ensure_connection()
    assert Path(writer_lock_path(db.settings_dict["NAME"])) == tmp_path / "lab.sqlite3-writers.lock"
    assert (tmp_path / "lab.sqlite3-writers.lock").exists()
    db.close()

    memory = ConnectionHandler({"default": {**sqlite_database(tmp_path / "x"), "NAME": ":memory:"}})["default"]
    with django_db_blocker.unblock():
        memory.ensure_connection()
        assert memory._writers_lock is None
        begin(memory)
        memory.rollback()
        memory.set_autocommit(True)
