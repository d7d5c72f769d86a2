from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from sessionsdemo.env import dev_secret_key
from sessionsdemo.env import env_bool
from sessionsdemo.env import parse_database_url
from sessionsdemo.env import session_engine


@pytest.mark.parametrize(
    ("url", "expected_name"),
    [
        ("sqlite:///db.sqlite3", Path("/proj/db.sqlite3")),
        ("sqlite:////tmp/lab.sqlite3", Path("/tmp/lab.sqlite3")),
    ],
)
def test_sqlite_urls(url, expected_name):
    database = parse_database_url(url, Path("/proj"))
    assert database["ENGINE"] == "sessionsdemo.sqlite"
    assert database["NAME"] == expected_name
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


def test_postgres_url():
    database = parse_database_url("postgres://lab:p%40ss@db.example:5433/cookies?sslmode=require", Path("/"))
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert (database["NAME"], database["USER"], database["PASSWORD"]) == ("cookies", "lab", "p@ss")
    assert (database["HOST"], database["PORT"]) == ("db.example", "5433")
    assert database["OPTIONS"] == {"sslmode": "require"}


@pytest.mark.parametrize("url", ["mysql://x/y", "postgres://host/", "sqlite:///"])
def test_bad_database_urls_say_what_to_write(url):
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        parse_database_url(url, Path("/"))


def test_session_engine_short_and_dotted_names():
    assert session_engine("cached_db") == "django.contrib.sessions.backends.cached_db"
    assert session_engine("redis") == "cookielab.sessions.backends.redis"
    assert session_engine("myapp.sessions") == "myapp.sessions"
    with pytest.raises(ImproperlyConfigured, match="use one of db, cache"):
        session_engine("memcached")


def test_env_bool(monkeypatch):
    monkeypatch.setenv("FLAG", "0")
    assert env_bool("FLAG", True) is False
    monkeypatch.setenv("FLAG", "yes")
    assert env_bool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be 0 or 1"):
        env_bool("FLAG", False)


def test_dev_secret_key_is_made_once(tmp_path):
    path = tmp_path / ".secret_key"
    first = dev_secret_key(path)
    assert len(first) >= 50
    assert dev_secret_key(path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"
