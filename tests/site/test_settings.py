"""The site's settings read from the environment, checked in a fresh interpreter each time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup();"
    "print(json.dumps({'engine': settings.SESSION_ENGINE, 'cache': settings.CACHES['default']['BACKEND'],"
    " 'debug': settings.DEBUG, 'db': settings.DATABASES['default']['ENGINE'],"
    " 'secure': settings.SESSION_COOKIE_SECURE}))"
)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SESSION_ENGINE", "DATABASE_URL"}}
    clean.update({"DJANGO_SETTINGS_MODULE": "sessionsdemo.settings", **env})
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=clean, capture_output=True, text=True)


def settings_with(**env: str) -> dict:
    result = run_python(PRINT_SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_embedded_sqlite_and_db_sessions():
    current = settings_with(DJANGO_ENV="development")
    assert current["engine"] == "cookielab.sessions.backends.db"  # Django's table, without the ORM's queries
    assert current["db"] == "sessionsdemo.sqlite"
    assert current["cache"].endswith("LocMemCache")


def test_redis_url_switches_to_django_redis_and_the_resilient_cached_db():
    current = settings_with(REDIS_URL="redis://127.0.0.1:6399/3")
    assert current["cache"] == "django_redis.cache.RedisCache"
    assert current["engine"] == "cookielab.sessions.backends.cached_db"


def test_the_short_name_db_still_means_djangos_engine():
    assert settings_with(SESSION_ENGINE="db")["engine"] == "django.contrib.sessions.backends.db"


def test_the_short_name_cached_db_still_means_djangos_engine():
    current = settings_with(REDIS_URL="redis://127.0.0.1:6399/3", SESSION_ENGINE="cached_db")
    assert current["engine"] == "django.contrib.sessions.backends.cached_db"


def test_the_short_name_redis_is_cookie_labs_redis_engine_and_needs_redis_url():
    current = settings_with(REDIS_URL="redis://127.0.0.1:6399/3", SESSION_ENGINE="redis")
    assert current["engine"] == "cookielab.sessions.backends.redis"
    result = run_python(PRINT_SETTINGS, SESSION_ENGINE="redis")
    assert result.returncode != 0
    assert "set REDIS_URL too" in result.stderr


def test_session_engine_overrides_the_default():
    assert settings_with(SESSION_ENGINE="file")["engine"] == "django.contrib.sessions.backends.file"


def test_database_url_selects_postgresql():
    assert settings_with(DATABASE_URL="postgres://localhost/lab")["db"] == "django.db.backends.postgresql"


def test_debug_can_be_turned_off():
    assert settings_with(DJANGO_DEBUG="0")["debug"] is False


def test_production_refuses_to_start_without_a_secret_key():
    result = run_python(PRINT_SETTINGS, DJANGO_ENV="production", SECRET_KEY="")
    assert result.returncode != 0
    assert "needs SECRET_KEY" in result.stderr


def test_production_uses_https_only_cookies_and_no_debug():
    current = settings_with(DJANGO_ENV="production", SECRET_KEY="x" * 60, DJANGO_DEBUG="1")
    assert current["debug"] is False
    assert current["secure"] is True
