"""Run a test against a real session store: a database row, a Redis key, a file or a signed cookie."""

from __future__ import annotations

import os
from datetime import datetime
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.file import SessionStore as FileSessionStore

from cookielab.core.session_stores import CACHE_ENGINES
from cookielab.core.session_stores import DB_ENGINES
from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import session_cache

ENGINE_NAMES = tuple(ENGINES)
SERVER_SIDE_ENGINES = ("db", "cache", "cached_db", "file")

# The two ways the site itself runs (sessionsdemo/settings.py): Cookie Lab's db engine by default, and
# with REDIS_URL set Cookie Lab's own resilient cached_db engine on a django-redis cache.
SITE_DEFAULT_ENGINE = "cookielab.sessions.backends.db"
SITE_ENGINE = "cookielab.sessions.backends.cached_db"
SITE_SETTINGS = ("default-db", "redis-cached_db")


def use_site_settings(name: str, request, settings) -> str:
    """Run as the site does by default (``default-db``) or with REDIS_URL set (``redis-cached_db``)."""
    if name == "redis-cached_db":
        request.getfixturevalue("redis_cache")
        settings.SESSION_ENGINE = SITE_ENGINE
    else:
        settings.SESSION_ENGINE = SITE_DEFAULT_ENGINE
    return name


def use_engine(name: str, request, settings, monkeypatch, tmp_path) -> str:
    """Switch SESSION_ENGINE to ``name``: Redis of the test's own for cache engines, files under tmp_path."""
    if name in CACHE_ENGINES:
        request.getfixturevalue("redis_cache")
    settings.SESSION_ENGINE = ENGINES[name]
    settings.SESSION_FILE_PATH = str(tmp_path)
    # The file engine caches its directory on the class; undoing the patch removes it again.
    monkeypatch.setattr(FileSessionStore, "_storage_path", str(tmp_path), raising=False)
    return name


def store_class(name: str):
    return import_module(ENGINES[name]).SessionStore


def redis_key(name: str, session_key: str) -> str:
    return str(session_cache().make_key(store_class(name).cache_key_prefix + session_key))


def age_stored_session(name: str, session_key: str, redis_client, seconds_left: int) -> None:
    """Make the store say this session expires ``seconds_left`` from now (as if saved a while ago)."""
    now = datetime.now().astimezone()
    if name in DB_ENGINES:
        model = store_class(name).get_model_class()
        model.objects.filter(session_key=session_key).update(expire_date=now + timedelta(seconds=seconds_left))
    if name in CACHE_ENGINES:
        redis_client.expire(redis_key(name, session_key), seconds_left)
    if name == "file":
        path = store_class(name)(session_key)._key_to_file()
        modified = (now + timedelta(seconds=seconds_left - settings.SESSION_COOKIE_AGE)).timestamp()
        os.utime(path, (modified, modified))
