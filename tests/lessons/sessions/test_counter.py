"""The lecture's page-view counter (/counter/) and the atomic one (/counter/atomic/), over real HTTP."""

from __future__ import annotations

import io
from datetime import datetime
from datetime import timedelta
from unittest import mock

import pytest
import requests
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cookielab.lessons.sessions.counter import counters
from cookielab.models import PageViewCounter
from tests.support.html import soup
from tests.support.html import text
from tests.support.sessions_flow import JSON
from tests.support.sessions_flow import page_text

DB = "django.contrib.sessions.backends.db"
CACHE = "django.contrib.sessions.backends.cache"
SIGNED = "django.contrib.sessions.backends.signed_cookies"
WELCOME = "Welcome to this page for the first time!"


def test_the_counters_live_at_their_documented_paths():
    assert reverse("cookielab:counter") == "/counter/"
    assert reverse("cookielab:counter-atomic") == "/counter/atomic/"
    assert reverse("cookielab:counter-count") == "/counter/count/"
    assert reverse("cookielab:counter-reset") == "/counter/reset/"


@pytest.mark.parametrize("path", ["/counter/", "/counter/atomic/"])
def test_a_plain_http_client_sees_the_lecture_wording(live_server, transactional_db, settings, path):
    settings.SESSION_ENGINE = DB
    browser = requests.Session()
    first = browser.get(live_server.url + path, timeout=10)
    assert first.status_code == 200
    assert page_text(first, "#counter-message") == WELCOME
    assert "sessionid" in first.cookies
    for n in range(2, 6):
        again = browser.get(live_server.url + path, timeout=10)
        assert page_text(again, "#counter-message") == f"You visited this page {n} times"
    # Without a cookie jar every request is a first visit.
    for _ in range(2):
        assert page_text(requests.get(live_server.url + path, timeout=10), "#counter-message") == WELCOME


@pytest.mark.django_db
def test_the_lecture_counter_lives_in_the_session_and_one_cookie_carries_it(client, settings):
    settings.SESSION_ENGINE = DB
    client.get("/counter/")
    page = soup(client.get("/counter/"))
    assert client.session["page_views"] == 2
    wire = page.select_one("aside#wire")
    assert "sessionid" in [text(name) for name in wire.select(".is-last .wire-request .cookie-name")]
    assert "You visited this page 2 times" in text(page.select_one("#counter-message"))


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/counter/", "/counter/atomic/"])
def test_json_for_clients_that_ask_for_it(client, path):
    first = client.get(path, headers=JSON)
    second = client.get(path, headers=JSON)
    assert first.json() == {"views": 1, "message": WELCOME, "atomic": path.endswith("atomic/")}
    assert second.json()["message"] == "You visited this page 2 times"
    assert "no-cache" in second["Cache-Control"]


@pytest.mark.django_db
def test_the_atomic_page_adds_no_queries_to_the_lecture_one(client, settings, django_assert_max_num_queries):
    settings.SESSION_ENGINE = DB
    client.get("/counter/")
    client.get("/counter/atomic/")
    with django_assert_max_num_queries(2):  # load the session, one INSERT … ON CONFLICT … RETURNING
        client.get("/counter/atomic/", headers=JSON)
    assert PageViewCounter.objects.get().views == 2


@pytest.mark.django_db
def test_the_portable_increment_counts_too(client, settings, monkeypatch):
    """Databases without INSERT … ON CONFLICT … RETURNING (MySQL) take the UPDATE-then-INSERT path."""
    settings.SESSION_ENGINE = DB
    monkeypatch.setattr(counters, "_UPSERT_VENDORS", set())
    assert [client.get("/counter/atomic/", headers=JSON).json()["views"] for _ in range(3)] == [1, 2, 3]


@pytest.mark.django_db
@pytest.mark.redis
def test_the_redis_counter_expires_with_the_session(client, redis_cache, settings):
    settings.SESSION_ENGINE = CACHE
    client.get("/counter/atomic/")
    client.get("/counter/atomic/")
    redis = redis_cache.client()
    [key] = [key for key in redis.scan_iter("*cookielab:views:*")]
    assert int(redis.get(key)) == 2
    assert 0 < redis.ttl(key) <= settings.SESSION_COOKIE_AGE


@pytest.mark.django_db
def test_signed_cookie_sessions_count_atomically_too(client, settings):
    settings.SESSION_ENGINE = SIGNED
    views = [client.get("/counter/atomic/", headers=JSON).json()["views"] for _ in range(3)]
    assert views == [1, 2, 3]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cookie",
    ["forgedforgedforgedforgedforged12", "abc", "x" * 5000, "; \r\n", ".eJyrVkrLz1eyUkpKLFKqBQAa3wRC:1:bad"],
    ids=["forged", "truncated", "huge", "control", "foreign"],
)
@pytest.mark.parametrize("path", ["/counter/", "/counter/atomic/"])
def test_bad_session_ids_get_a_fresh_session(client, settings, cookie, path):
    settings.SESSION_ENGINE = DB
    client.cookies["sessionid"] = cookie
    response = client.get(path, headers=JSON)
    assert response.status_code == 200
    assert response.json()["views"] == 1
    assert response.cookies["sessionid"].value != cookie


@pytest.mark.django_db
def test_counting_on_a_brand_new_session_creates_nothing(client):
    response = client.get("/counter/count/")
    assert response.json() == {"page_views": 0, "atomic_views": 0}
    assert "sessionid" not in response.cookies
    assert PageViewCounter.objects.count() == 0


