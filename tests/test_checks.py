"""Each Cookie Lab system check fires on the setting it is about, and stays quiet on the site's own."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import Error
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

from bench.servers import free_port
from cookielab import checks
from tests.support.html import soup
from tests.support.redis_server import RedisServer

ROOT = Path(__file__).resolve().parents[1]

SESSIONS_APP = "django.contrib.sessions"
SESSION_MIDDLEWARE = next(m for m in settings.MIDDLEWARE if m.endswith(".SessionMiddleware"))  # the site's own
WIRE_TAP = "cookielab.core.middleware.WireTapMiddleware"


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def redis_cache_at(url: str) -> dict:
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        }
    }


def test_the_sites_settings_pass_every_check():
    call_command("check", tags=["cookielab"])


def test_e001_sessions_app_missing():
    apps_without = [app for app in settings.INSTALLED_APPS if app not in {SESSIONS_APP, "django.contrib.admin"}]
    with override_settings(INSTALLED_APPS=apps_without):
        assert ids(checks.check_sessions_app(app_configs=None)) == ["cookielab.E001"]


def test_e002_session_middleware_missing():
    with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != SESSION_MIDDLEWARE]):
        assert ids(checks.check_session_middleware(app_configs=None)) == ["cookielab.E002"]


def test_e002_accepts_a_subclass_of_session_middleware():
    with override_settings(MIDDLEWARE=["tests.support.checks.HostSessionMiddleware"]):
        assert checks.check_session_middleware(app_configs=None) == []


def test_e003_request_context_processor_missing():
    engine = settings.TEMPLATES[0]
    processors = [p for p in engine["OPTIONS"]["context_processors"] if not p.endswith(".request")]
    with override_settings(TEMPLATES=[{**engine, "OPTIONS": {**engine["OPTIONS"], "context_processors": processors}}]):
        assert ids(checks.check_request_context_processor(app_configs=None)) == ["cookielab.E003"]


@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_w005_session_cache_refuses_connections(engine):
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(
        SESSION_ENGINE=f"django.contrib.sessions.backends.{engine}", CACHES=redis_cache_at(nobody_listens)
    ):
        [warning] = checks.check_session_cache(app_configs=None)
    assert warning.id == "cookielab.W005" and not warning.is_serious()  # a warning never stops migrate
    assert "not reachable" in warning.msg and "ConnectionError" in warning.msg


@pytest.mark.redis
def test_w005_a_frozen_cache_server_warns_instead_of_hanging_the_check():
    frozen = RedisServer().start()
    try:
        frozen.pause()
        # django-redis keeps one connection pool per URL for the whole process, and an earlier test
        # may have left one (with its 1 s socket timeout) for a server that had this port: a URL
        # of its own gets a pool with no socket timeouts, so only the probe can bound the wait.
        cache = redis_cache_at(f"{frozen.url}?client_name=w005-{uuid.uuid4().hex}")
        cache["default"]["OPTIONS"] = {}
        with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cache", CACHES=cache):
            [warning] = checks.check_session_cache(app_configs=None)
        assert warning.id == "cookielab.W005"
        assert "did not answer within" in warning.msg
    finally:
        frozen.stop()


def test_e004_session_cache_alias_missing():
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cache", SESSION_CACHE_ALIAS="sessions"):
        [error] = checks.check_session_cache(app_configs=None)
    assert error.id == "cookielab.E004"
    assert "no such alias" in error.msg


def test_e004_is_quiet_when_the_cache_answers(redis_cache):
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):
        assert checks.check_session_cache(app_configs=None) == []


def test_e004_ignores_engines_that_do_not_use_a_cache():
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(SESSION_ENGINE="django.contrib.sessions.backends.db", CACHES=redis_cache_at(nobody_listens)):
        assert checks.check_session_cache(app_configs=None) == []


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("COOKIELAB_DEMO_LOGIN", "yes"),
        ("COOKIELAB_WIRE_HISTORY", 0),
        ("COOKIELAB_WIRE_TTL", True),
        ("COOKIELAB_WIRE_COOKIE_NAME", ""),
        ("COOKIELAB_WORKBENCH_MAX_COOKIES", "20"),
    ],
)
def test_e005_setting_of_the_wrong_type(setting, value):
    with override_settings(**{setting: value}):
        [error] = checks.check_cookielab_settings(app_configs=None)
    assert error.id == "cookielab.E005"
    assert error.msg.startswith(f"{setting} is {value!r}")


def test_e005_accepts_the_documented_values():
    with override_settings(COOKIELAB_DEMO_LOGIN=None, COOKIELAB_URL_SESSIONS_DEMO=False, COOKIELAB_WIRE_HISTORY=3):
        assert checks.check_cookielab_settings(app_configs=None) == []


def test_e006_wire_cache_alias_missing():
    with override_settings(COOKIELAB_WIRE_CACHE="wire"):
        assert ids(checks.check_cookielab_settings(app_configs=None)) == ["cookielab.E006"]


def test_w001_session_serializer_not_json():
    with override_settings(SESSION_SERIALIZER="tests.support.checks.PickleSerializer"):
        assert ids(checks.check_session_serializer(app_configs=None)) == ["cookielab.W001"]


def test_w002_wire_tap_below_session_middleware():
    order = [m for m in settings.MIDDLEWARE if m != WIRE_TAP]
    order.insert(order.index(SESSION_MIDDLEWARE) + 1, WIRE_TAP)
    with override_settings(MIDDLEWARE=order):
        assert ids(checks.check_wire_tap_order(app_configs=None)) == ["cookielab.W002"]


def test_w002_is_quiet_without_the_wire_tap():
    with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != WIRE_TAP]):
        assert checks.check_wire_tap_order(app_configs=None) == []


DUMMY_CACHE = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}


@pytest.mark.django_db
def test_w004_the_wire_panel_on_a_dummy_cache_would_stay_empty(client):
    page = "/lessons/http-is-stateless/"
    with override_settings(CACHES={"default": DUMMY_CACHE}):
        [warning] = checks.check_wire_cache_keeps_data(app_configs=None)
        assert warning.id == "cookielab.W004" and "'default'" in warning.msg
        client.get(page)
        # What the warning is about: the page's own request shows, but nothing earlier was kept.
        assert soup(client.get(page)).select("#wire .wire-earlier") == []
    client.get(page)
    assert soup(client.get(page)).select("#wire .wire-earlier")  # a cache that keeps data


def test_w004_names_the_wire_cache_alias_and_is_quiet_otherwise():
    caches = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}, "void": DUMMY_CACHE}
    with override_settings(CACHES=caches, COOKIELAB_WIRE_CACHE="void"):
        assert "'void'" in checks.check_wire_cache_keeps_data(app_configs=None)[0].msg
    with override_settings(CACHES=caches):
        assert checks.check_wire_cache_keeps_data(app_configs=None) == []
    with override_settings(
        CACHES={"default": DUMMY_CACHE}, MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != WIRE_TAP]
    ):
        assert checks.check_wire_cache_keeps_data(app_configs=None) == []  # no panel, nothing to warn about


def test_w003_unknown_cookielab_setting():
    with override_settings(COOKIELAB_DEMO_LOGINN=True):
        messages = checks.check_cookielab_settings(app_configs=None)
    assert ids(messages) == ["cookielab.W003"]
    assert "COOKIELAB_DEMO_LOGINN" in messages[0].msg


def test_manage_py_check_reports_errors_by_id():
    with (
        override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != SESSION_MIDDLEWARE]),
        pytest.raises(SystemCheckError, match=r"cookielab\.E002"),
    ):
        call_command("check")


def test_every_check_id_is_documented():

    docs = (ROOT / "docs" / "install.md").read_text()
    for check_id in [f"cookielab.E00{n}" for n in range(1, 7)] + [f"cookielab.W00{n}" for n in range(1, 9)]:
        assert f"`{check_id}`" in docs, check_id


def test_checks_return_django_messages():
    with override_settings(MIDDLEWARE=[]):
        [error] = checks.check_session_middleware(app_configs=None)
    assert isinstance(error, Error)
    assert error.hint


def test_migrate_and_the_maintenance_command_run_while_the_session_cache_is_down(tmp_path):
    """Issue #17: a cache that is down is a warning; the tools that do not need it still start."""
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    env = {
        **os.environ,
        "REDIS_URL": nobody_listens,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_DEBUG": "1",
    }

    def manage(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )

    for command in (["migrate", "--noinput"], ["check"]):
        done = manage(*command)
        assert done.returncode == 0, done.stderr
        assert "cookielab.W005" in done.stderr
    stats = manage("cookielab_sessions", "stats")  # what the database holds, then what could not be asked
    assert "Database table django_session: 0 rows, 0 expired" in stats.stdout
    assert "Cache 'default' did not answer: ConnectionError" in stats.stderr


