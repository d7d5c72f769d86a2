"""Django's SQLite backend, with write transactions queueing on a lock instead of in SQLite's busy handler.

When a connection wants the write lock while another holds it, SQLite's busy handler makes it
sleep 1, 2, 5, 10, 15, 20, 25… ms between tries, however soon the other commits. Under 16
clients of the counter that sleeping, not the writing, was the time: each write holds the lock
well under a millisecond, yet the p99 was 414 ms. Here a transaction (``BEGIN IMMEDIATE``, as the
site's settings ask) first takes an exclusive ``flock()`` on a file beside the database, held
until COMMIT or ROLLBACK: writers of every thread and process wait in the kernel, and the next
starts as soon as the last one is done. Statements outside a transaction (autocommit) and other
programs don't take it; for them SQLite's busy timeout still applies. An in-memory database, and
a system without ``fcntl``, get Django's backend unchanged.
"""

from __future__ import annotations

import os
from typing import Any

from django.db.backends.sqlite3 import base

try:
    import fcntl

    HAS_FLOCK = True
except ImportError:  # Windows: no flock(); SQLite's busy handler alone
    HAS_FLOCK = False


def writer_lock_path(database: str | os.PathLike[str]) -> str:
    return f"{os.fspath(database)}-writers.lock"


class DatabaseWrapper(base.DatabaseWrapper):
    _writers_lock: int | None = None  # a file descriptor, while the connection is open
    _writing = False  # this connection holds the flock

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        if HAS_FLOCK and not self.is_in_memory_db():
            self._writers_lock = os.open(writer_lock_path(self.settings_dict["NAME"]), os.O_RDWR | os.O_CREAT, 0o600)
        return connection

    def _start_transaction_under_autocommit(self) -> None:
        if self._writers_lock is not None:
            fcntl.flock(self._writers_lock, fcntl.LOCK_EX)
            self._writing = True
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # private to Django, not in its stubs
        except BaseException:
            self._done_writing()
            raise

    def _done_writing(self) -> None:
        if self._writing and self._writers_lock is not None:
            self._writing = False
            fcntl.flock(self._writers_lock, fcntl.LOCK_UN)

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]  # private to Django, not in its stubs
        finally:
            self._done_writing()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]  # private to Django, not in its stubs
        finally:
            self._done_writing()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]  # private to Django, not in its stubs
        finally:
            self._done_writing()
            if self._writers_lock is not None:
                os.close(self._writers_lock)
                self._writers_lock = None
