"""Django's ``db`` sessions, read and written with one prepared statement each instead of the ORM.

The table, the model, the signed data and every rule are Django's: the admin, ``clearsessions``,
the session inspector and Django's own ``db`` engine read and write the same rows. What differs is
the cost. Django's engine builds an ORM query for every load and every save (a ``QuerySet`` with
its filter, then a model instance saved with ``force_update``); on the site's counter on SQLite,
this engine takes about two fifths off a request's CPU time, and the counter serves twice the
requests (docs/performance.md). Here:

- load: ``SELECT session_data … WHERE session_key = %s AND expire_date > %s``; no query at all for
  a browser that sent no key. A key with no live row (forged, expired, deleted) starts an empty
  session, which the browser gets a new key for, as with Django's engine;
- save: ``UPDATE … WHERE session_key = %s``; no row updated (the session was deleted meanwhile,
  say by a logout in another tab) raises ``UpdateError``, and Django's SessionMiddleware answers
  ``SessionInterrupted``, as it does for its own engine;
- create: ``INSERT`` with a fresh random key, without Django's ``SELECT`` to check it is free first:
  the primary key refuses a taken one (``CreateError``) and ``create()`` draws another.

Each write runs in ``transaction.atomic()``, as Django's does: on SQLite that is the site's
``BEGIN IMMEDIATE``, which queues writers on a lock (sessionsdemo/sqlite) instead of in SQLite's
sleeping busy handler. A database that refuses the write (locked, read-only, down) raises its own
error, which Cookie Lab's SessionMiddleware answers with its 503 page; Django's engine reports any
database error while saving as ``UpdateError``, as if the session had been deleted. The async
methods (``aload``, ``asave``…) are Django's, through the ORM.
"""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.base import CreateError
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DjangoDBStore
from django.db import IntegrityError
from django.db import connections
from django.db import router
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string


class SessionStore(DjangoDBStore):
    def _table(self, connection: Any) -> str:
        return str(connection.ops.quote_name(self.model._meta.db_table))

    def _get_new_session_key(self) -> str:
        return get_random_string(32, VALID_KEY_CHARS)

    def load(self) -> dict[str, Any]:
        if self.session_key is None:
            return {}
        connection = connections[router.db_for_read(self.model)]
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT session_data FROM {self._table(connection)} WHERE session_key = %s AND expire_date > %s",
                [self.session_key, connection.ops.adapt_datetimefield_value(timezone.now())],
            )
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return {}
        return self.decode(row[0])

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        data = self._get_session(no_load=must_create)  # type: ignore[attr-defined]  # Django's, not in its stubs
        using = router.db_for_write(self.model)
        connection = connections[using]
        table = self._table(connection)
        values = [self.encode(data), connection.ops.adapt_datetimefield_value(self.get_expiry_date()), self.session_key]
        try:
            with transaction.atomic(using=using), connection.cursor() as cursor:
                if must_create:
                    cursor.execute(
                        f"INSERT INTO {table} (session_data, expire_date, session_key) VALUES (%s, %s, %s)", values
                    )
                    return None
                cursor.execute(f"UPDATE {table} SET session_data = %s, expire_date = %s WHERE session_key = %s", values)
                updated = cursor.rowcount
        except IntegrityError as error:
            if must_create:
                raise CreateError from error
            raise
        if updated != 1:
            raise UpdateError
        return None
