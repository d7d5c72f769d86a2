"""Lesson "Session timeout" and its timeouts module: lifetimes, the absolute limit, clean-up, Redis TTLs.

Time is controlled (timezone.now patched, stored expiries set), never waited for.
"""

from __future__ import annotations

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from cookielab.lessons.sessions.session_timeout import timeouts
from cookielab.models import PageViewCounter
from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import addresses_outside_the_mount

pytestmark = pytest.mark.django_db

URL = "/lessons/session-timeout/"
LIFETIME = URL + "lifetime/"
CLEANUP = URL + "cleanup/"
REDIS_KEY = URL + "redis-key/"


def at(moment):
    return mock.patch("django.utils.timezone.now", return_value=moment)


@pytest.fixture
def frozen():
    return timezone.now().replace(microsecond=0)


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:session-timeout") == URL
    assert reverse("cookielab:session-timeout-lifetime") == LIFETIME
    assert reverse("cookielab:session-timeout-cleanup") == CLEANUP
    assert reverse("cookielab:session-timeout-redis-key") == REDIS_KEY


# ---- the timeouts module on a real database session ----


def test_an_empty_session_is_neither_stamped_nor_saved():
    session = SessionStore()
    assert timeouts.enforce_absolute_timeout(session) is False
    assert session.is_empty() and not session.modified


def test_a_session_with_data_is_stamped_then_flushed_past_the_limit(frozen, settings):
    settings.COOKIELAB_SESSION_ABSOLUTE_TIMEOUT = 3600
    session = SessionStore()
    session["cart"] = ["pear"]
    with at(frozen):
        assert timeouts.enforce_absolute_timeout(session) is False
        session.save()
    assert timeouts.session_started_at(session) == frozen
    key = session.session_key
    with at(frozen + timedelta(minutes=59)):
        assert timeouts.enforce_absolute_timeout(session) is False
    with at(frozen + timedelta(minutes=61)):
        assert timeouts.enforce_absolute_timeout(session) is True
    assert session.is_empty()
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.parametrize("garbage", ["yesterday", 12345, None])
def test_a_broken_stamp_is_replaced_not_trusted(frozen, garbage):
    session = SessionStore()
    session["x"] = 1
    session[timeouts.STARTED_AT_KEY] = garbage
    with at(frozen):
        assert timeouts.enforce_absolute_timeout(session) is False
    assert timeouts.session_started_at(session) == frozen


def test_the_default_absolute_limit_is_eight_hours():
    assert timeouts.absolute_limit() == timedelta(hours=8)


# ---- the lesson page ----


def test_a_short_lifetime_is_stored_and_counted_down(client, frozen):
    with at(frozen):
        response = client.post(LIFETIME, {"seconds": "30"})
    assert response.status_code == 303
    assert response["Location"] == URL + "#countdown-box"
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == 30
    row = Session.objects.get(session_key=cookie.value)
    assert row.expire_date == frozen + timedelta(seconds=30)
    with at(frozen + timedelta(seconds=10)):
        page = soup(client.get(URL))
    countdown = page.select_one("#countdown")
    assert countdown["data-seconds-left"] == "20"
    assert countdown["data-expires-at"] == row.expire_date.isoformat()
    assert text(countdown.select_one(".countdown-value")) == "20 s left"


def test_the_session_is_gone_once_the_lifetime_has_passed(client, frozen):
    with at(frozen):
        client.post(LIFETIME, {"seconds": "5"})
    with at(frozen + timedelta(seconds=6)):
        page = soup(client.get(URL))
    assert text(page.select_one("#inspector-exists")) == "no"
    assert "does not know" in text(page.select_one("#inspector-rejected"))


def test_zero_means_until_the_browser_closes(client):
    response = client.post(LIFETIME, {"seconds": "0"})
    cookie = response.cookies["sessionid"]
    assert cookie["max-age"] == "" and cookie["expires"] == ""
    page = soup(client.get(URL))
    assert "until the browser closes" in text(page.select_one("#countdown"))
    assert page.select_one("#countdown").get("data-seconds-left") is None


@pytest.mark.parametrize(
    ("seconds", "message"),
    [
        ("-5", "cannot be negative"),
        ("999999999999999999999", "At most 86400 seconds"),
        ("abc", "Whole seconds only"),
        ("1e400", "Whole seconds only"),
        ("30; Path=/", "Whole seconds only"),
        ("", "Give a number of seconds"),
    ],
)
def test_bad_lifetimes_get_a_clear_message_and_change_nothing(client, seconds, message):
    client.post(LIFETIME, {"seconds": "60"})
    key = client.cookies["sessionid"].value
    before = Session.objects.get(session_key=key).expire_date
    response = client.post(LIFETIME, {"seconds": seconds})
    assert response.status_code == 200
    page = soup(response)
    assert message in text(page.select_one("#seconds-error"))
    assert page.select_one("#id_seconds")["aria-invalid"] == "true"
    assert "seconds-error" in page.select_one("#id_seconds")["aria-describedby"]
    assert Session.objects.get(session_key=key).expire_date == before
    assert "sessionid" not in response.cookies


def test_each_action_has_its_own_address_and_the_page_takes_no_post(client):
    page = soup(client.get(URL))
    assert page.select_one(f"form[action='{LIFETIME}#lifetime-form'] #set-lifetime") is not None
    assert client.post(URL, {"seconds": "30"}).status_code == 405
    assert "sessionid" not in client.cookies
    assert client.get(LIFETIME).status_code == 405