@pytest.mark.parametrize(
    ("backend", "warned"),
    [
        ("django.core.cache.backends.locmem.LocMemCache", True),
        ("django.core.cache.backends.filebased.FileBasedCache", False),
    ],
)
def test_w006_a_per_process_cache_is_flagged(backend, warned, tmp_path):
    caches = {"default": {"BACKEND": backend, "LOCATION": str(tmp_path)}}
    with override_settings(CACHES=caches, SESSION_ENGINE="django.contrib.sessions.backends.db"):
        messages = checks.check_shared_cache(app_configs=None)
    assert [message.id for message in messages] == (["cookielab.W006"] if warned else [])


def test_w005_w006_classroom_mode_without_its_middleware_or_a_teacher_key():
    classroom = "cookielab.classroom.middleware.ClassroomMiddleware"
    with override_settings(COOKIELAB_CLASSROOM=True, COOKIELAB_TEACHER_KEY="k" * 32):
        assert checks.check_classroom(app_configs=None) == []
        with override_settings(MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != classroom]):
            assert ids(checks.check_classroom(app_configs=None)) == ["cookielab.W007"]
    with override_settings(COOKIELAB_CLASSROOM=True, COOKIELAB_TEACHER_KEY=None):
        assert ids(checks.check_classroom(app_configs=None)) == ["cookielab.W008"]
    with override_settings(COOKIELAB_CLASSROOM=False, MIDDLEWARE=[]):
        assert checks.check_classroom(app_configs=None) == []


@pytest.mark.parametrize(("key", "valid"), [(None, True), ("k" * 16, True), ("short", False), (12345, False)])
def test_e005_a_teacher_key_is_none_or_a_long_secret(key, valid):
    with override_settings(COOKIELAB_TEACHER_KEY=key):
        messages = checks.check_cookielab_settings(app_configs=None)
    assert ids(messages) == ([] if valid else ["cookielab.E005"])
