"""``manage.py cookielab_sessions`` on real rows and a real Redis."""

from __future__ import annotations

import io

import pytest
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.support.sessions import make_sessions

pytestmark = pytest.mark.django_db


def sessions_command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("cookielab_sessions", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_stats_counts_rows_and_expired_rows():
    make_sessions(7, expired=False)
    make_sessions(3, expired=True)
    out, _ = sessions_command("stats")
    assert "Session engine: django.contrib.sessions.backends.db" in out
    assert "Database table django_session: 10 rows, 3 expired" in out
    assert "not Redis" in out


def test_stats_counts_redis_session_keys_and_their_memory(redis_cache, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    for n in range(4):
        store = CacheStore()
        store["n"] = n
        store.save()
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    store = CachedDatabaseStore()
    store["n"] = 99
    store.save()
    redis_cache.client().set("unrelated", "x")  # not a session: never counted
    out, _ = sessions_command("stats")
    assert "Redis (cache 'default'): 5 session keys (cache: 4, cached_db: 1)" in out
    assert "MEMORY USAGE of 5 sampled keys" in out
    assert "Database table django_session: 1 rows, 0 expired" in out


def test_inspect_shows_decoded_data_expiry_and_place():
    [key] = make_sessions(1, expired=False, data={"cart": ["tea"], "note": "<b>"})
    out, _ = sessions_command("inspect", key)
    assert "Where: database table django_session" in out
    assert "(valid)" in out
    assert '"cart": [\n    "tea"\n  ]' in out and '"note": "<b>"' in out


def test_inspect_a_redis_session(redis_cache, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    store = CacheStore()
    store["colour"] = "blue"
    store.save()
    out, _ = sessions_command("inspect", store.session_key)
    assert f"Where: cache 'default', key {redis_cache_prefix(settings)}:1:django.contrib.sessions.cache" in out
    assert "(cache TTL)" in out and '"colour": "blue"' in out


def redis_cache_prefix(settings) -> str:
    return settings.CACHES["default"]["KEY_PREFIX"]


def test_inspect_a_missing_key_is_a_clear_error_with_exit_code_1():
    with pytest.raises(CommandError, match="No session with key 'nosuchkey12345678'") as raised:
        sessions_command("inspect", "nosuchkey12345678")
    assert raised.value.returncode == 1


@pytest.mark.parametrize("key", ["short", "x" * 5000, "abc;\r\ndefghij", "../../etc/passwd"])
def test_inspect_rejects_what_is_not_a_session_key(key):
    with pytest.raises(CommandError, match="does not look like a session key"):
        sessions_command("inspect", key)


def test_purge_expired_deletes_exactly_the_expired_rows_in_batches_with_progress():
    make_sessions(25_000, expired=True)
    valid = make_sessions(5, expired=False)
    out, err = sessions_command("purge-expired", "--batch-size", "10000")
    assert "Deleted 25000 expired sessions." in out
    lines = err.strip().splitlines()
    assert [line.split("] ")[1] for line in lines] == [" 40% 10000/25000", " 80% 20000/25000", "100% 25000/25000"]
    assert lines[-1].startswith("[" + "#" * 30 + "]")
    assert sorted(Session.objects.values_list("session_key", flat=True)) == sorted(valid)


def test_purge_dry_run_deletes_nothing():
    make_sessions(4, expired=True)
    out, _ = sessions_command("purge-expired", "--dry-run")
    assert "Dry run: 4 expired sessions would be deleted." in out
    assert Session.objects.count() == 4


def test_purge_with_a_cache_engine_has_nothing_to_do(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    out, _ = sessions_command("purge-expired")
    assert "Nothing to purge" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("purge-expired", "--batch-size", "0"), "--batch-size must be at least 1"),
        (("purge-expired", "--batch-size", "many"), "invalid int value"),
        (("frobnicate",), "invalid choice"),
        ((), "the following arguments are required"),
    ],
)
def test_bad_arguments_are_command_errors(args, message):
    with pytest.raises(CommandError, match=message):
        sessions_command(*args)


SIGNED_COOKIES = "django.contrib.sessions.backends.signed_cookies"


def signed_cookie_session(data: dict) -> str:
    """A session cookie value exactly as the signed_cookies engine sends it."""
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_inspect_decodes_a_signed_cookie_session(settings):
    settings.SESSION_ENGINE = SIGNED_COOKIES
    value = signed_cookie_session({"cart": ["tea"], "_auth_user_id": "7"})
    out, _ = sessions_command("inspect", value)
    assert "Where: the cookie itself, signed at" in out and "nothing is stored on the server" in out
    assert "Expires: " in out and "(signed at + SESSION_COOKIE_AGE)" in out
    assert '"_auth_user_id": "7"' in out and '"cart": [\n    "tea"\n  ]' in out


def test_inspect_refuses_a_tampered_or_foreign_signed_cookie(settings):
    settings.SESSION_ENGINE = SIGNED_COOKIES
    value = signed_cookie_session({"role": "user"})
    payload, timestamp, signature = value.split(":")
    tampered = f"{payload[:-2]}xx:{timestamp}:{signature}"
    with pytest.raises(CommandError, match="signature does not match") as raised:
        sessions_command("inspect", tampered)
    assert raised.value.returncode == 1
    with pytest.raises(CommandError, match="does not look like a signed_cookies session"):
        sessions_command("inspect", "abc;\r\ndef")


def test_inspect_says_when_a_signed_cookie_is_too_old(settings):
    settings.SESSION_ENGINE = SIGNED_COOKIES
    value = signed_cookie_session({"n": 1})
    settings.SESSION_COOKIE_AGE = -1  # the cookie is now older than the age Django accepts
    with pytest.raises(CommandError, match="older than SESSION_COOKIE_AGE"):
        sessions_command("inspect", value)


def test_purge_expired_says_signed_cookie_sessions_have_nothing_on_the_server(settings):
    settings.SESSION_ENGINE = SIGNED_COOKIES
    make_sessions(2, expired=True)  # left over from another engine: not this engine's to purge
    out, _ = sessions_command("purge-expired")
    assert "Nothing to purge" in out and "stores nothing on the server" in out
    assert "Cleared" not in out
    assert Session.objects.count() == 2
