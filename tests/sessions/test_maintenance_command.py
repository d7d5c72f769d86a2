"""``manage.py cookielab_sessions`` on real rows and a real Redis."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.cache import SessionStore as CacheStore
from django.contrib.sessions.backends.cached_db import SessionStore as CachedDatabaseStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from cookielab.models import PageViewCounter
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
    assert "Session engine: cookielab.sessions.backends.db (built on Django's db: counted and purged like it)" in out
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


def test_purge_with_a_cache_engine_has_no_sessions_to_delete(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    out, _ = sessions_command("purge-expired")
    assert "No sessions to purge" in out
    assert "Deleted 0 expired page-view counters." in out


def make_counters(expired: int, valid: int) -> None:
    now = timezone.now()
    PageViewCounter.objects.bulk_create(
        [
            PageViewCounter(
                session_digest=f"{n:064x}", views=1, expire_date=now + timedelta(hours=-1 if n < expired else 1)
            )
            for n in range(expired + valid)
        ]
    )


@pytest.mark.parametrize("engine", ["db", "cache", "file"])
def test_purge_expired_deletes_the_counters_of_expired_sessions_whatever_the_engine(settings, engine, tmp_path):
    """Issue #17: counter rows never expired, and clearsessions does not know them."""
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine}"
    settings.SESSION_FILE_PATH = str(tmp_path)
    make_counters(expired=25, valid=3)
    out, _ = sessions_command("purge-expired", "--dry-run")
    assert "Dry run: 25 expired page-view counters would be deleted." in out
    assert PageViewCounter.objects.count() == 28
    out, _ = sessions_command("purge-expired", "--batch-size", "10")
    assert "Deleted 25 expired page-view counters." in out
    assert PageViewCounter.objects.count() == 3 and not PageViewCounter.objects.expired().exists()


def test_stats_count_the_counter_rows():
    make_counters(expired=2, valid=1)
    out, _ = sessions_command("stats")
    assert "Page-view counters, table cookielab_pageviewcounter: 3 rows, 2 expired" in out


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


# ---- engines built on Django's: the class decides, not the dotted path ----

SITE_ENGINE = "cookielab.sessions.backends.cached_db"
RENAMED_ENGINE = "tests.support.engines.renamed"
OPAQUE_ENGINE = "tests.support.engines.opaque"


def saved_session(engine: str, settings, **data) -> str:
    settings.SESSION_ENGINE = engine
    from cookielab.core.session_stores import store_class_of

    store = store_class_of(engine)()
    store.update(data)
    store.save()
    return store.session_key


SIGNED_COOKIES = "django.contrib.sessions.backends.signed_cookies"


def signed_cookie_session(data: dict) -> str:
    """A session cookie value exactly as the signed_cookies engine sends it."""
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_stats_treat_the_sites_own_engine_as_cached_db(redis_cache, settings):
    saved_session(SITE_ENGINE, settings, n=1)
    saved_session(SITE_ENGINE, settings, n=2)
    make_sessions(3, expired=True)
    out, _ = sessions_command("stats")
    assert f"Session engine: {SITE_ENGINE} (built on Django's cached_db: counted and purged like it)" in out
    assert "Database table django_session: 5 rows, 3 expired" in out
    assert "Redis (cache 'default'): 2 session keys (cache: 0, cached_db: 2)" in out


def test_stats_count_the_keys_of_a_subclass_with_a_prefix_of_its_own(redis_cache, settings):
    saved_session("django.contrib.sessions.backends.cached_db", settings, n=0)
    saved_session(RENAMED_ENGINE, settings, n=1)
    out, _ = sessions_command("stats")
    assert f"Redis (cache 'default'): 2 session keys (cache: 0, cached_db: 1, {RENAMED_ENGINE}: 1)" in out


def test_inspect_a_session_of_the_sites_own_engine_in_both_layers(redis_cache, settings):
    key = saved_session(SITE_ENGINE, settings, colour="green")
    out, _ = sessions_command("inspect", key)
    assert "Where: database table django_session" in out
    assert f"Where: cache 'default', key {redis_cache_prefix(settings)}:1:django.contrib.sessions.cached_db{key}" in out
    assert out.count('"colour": "green"') == 2


def test_inspect_decodes_a_renamed_subclass_with_its_own_salt(settings):
    key = saved_session(RENAMED_ENGINE, settings, colour="teal")
    assert Session.objects.get(session_key=key).get_decoded() == {}  # Django's Session salts differently
    out, _ = sessions_command("inspect", key)
    assert out.count('"colour": "teal"') == 2  # the row and the (locmem) cache entry


def test_purge_expired_with_the_sites_own_engine_deletes_rows_and_leaves_redis_to_its_ttls(redis_cache, settings):
    live = saved_session(SITE_ENGINE, settings, n=1)
    make_sessions(4, expired=True)
    out, _ = sessions_command("purge-expired")
    assert "Deleted 4 expired sessions." in out
    assert "expires with its own TTL" in out
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]


def test_an_engine_built_on_none_of_djangos_is_named_and_not_guessed_at(settings):
    key = saved_session(OPAQUE_ENGINE, settings, colour="grey")
    out, _ = sessions_command("stats")
    assert f"Session engine: {OPAQUE_ENGINE} (built on none of Django's engines" in out
    out, _ = sessions_command("inspect", key)
    assert f"Where: session engine {OPAQUE_ENGINE}" in out and '"colour": "grey"' in out
    with pytest.raises(CommandError, match="has no clear_expired"):
        sessions_command("purge-expired")


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
