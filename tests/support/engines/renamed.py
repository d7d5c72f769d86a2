"""A subclass of the site's own cached_db engine under another class name and cache prefix.

Its class name changes the salt of everything it encodes (Django salts with the class's
``__qualname__``), so only its own class can decode its rows: anything that decodes with Django's
``Session.get_decoded()`` sees an empty session.
"""

from __future__ import annotations

from cookielab.sessions.backends.cached_db import SessionStore as ResilientCachedDBStore

CACHE_KEY_PREFIX = "cookielab.tests.renamed"


class RenamedStore(ResilientCachedDBStore):
    cache_key_prefix = CACHE_KEY_PREFIX


SessionStore = RenamedStore
