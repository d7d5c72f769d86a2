"""sessionsdemo.cache: the file cache `make serve` shares between workers stays bounded, looking less often."""

from __future__ import annotations

from pathlib import Path

from sessionsdemo.cache import CULL_EVERY
from sessionsdemo.cache import SharedFileCache


def files(folder: Path) -> int:
    return len(list(folder.glob("*.djcache")))


def test_the_directory_is_listed_once_every_hundred_writes_and_stays_bounded(tmp_path, monkeypatch):
    cache = SharedFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 30, "CULL_FREQUENCY": 3}})
    listings = []
    listed = SharedFileCache._list_cache_files
    monkeypatch.setattr(SharedFileCache, "_list_cache_files", lambda self: listings.append(1) or listed(self))
    most = 0
    for index in range(5 * CULL_EVERY):
        cache.set(f"key-{index}", index)
        most = max(most, files(tmp_path))
    assert len(listings) == 5  # Django's own lists on each of the 500 writes
    assert most <= 30 + CULL_EVERY
    assert files(tmp_path) < 30 + CULL_EVERY
    assert cache.get(f"key-{5 * CULL_EVERY - 1}") == 5 * CULL_EVERY - 1  # the newest entry is kept