@pytest.mark.django_db
def test_reset_zeroes_both_counters_and_needs_csrf(settings):
    settings.SESSION_ENGINE = DB
    browser = Client(enforce_csrf_checks=True)
    for path in ("/counter/", "/counter/atomic/", "/counter/atomic/"):
        browser.get(path)
    assert browser.get("/counter/count/").json() == {"page_views": 1, "atomic_views": 2}
    assert browser.post("/counter/reset/").status_code == 403
    page = soup(browser.get("/lessons/races/"))
    token = page.select_one("form[action='/counter/reset/#race-counts'] input[name=csrfmiddlewaretoken]")["value"]
    response = browser.post("/counter/reset/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 303
    assert response["Location"] == "/lessons/races/#race-counts"
    assert browser.get("/counter/count/").json() == {"page_views": 0, "atomic_views": 0}
    assert text(soup(browser.get("/counter/")).select_one("#counter-message")) == WELCOME


@pytest.mark.django_db
def test_the_counters_answer_only_get(client):
    assert client.post("/counter/").status_code == 405
    assert client.post("/counter/atomic/").status_code == 405
    assert client.post("/counter/count/").status_code == 405
    assert client.get("/counter/reset/").status_code == 405


@pytest.mark.django_db
def test_json_clients_reset_with_json(client):
    client.get("/counter/")
    response = client.post("/counter/reset/", headers=JSON)
    assert response.json() == {"page_views": 0, "atomic_views": 0}
    assert client.get("/counter/count/").json() == {"page_views": 0, "atomic_views": 0}


@pytest.mark.django_db
def test_a_quiz_re_render_shows_the_count_without_counting_a_view(client, settings):
    settings.SESSION_ENGINE = DB
    for _ in range(3):
        client.get("/counter/")
    again = client.post("/lessons/counter/check/", {"choice": "99"})
    assert again.status_code == 200
    assert text(soup(again).select_one("#counter-message")) == "You visited this page 3 times"
    assert client.session["page_views"] == 3


@pytest.mark.django_db
def test_the_atomic_page_says_where_the_count_is_kept(client, settings):
    settings.SESSION_ENGINE = DB
    page = soup(client.get("/counter/atomic/"))
    assert "the database (one atomic UPDATE)" in text(page.select_one(".counter-result"))
    assert page.select_one("#count-again")["href"] == "/counter/atomic/?n=2#counter-result"


@pytest.mark.django_db
def test_the_counter_names_its_session_key_and_opens_itself_and_the_inspector_in_new_tabs(client, settings):
    settings.SESSION_ENGINE = DB
    first = soup(client.get("/counter/"))
    assert "first visit" in text(first.select_one("#tab-key"))  # no key until the response saves the session
    page = soup(client.get("/counter/"))
    key = client.session.session_key
    assert text(page.select_one("#tab-key .masked-key")) == f"{key[:4]}…{key[-4:]}"
    assert key not in str(page.select_one("#tabs"))  # only the masked form here (the wire panel shows the cookie)
    new_tab = page.select_one("#counter-new-tab")
    assert new_tab["href"] == "/counter/" and new_tab["target"] == "_blank"
    inspector = page.select_one("#inspector-new-tab")
    assert inspector["href"] == reverse("cookielab:what-is-a-session") + "#inspector"
    assert inspector["target"] == "_blank"


def stored_expiry(client) -> datetime:
    return Session.objects.get(session_key=client.cookies["sessionid"].value).expire_date


@pytest.mark.django_db
@pytest.mark.parametrize("upsert", [True, False], ids=["upsert", "portable"])
def test_a_counter_row_expires_with_its_session(client, settings, monkeypatch, upsert):
    """Issue #17: counter rows never expired; now each count moves expire_date to the session's expiry."""
    settings.SESSION_ENGINE = DB
    if not upsert:
        monkeypatch.setattr(counters, "_UPSERT_VENDORS", set())
    start = timezone.now()
    client.get("/counter/atomic/")
    counter = PageViewCounter.objects.get()
    age = timedelta(seconds=settings.SESSION_COOKIE_AGE)
    assert start + age <= counter.expire_date <= timezone.now() + age
    assert abs(counter.expire_date - stored_expiry(client)) < timedelta(seconds=2)
    first_expiry = counter.expire_date
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(hours=1)):
        client.get("/counter/atomic/")
    counter.refresh_from_db()
    assert counter.views == 2
    assert timedelta(minutes=59) < counter.expire_date - first_expiry <= timedelta(hours=1)  # renewed by the count


@pytest.mark.django_db
def test_a_short_session_gives_its_counter_the_same_short_life(client, settings):
    settings.SESSION_ENGINE = DB
    settings.SESSION_COOKIE_AGE = 30
    client.get("/counter/atomic/")
    assert PageViewCounter.objects.get().expire_date <= timezone.now() + timedelta(seconds=30)


@pytest.mark.django_db
def test_what_one_cookieless_get_stores_is_gone_after_purge_expired(settings):
    """One cookieless GET /counter/atomic/ keeps a session row and a counter row, until both expire."""
    settings.SESSION_ENGINE = DB
    for _ in range(3):
        assert Client().get("/counter/atomic/").status_code == 200
    assert Session.objects.count() == 3 and PageViewCounter.objects.count() == 3
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE + 5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("cookielab_sessions", "purge-expired", stdout=io.StringIO())
    assert Session.objects.count() == 0 and PageViewCounter.objects.count() == 0


@pytest.mark.django_db
def test_purge_expired_keeps_the_counters_of_live_sessions():
    now = timezone.now()
    PageViewCounter.objects.create(session_digest="a" * 64, views=1, expire_date=now)
    PageViewCounter.objects.create(session_digest="b" * 64, views=1, expire_date=now + timedelta(seconds=1))
    assert PageViewCounter.objects.purge_expired(now, batch_size=1) == 1
    assert list(PageViewCounter.objects.values_list("session_digest", flat=True)) == ["b" * 64]
