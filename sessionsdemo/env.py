"""Read the site's configuration from environment variables.

Plain functions, so the rules (and their error messages) are tested on their own.
"""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qsl
from urllib.parse import unquote
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key

SESSION_ENGINES = {
    "db": "django.contrib.sessions.backends.db",
    "cache": "django.contrib.sessions.backends.cache",
    "cached_db": "django.contrib.sessions.backends.cached_db",
    "file": "django.contrib.sessions.backends.file",
    "signed_cookies": "django.contrib.sessions.backends.signed_cookies",
    "redis": "cookielab.sessions.backends.redis",
}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be 0 or 1, not {raw!r}.")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_database_url(url: str, base_dir: Path) -> dict:
    """Turn ``sqlite:///path`` or ``postgres://user:pass@host:port/name`` into DATABASES["default"].

    A relative SQLite path is taken from the project folder (``sqlite:///db.sqlite3``);
    an absolute one has four slashes (``sqlite:////tmp/lab.sqlite3``).
    """
    parts = urlsplit(url)
    options = dict(parse_qsl(parts.query))
    if parts.scheme == "sqlite":
        raw_path = unquote(parts.path)[1:] if parts.path.startswith("/") else parts.path
        if not raw_path:
            raise ImproperlyConfigured("DATABASE_URL sqlite:/// needs a file name, e.g. sqlite:///db.sqlite3")
        path = Path(raw_path)
        return sqlite_database(path if path.is_absolute() else base_dir / path)
    if parts.scheme in {"postgres", "postgresql", "pgsql"}:
        name = unquote(parts.path.lstrip("/"))
        if not name:
            raise ImproperlyConfigured("DATABASE_URL for PostgreSQL needs a database name: postgres://host/NAME")
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": name,
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL scheme {parts.scheme!r} is not supported: use sqlite:///path or postgres://…"
    )


def sqlite_database(path: Path) -> dict:
    # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock at BEGIN, so two
    # writers queue instead of failing with "database is locked", and the site's backend queues
    # them on a lock file rather than in SQLite's sleeping busy handler (sessionsdemo/sqlite).
    # Kept connections spare each request an open, the PRAGMAs, and the WAL checkpoint (an fsync)
    # that the last connection to close a WAL database runs: 20 ms a request with one client.
    return {
        "ENGINE": "sessionsdemo.sqlite",
        "NAME": path,
        "CONN_MAX_AGE": 600,
        # Django's default for SQLite, written out: pytest-django recognises only Django's engine name.
        "TEST": {"NAME": ":memory:"},
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


def session_engine(name: str) -> str:
    """Accept a short name (``db``, ``cache``…) or a dotted path to a session backend."""
    if name in SESSION_ENGINES:
        return SESSION_ENGINES[name]
    if name in SESSION_ENGINES.values() or ("." in name and not name.startswith(".")):
        return name
    choices = ", ".join(SESSION_ENGINES)
    raise ImproperlyConfigured(f"SESSION_ENGINE {name!r} is unknown: use one of {choices} or a dotted path.")


def dev_secret_key(path: Path) -> str:
    """A development key, made once and kept in a git-ignored file next to manage.py."""
    try:
        key = path.read_text().strip()
    except FileNotFoundError:
        key = ""
    if not key:
        key = get_random_secret_key()
        # Written whole or not at all: several processes (test workers, a server) may start at once.
        partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        partial.write_text(key + "\n")
        partial.chmod(0o600)
        partial.replace(path)
    return key
