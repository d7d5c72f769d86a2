"""The million-session step of `make bench`: bytes per session and speed with a full table.

`run_scale` runs this module in a child process configured like the site (a SQLite file of its
own and the run's own redis-server), which prints its findings as JSON.
"""

from __future__ import annotations

import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from datetime import timedelta

from bench.report import markdown_table
from bench.servers import ROOT

SAMPLES = 30


def run_scale(environment, sessions: int) -> str:
    env = environment.env_for("db-sqlite")
    env["DATABASE_URL"] = f"sqlite:///{environment.workdir / 'scale.sqlite3'}"
    if environment.redis_url:
        env["REDIS_URL"] = environment.redis_url
        env["CACHE_KEY_PREFIX"] = "bench-scale"
        env["SESSION_ENGINE"] = "db"
    done = subprocess.run(
        [sys.executable, "-m", "bench.scale", str(sessions)], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        return f"## A million sessions\n\nThe scale step failed:\n\n```\n{done.stderr[-3000:]}\n```"
    found = json.loads(done.stdout.strip().splitlines()[-1])
    lines = [
        f"## {found['sessions']:,} sessions",
        "",
        f"- SQLite: **{found['sqlite_bytes_per_session']:.0f} bytes** of database file per stored session.",
    ]
    if found.get("redis_bytes_per_session") is not None:
        lines.append(f"- Redis: **{found['redis_bytes_per_session']:.0f} bytes** of memory per stored session.")
    lines += [
        f"- Deleting {found['expired']:,} expired rows (what `clearsessions` does): "
        f"**{found['cleanup_seconds']:.1f} s**.",
        "",
        "Server time per page (median of "
        f"{SAMPLES} requests through Django's test client), with 10 sessions stored and with {found['sessions']:,}:",
        "",
        markdown_table(
            ["page", "p50 ms, 10 sessions", f"p50 ms, {found['sessions']:,}", "ratio"],
            [
                [f"`{page}`", f"{small:.2f}", f"{large:.2f}", f"{large / small:.2f}"]
                for page, small, large in found["pages"]
            ],
        ),
    ]
    return "\n".join(lines)


def _median_ms(client, path: str) -> float:
    timings = []
    for _ in range(SAMPLES):
        started = time.perf_counter()
        response = client.get(path)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
    return statistics.median(timings)


def _pages(client) -> list[str]:
    from django.contrib import admin
    from django.contrib.sessions.models import Session
    from django.urls import reverse

    from cookielab.lessons import LESSONS

    pages = [lesson.get_absolute_url() for lesson in LESSONS]
    if admin.site.is_registered(Session):
        pages.append(reverse("admin:sessions_session_changelist"))
    return pages


def _worker(sessions: int) -> dict:
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    user = get_user_model().objects.create_superuser("bench", "bench@example.invalid", secrets.token_urlsafe())
    client = Client()
    client.force_login(user)
    client.get("/counter/")
    for _ in range(8):
        Client().get("/counter/")
    pages = _pages(client)
    small = {page: _median_ms(client, page) for page in pages}

    path = settings.DATABASES["default"]["NAME"]
    connection.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size_before = os.path.getsize(path)
    data = SessionStore().encode({"page_views": 3})
    expired = timezone.now() - timedelta(days=1)
    remaining = sessions - 10
    with connection.cursor() as cursor:
        while remaining > 0:
            batch = min(50_000, remaining)
            cursor.executemany(
                "INSERT INTO django_session (session_key, session_data, expire_date) VALUES (%s, %s, %s)",
                [(secrets.token_hex(16), data, expired) for _ in range(batch)],
            )
            remaining -= batch
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    sqlite_bytes = (os.path.getsize(path) - size_before) / (sessions - 10)
    large = {page: _median_ms(client, page) for page in pages}

    started = time.perf_counter()
    SessionStore.clear_expired()
    cleanup = time.perf_counter() - started

    redis_bytes = None
    if os.environ.get("REDIS_URL"):
        from django.core.cache import caches

        cache = caches["default"]
        raw = cache.client.get_client()
        # The run's own Redis: earlier steps' keys would push a million past 2**20 and double its key table.
        raw.flushdb()
        before = raw.info("memory")["used_memory"]
        remaining = sessions
        while remaining > 0:
            batch = min(10_000, remaining)
            cache.set_many(
                {f"django.contrib.sessions.cache{secrets.token_hex(16)}": {"page_views": 3} for _ in range(batch)},
                timeout=settings.SESSION_COOKIE_AGE,
            )
            remaining -= batch
        redis_bytes = (raw.info("memory")["used_memory"] - before) / sessions
        raw.flushdb(asynchronous=True)  # freed in the background: a million keys outlast the client's 1 s timeout

    return {
        "sessions": sessions,
        "expired": sessions - 10,
        "sqlite_bytes_per_session": sqlite_bytes,
        "redis_bytes_per_session": redis_bytes,
        "cleanup_seconds": cleanup,
        "pages": [(page, small[page], large[page]) for page in pages],
    }


if __name__ == "__main__":
    print(json.dumps(_worker(int(sys.argv[1]))))
