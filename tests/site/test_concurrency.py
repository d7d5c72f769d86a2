"""Many browsers at once against the site in its own process (loopback only): not one 5xx.

The site runs as it does for a student (``runserver``, a SQLite file), not in pytest-django's
live server, whose request threads share one in-memory SQLite connection.
"""

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
from tests.support.sessions_flow import SiteServer

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


@pytest.fixture
def site(tmp_path):
    server = SiteServer(tmp_path).start()
    yield server
    server.stop()


def test_many_browsers_at_once_get_no_server_errors(site):
    paths = pages()
    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        results = list(pool.map(lambda worker: browse(site.url, paths, worker), range(THREADS)))
    visits = [visit for result in results for visit in result]
    assert len(visits) == THREADS * REQUESTS_PER_THREAD
    errors = [visit for visit in visits if visit[1] >= 500]
    assert errors == []
    assert {status for _path, status in visits} == {200}