def test_a_session_past_the_absolute_limit_is_ended_on_the_page(client, frozen):
    with at(frozen):
        client.post(LIFETIME, {"seconds": "86400"})
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=frozen + timedelta(days=30))
    with at(frozen + timedelta(hours=8, minutes=1)):
        response = client.get(URL)
    assert response.status_code == 200
    assert "older than the absolute limit" in text(soup(response).select_one("#absolute-timeout-notice"))
    assert not Session.objects.filter(session_key=key).exists()
    assert response.cookies["sessionid"]["max-age"] == 0


def make_rows(expired: int, alive: int) -> None:
    now = timezone.now()
    for index in range(expired):
        Session.objects.create(session_key=f"expired{index:025d}", session_data="e30", expire_date=now - timedelta(1))
    for index in range(alive):
        Session.objects.create(session_key=f"alive{index:027d}", session_data="e30", expire_date=now + timedelta(1))


def test_clearsessions_removes_only_expired_rows(client, settings):
    settings.COOKIELAB_SESSION_CLEANUP_DEMO = True
    make_rows(expired=3, alive=2)
    assert text(soup(client.get(URL)).select_one("#expired-count")) == "3"
    response = client.post(CLEANUP)
    assert response.status_code == 303
    assert response["Location"] == URL + "?removed=3#cleanup-result"
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("#cleanup-result")) == "Removed 3 expired session rows."
    assert text(page.select_one("#expired-count")) == "0"
    assert Session.objects.count() == 2


def test_clean_up_also_removes_the_counters_of_expired_sessions(client, settings):
    """Issue #17: clearsessions knows only sessions; the lesson's clean-up deletes expired counters too."""
    settings.COOKIELAB_SESSION_CLEANUP_DEMO = True
    now = timezone.now()
    PageViewCounter.objects.create(session_digest="a" * 64, views=3, expire_date=now - timedelta(seconds=1))
    PageViewCounter.objects.create(session_digest="b" * 64, views=4, expire_date=now + timedelta(hours=1))
    assert client.post(CLEANUP).status_code == 303
    assert list(PageViewCounter.objects.values_list("views", flat=True)) == [4]


def test_clean_up_is_refused_when_the_switch_is_off(client, settings):
    settings.COOKIELAB_SESSION_CLEANUP_DEMO = False
    make_rows(expired=2, alive=0)
    page = soup(client.get(URL))
    assert "off on this site" in text(page.select_one("#cleanup-off"))
    assert page.select_one("#run-cleanup") is None
    response = client.post(CLEANUP)
    assert response.status_code == 400
    assert "off on this site" in text(soup(response).select_one("#cleanup-error"))
    assert Session.objects.count() == 2


def test_engines_without_rows_say_so(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert "keeps no database rows" in text(soup(client.get(URL)).select_one("#cleanup-status"))


def test_without_redis_the_ttl_demo_says_how_to_enable_it(client):
    assert "REDIS_URL=redis://127.0.0.1:6379/1" in text(soup(client.get(URL)).select_one("#redis-off"))


@pytest.mark.redis
def test_a_redis_key_expires_by_its_ttl_read_from_redis(client, redis_cache):
    response = client.post(REDIS_KEY)
    assert response.status_code == 303
    redis = redis_cache.client()
    [key] = [k.decode() for k in redis.scan_iter("*cookielab:ttl-demo:*")]
    assert 0 < redis.ttl(key) <= 30
    redis.expire(key, 7)
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("#redis-key-name")) == key
    assert page.select_one("#redis-ttl-value")["data-seconds-left"] in {"7", "6"}
    redis.delete(key)  # what Redis does itself when the TTL runs out
    page = soup(client.get(response["Location"]))
    assert "gone" in text(page.select_one("#redis-ttl-value"))


@pytest.mark.redis
def test_a_forged_redis_demo_key_is_ignored(client, redis_cache):
    page = soup(client.get(URL, {"redis_key": "../../*"}))
    assert page.select_one("#redis-key-name") is None


def test_signed_cookie_sites_are_told_set_expiry_does_not_bind_the_server(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    response = client.post(LIFETIME, {"seconds": "30"})
    assert response.cookies["sessionid"]["max-age"] == 30
    assert "outlives the lifetime" in text(soup(client.get(URL)).select_one("#signed-cookies-expiry"))


@pytest.mark.django_db
def test_the_expired_count_stops_at_its_limit_and_the_page_says_more_than(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    past = timezone.now() - timedelta(days=1)
    Session.objects.bulk_create(
        Session(session_key=f"expired{i:025d}", session_data="", expire_date=past) for i in range(6)
    )
    assert timeouts.expired_session_count(limit=4) == 5
    assert timeouts.expired_session_count() == 6
    settings.COOKIELAB_SESSION_CLEANUP_DEMO = True
    with mock.patch.object(timeouts, "EXPIRED_COUNT_LIMIT", 4):
        assert timeouts.expired_session_count() == 5
        page = soup(client.get(reverse("cookielab:session-timeout")))
    assert text(page.select_one("#expired-count")) == "more than 4"
    assert timeouts.clear_expired_sessions() == 6


def test_without_redis_the_redis_key_action_says_how_to_enable_it(client):
    response = client.post(REDIS_KEY)
    assert response.status_code == 400
    assert "REDIS_URL=redis://127.0.0.1:6379/1" in text(soup(response).select_one("#redis-key-error"))


@pytest.mark.parametrize("removed", ["9" * 5000, "-1", "²", "<b>3</b>"])
def test_a_forged_removed_count_is_not_shown(client, settings, removed):
    settings.COOKIELAB_SESSION_CLEANUP_DEMO = True
    response = client.get(URL, {"removed": removed})
    assert response.status_code == 200
    assert soup(response).select_one("#cleanup-result") is None


@pytest.mark.urls("tests.support.mounted_urls")
def test_every_address_stays_under_the_mount_point(client):
    assert addresses_outside_the_mount(client, URL) == []
