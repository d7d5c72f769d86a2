"""PostgreSQL works as DATABASE_URL: migrate and a session round trip in a database of the test's own."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.support.requirements import require

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("POSTGRES_TEST_URL", "postgres://postgres@127.0.0.1:5432/postgres")

ROUND_TRIP = """
import django; django.setup()
from django.test import Client
client = Client()
client.post("/lessons/what-is-a-session/check-in/", {"note": "a blue hat"})
from django.contrib.sessions.models import Session
row = Session.objects.get(session_key=client.cookies["sessionid"].value)
print(row.get_decoded()["coat_check"])
from cookielab.models import PageViewCounter
views = [client.get("/counter/atomic/", headers={"Accept": "application/json"}).json()["views"] for _ in range(2)]
counter = PageViewCounter.objects.get()
print("atomic", views, counter.expire_date == row.expire_date or abs(counter.expire_date - row.expire_date).seconds < 5)
from django.core.management import call_command
call_command("cookielab_sessions", "purge-expired")
"""


def postgres_admin():
    try:
        import psycopg

        return psycopg.connect(SERVER_URL.replace("postgres://", "postgresql://"), autocommit=True, connect_timeout=3)
    except Exception:
        return None


@pytest.fixture
def postgres_database():
    admin = postgres_admin()
    require(admin is not None, "PostgreSQL", f"start a server reachable at {SERVER_URL} or set POSTGRES_TEST_URL")
    name = f"cookielab_test_{uuid.uuid4().hex[:8]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = SERVER_URL.rpartition("/")
    yield f"{base}/{name}"
    admin.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.close()


def run(args: list[str], database_url: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SESSION_ENGINE"}}
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="sessionsdemo.settings", ALLOWED_HOSTS="testserver")
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_migrate_and_a_session_round_trip_on_postgresql(postgres_database):
    migrate = run(["manage.py", "migrate", "--noinput"], postgres_database)
    assert migrate.returncode == 0, migrate.stderr
    trip = run(["-c", ROUND_TRIP], postgres_database)
    assert trip.returncode == 0, trip.stderr
    assert "a blue hat" in trip.stdout
    # The counter's upsert (INSERT … ON CONFLICT … SET expire_date = excluded.expire_date) on PostgreSQL.
    assert "atomic [1, 2] True" in trip.stdout
    assert "Deleted 0 expired page-view counters." in trip.stdout
