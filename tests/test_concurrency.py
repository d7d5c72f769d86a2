"""Many browsers at once against a live server (loopback only): not one 5xx."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.error import HTTPError
from urllib.request import HTTPCookieProcessor
from urllib.request import build_opener

import pytest
from django.urls import Resolver404
from django.urls import resolve
from django.urls import reverse

from cookielab.lessons import LESSONS

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 16
REQUESTS_PER_THREAD = 25
ATOMIC_COUNTER = "/counter/atomic/"


def pages() -> list[str]:
    paths = [reverse("cookielab:index"), *[lesson.get_absolute_url() for lesson in LESSONS]]
    try:
        resolve(ATOMIC_COUNTER)
    except Resolver404:
        pass  # built by another part of the lab; covered once it exists
    else:
        paths.append(ATOMIC_COUNTER)
    return paths


def browse(base: str, paths: list[str], worker: int) -> list[tuple[str, int]]:
    """One browser (its own cookie jar) visiting pages in turn; returns (path, status) for each visit."""
    opener = build_opener(HTTPCookieProcessor(CookieJar()))
    seen = []
    for step in range(REQUESTS_PER_THREAD):
        path = paths[(worker + step) % len(paths)]
        try:
            with opener.open(base + path, timeout=30) as response:
                seen.append((path, response.status))
        except HTTPError as error:
            seen.append((path, error.code))
    return seen


def test_many_browsers_at_once_get_no_server_errors(live_server):
    paths = pages()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda worker: browse(live_server.url, paths, worker), range(THREADS)))
    visits = [visit for result in results for visit in result]
    assert len(visits) == THREADS * REQUESTS_PER_THREAD
    errors = [visit for visit in visits if visit[1] >= 500]
    assert errors == []
    assert {status for _path, status in visits} == {200}
