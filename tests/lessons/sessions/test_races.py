"""The race lesson: its page, and fifty simultaneous views from one browser at both counters, over real HTTP."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from cookielab.lessons.sessions import races
from cookielab.models import PageViewCounter
from tests.support.html import soup
from tests.support.html import text
from tests.support.sessions_flow import JSON
from tests.support.sessions_flow import SiteServer
from tests.support.sessions_flow import browser as http_client
from tests.support.sessions_flow import burst
from tests.support.sessions_flow import counts

URL = "/lessons/races/"
START = "/lessons/races/start/"


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:races") == URL


@pytest.mark.django_db
def test_a_get_of_the_page_stores_nothing(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for _ in range(3):
        response = client.get(URL)
        assert response.status_code == 200
    assert "sessionid" not in client.cookies  # issue #17: a cookieless GET used to add a session row
    assert Session.objects.count() == 0
    assert PageViewCounter.objects.count() == 0
    race = soup(response).select_one("#race")
    assert race["data-counter-url"] == "/counter/"
    assert race["data-atomic-url"] == "/counter/atomic/"
    assert race["data-count-url"] == "/counter/count/"
    assert race["data-start-url"] == START
    assert race["data-race-size"] == str(races.RACE_SIZE)


@pytest.mark.django_db
@pytest.mark.parametrize("engine", ["db", "signed_cookies"])
def test_the_start_post_creates_the_session_the_burst_will_share(settings, engine):
    settings.SESSION_ENGINE = f"django.contrib.sessions.backends.{engine}"
    browser = Client(enforce_csrf_checks=True)
    token = soup(browser.get(URL)).select_one("#race input[name=csrfmiddlewaretoken]")["value"]
    assert browser.get(START).status_code == 405
    assert browser.post(START, headers=JSON).status_code == 403  # CSRF-checked
    response = browser.post(START, headers={**JSON, "X-CSRFToken": token})
    assert response.status_code == 200
    assert response.json() == {"page_views": 0, "atomic_views": 0}
    key = browser.cookies["sessionid"].value  # 50 requests without a cookie would make 50 sessions
    browser.get("/counter/atomic/")
    again = browser.post(START, headers={**JSON, "X-CSRFToken": token})
    assert again.json() == {"page_views": 0, "atomic_views": 1}
    assert browser.cookies["sessionid"].value == key
    if engine == "db":
        assert Session.objects.count() == 1


@pytest.mark.django_db
def test_without_javascript_the_start_post_comes_back_to_the_race(client):
    response = client.post(START)
    assert response.status_code == 303
    assert response["Location"] == "/lessons/races/#race-counts"
    assert "sessionid" in client.cookies


@pytest.mark.django_db
def test_the_page_shows_both_counts_of_this_session(client, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    for path in ("/counter/", "/counter/", "/counter/atomic/"):
        client.get(path)
    page = soup(client.get(URL))
    assert text(page.select_one("#page-views-now")) == "2"
    assert text(page.select_one("#atomic-views-now")) == "1"
    assert PageViewCounter.objects.get().views == 1
    assert page.select_one("form[action='/counter/reset/#race-counts'] #reset-button") is not None


@pytest.mark.django_db
def test_a_store_outage_leaves_the_atomic_count_unknown(client, monkeypatch):
    def refuse(session):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(races.counters, "atomic_views", refuse)
    response = client.get(URL)
    assert response.status_code == 200
    assert text(soup(response).select_one("#atomic-views-now")) == "unknown: Redis did not answer"


def _concurrent_views(workdir: Path, env: dict[str, str], size: int = 50) -> tuple[int, int]:
    """Counts that ``size`` simultaneous views from one browser added to each counter of the site run with ``env``."""
    server = SiteServer(workdir, env).start()
    try:
        base = server.url
        browser = http_client()
        page = browser.get(f"{base}/lessons/races/", timeout=10)
        assert page.status_code == 200 and "sessionid" not in browser.cookies
        token = soup(page).select_one("#race input[name=csrfmiddlewaretoken]")["value"]
        started = browser.post(f"{base}{START}", headers={**JSON, "X-CSRFToken": token}, timeout=10)
        assert started.status_code == 200 and "sessionid" in browser.cookies  # the session the burst shares
        before = counts(browser, base)
        assert before == started.json()
        atomic = burst(browser, f"{base}/counter/atomic/", size)
        lecture = burst(browser, f"{base}/counter/", size)
        assert [r.status_code for r in atomic + lecture] == [200] * (2 * size)
        after = counts(browser, base)
    finally:
        server.stop()
    return after["atomic_views"] - before["atomic_views"], after["page_views"] - before["page_views"]


def _report(record_property, engine: str, lecture_counted: int, size: int = 50) -> None:
    record_property("lecture_counter_lost_updates", size - lecture_counted)
    print(f"\n{engine}: the lecture's counter counted {lecture_counted} of {size} ({size - lecture_counted} lost)")


def test_fifty_simultaneous_views_count_fifty_with_the_database(tmp_path, record_property):
    atomic, lecture = _concurrent_views(tmp_path, {"SESSION_ENGINE": "db"})
    assert atomic == 50
    assert 1 <= lecture <= 50
    _report(record_property, "db", lecture)


@pytest.mark.redis
@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_fifty_simultaneous_views_count_fifty_with_redis(tmp_path, redis_server, record_property, engine):
    prefix = f"t{uuid.uuid4().hex[:8]}"
    env = {"REDIS_URL": redis_server.url, "CACHE_KEY_PREFIX": prefix, "SESSION_ENGINE": engine}
    atomic, lecture = _concurrent_views(tmp_path, env)
    assert atomic == 50
    assert 1 <= lecture <= 50
    redis = redis_server.client()
    [counter_key] = redis.scan_iter(f"{prefix}:*cookielab:views:*")  # the count went to Redis
    assert int(redis.get(counter_key)) == 50
    redis.delete(*redis.scan_iter(f"{prefix}:*"))
    _report(record_property, engine, lecture)


@pytest.mark.django_db
def test_ticket_21608_is_cited_for_what_it_is_about(client):
    """Django ticket 21608 is about logged-out sessions resurrected by a concurrent save, not about lost increments."""
    page = soup(client.get(URL))
    citing = [a.find_parent("p") for a in page.select('a[href^="https://code.djangoproject.com/ticket/"]')]
    assert [a["href"] for a in page.select('a[href^="https://code.djangoproject.com/ticket/"]')] == [
        "https://code.djangoproject.com/ticket/21608"
    ]
    paragraph = text(citing[0])
    assert "logged out sessions are resurrected by concurrent requests" in paragraph
    assert "not about lost increments" in paragraph
