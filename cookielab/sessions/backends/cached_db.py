"""Django's ``cached_db`` sessions, made to survive a cache outage without losing or reviving data.

Django's own engine answers 500 when Redis is down and a session has to be created or re-cached,
and its logout deletes the database row *before* the cache entry: if Redis stalls at that moment,
the cached copy stays and the old cookie logs back in once Redis recovers. This engine:

- reads from the cache, and from the database when the cache does not answer;
- writes the database first (the real record), then the cache if it answers; a failed database
  write always raises (and leaves the cache alone): only the cache's outages are ridden out;
- deletes from the cache *first*: if that fails, it deletes nothing and raises
  ``SessionStoreUnavailable``, so a logout fails visibly instead of half-succeeding;
- sets ``cache_unavailable`` on the store when the cache failed during this request, so a page
  can say so.

Known limit: a cache that stalls (rather than crashes) and comes back still holds the copies it had;
a session saved only to the database during the stall is read from that older copy until it is
saved again. A crashed Redis without persistence comes back empty, so nothing is stale.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING
from typing import Any

from asgiref.sync import sync_to_async
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.cached_db import SessionStore as DjangoCachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.core.cache import BaseCache
from django.db import OperationalError

from cookielab.sessions.outage import STORE_OUTAGE_ERRORS
from cookielab.sessions.outage import SessionStoreUnavailable

if TYPE_CHECKING:
    from django.contrib.sessions.models import Session

logger = logging.getLogger(__name__)


class SessionStore(DjangoCachedDBStore):
    # Set or inherited by Django's engines; django-stubs leaves them out.
    _cache: BaseCache
    _session: dict[str, Any]
    _get_session_from_db: Callable[[], Session | None]

    def __init__(self, session_key: str | None = None) -> None:
        self.cache_unavailable = False
        super().__init__(session_key)

    def _cache_call(self, operation: Callable[..., Any], *args: Any, default: Any = None) -> Any:
        """Run one cache operation; on an outage, note it and return ``default``."""
        try:
            return operation(*args)
        except STORE_OUTAGE_ERRORS:
            if not self.cache_unavailable:
                logger.warning("session cache unavailable: using the database only for this request")
            self.cache_unavailable = True
            return default

    def load(self) -> dict[str, Any]:
        try:
            data = self._cache_call(self._cache.get, self.cache_key)
        except Exception:  # an invalid cache key (as in Django, ticket 17810): read the database
            data = None
        if data is not None:
            return data
        stored = self._get_session_from_db()
        if not stored:
            return {}
        data = self.decode(stored.session_data)
        if not self.cache_unavailable:
            self._cache_call(self._cache.set, self.cache_key, data, self.get_expiry_age(expiry=stored.expire_date))
        return data

    def exists(self, session_key: str | None) -> bool:
        if not session_key:
            return False
        in_cache = self._cache_call(self._cache.has_key, self.cache_key_prefix + session_key, default=False)
        return bool(in_cache) or DBStore.exists(self, session_key)

    def save(self, must_create: bool = False) -> None:
        try:
            DBStore.save(self, must_create)
        except UpdateError as error:
            # Django reports every failed UPDATE as "the session was deleted meanwhile" (a 400). A
            # database that refused the write (read-only, locked, full) is not that: raise its own error,
            # never swallowed, so the request fails and the 503 page says the database refused.
            if isinstance(error.__context__, OperationalError):
                raise error.__context__ from None
            raise
        if not self.cache_unavailable:
            self._cache_call(self._cache.set, self.cache_key, self._session, self.get_expiry_age())

    def delete(self, session_key: str | None = None) -> None:
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        try:
            self._cache.delete(self.cache_key_prefix + session_key)
        except STORE_OUTAGE_ERRORS as error:
            self.cache_unavailable = True
            # Deleting only the database row would let the cached copy log the cookie back in later.
            raise SessionStoreUnavailable("ending the session") from error
        DBStore.delete(self, session_key)

    def flush(self) -> None:
        # Delete before clearing: if the delete is refused, the session is left exactly as it was.
        self.delete(self.session_key)
        self.clear()
        self._session_key = None

    async def aload(self) -> dict[str, Any]:
        return await sync_to_async(self.load)()

    async def aexists(self, session_key: str | None) -> bool:
        return await sync_to_async(self.exists)(session_key)

    async def asave(self, must_create: bool = False) -> None:
        await sync_to_async(self.save)(must_create)

    async def adelete(self, session_key: str | None = None) -> None:
        await sync_to_async(self.delete)(session_key)

    async def aflush(self) -> None:
        await sync_to_async(self.flush)()
