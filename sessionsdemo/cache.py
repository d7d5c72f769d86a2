"""The site's shared cache without Redis: Django's file cache, culled now and then instead of on every write.

Django's ``FileBasedCache`` lists its whole directory on every ``set()`` to see whether it is over
``MAX_ENTRIES``. The wire panel writes on every page a browser loads, so with thousands of files
(20,000 allowed) that listing was most of a page's time under ``make serve``. Here every
``CULL_EVERY``-th write of a process looks, so the directory holds at most ``MAX_ENTRIES`` plus
``CULL_EVERY`` files per worker process.
"""

from __future__ import annotations

import itertools
import random

from django.core.cache.backends.filebased import FileBasedCache

CULL_EVERY = 100
_writes = itertools.count(1)  # one count per process, shared by its threads' cache objects


class SharedFileCache(FileBasedCache):
    def _cull(self) -> None:
        if next(_writes) % CULL_EVERY:
            return
        filelist = self._list_cache_files()  # type: ignore[attr-defined]  # private: not in django-stubs
        excess = len(filelist) - self._max_entries
        if excess < 0:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        # As Django's cull (1/CULL_FREQUENCY of the allowed entries, at random), plus whatever the writes
        # since the last look added beyond the limit.
        for name in random.sample(filelist, min(len(filelist), excess + self._max_entries // self._cull_frequency)):
            self._delete(name)  # type: ignore[attr-defined]
