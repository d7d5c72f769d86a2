"""Lesson "Where sessions are stored": one payload through every engine, where it landed, timings, clean-up."""

from __future__ import annotations

import os

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from cookielab.lessons.sessions.session_backends import bench
from cookielab.lessons.sessions.session_backends.bench import EngineResult
from cookielab.lessons.sessions.session_backends.bench import bar_chart
from cookielab.lessons.sessions.session_backends.bench import run_engine
from cookielab.lessons.sessions.session_backends.bench import time_load_and_save
from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import addresses_outside_the_mount
from tests.support.redis_server import RedisServer
from tests.support.session_engines import ENGINE_NAMES
from tests.support.session_engines import store_class
from tests.support.session_engines import use_engine

pytestmark = pytest.mark.django_db

URL = "/lessons/session-backends/"
RUN_URL = "/lessons/session-backends/run/"
SMALL = {"runs": 5, "budget_ns": 10**12}  # the run cap, not the clock, ends these


@pytest.fixture
def every_store(request, settings, monkeypatch, tmp_path, redis_cache):
    """Redis of the test's own as the session cache, files under tmp_path; the site's engine stays db."""
    use_engine("cache", request, settings, monkeypatch, tmp_path)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    return redis_cache.client()


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:session-backends") == URL
    assert reverse("cookielab:session-backends-run") == RUN_URL


def test_the_page_offers_the_run_and_shows_no_results_before_it(client):
    page = soup(client.get(URL))
    assert page.select_one(f"form[action='{RUN_URL}#backend-cards'] #run-backends") is not None
    assert page.select_one("#backend-cards .backend-card") is None
    assert text(page.select_one("#status-db")).endswith("ready")
    assert client.get(RUN_URL).status_code == 405


def test_one_click_stores_times_and_cleans_up_in_every_engine(client, every_store, tmp_path, settings):
    response = client.post(RUN_URL)
    assert response.status_code == 200
    page = soup(response)
    for name in ENGINE_NAMES:
        card = page.select_one(f"#engine-{name}")
        assert card is not None, name
        assert card.select_one(".notice") is None, text(card)
        median = float(card.select_one("[data-median-us]")["data-median-us"])
        assert median > 0
        assert "Deleted afterwards" in text(card)
    bars = page.select("#backend-chart rect.bar")
    assert [bar["data-engine"] for bar in bars] == [*ENGINE_NAMES, "redis"]  # Cookie Lab's engine beside Django's
    assert page.select_one("#engine-redis [data-median-us]") is not None
    assert text(page.select_one("#engine-db")).count("django_session") >= 1
    assert str(tmp_path) in text(page.select_one("#engine-file"))
    assert "coat" in text(page.select_one("#engine-signed_cookies"))
    # Nothing of the demo is left in any store.
    assert Session.objects.count() == 0
    assert list(every_store.scan_iter("*django.contrib.sessions*")) == []
    assert os.listdir(tmp_path) == []
    assert "sessionid" not in response.cookies  # the visitor's own session was not touched


@pytest.mark.parametrize("name", ENGINE_NAMES)
def test_each_engine_reports_where_the_payload_landed(name, every_store, tmp_path, settings):
    settings.SESSION_COOKIE_AGE = 777
    result = run_engine(name, **SMALL)
    assert result.notice == ""
    assert result.location.found
    assert result.location.data == bench.DEMO_PAYLOAD
    assert result.runs == 5
    if name in {"cache", "cached_db"}:
        assert 770 <= result.location.ttl_seconds <= 777  # read from Redis
        assert any(label == "Redis key" for label, _ in result.location.facts)
    if name == "file":
        assert any(label == "Path" and value.startswith(str(tmp_path)) for label, value in result.location.facts)


@pytest.mark.parametrize(
    ("name", "commands"),
    [
        ("redis", {"get": 1, "set": 1}),  # load, then SET … XX
        ("cache", {"get": 2, "set": 1}),  # load, then Django's save checks the key is still there
        ("cached_db", {"get": 1, "set": 1}),  # load from the cache; the database takes the write, then the cache
    ],
)
def test_redis_counts_the_commands_of_a_load_and_save(name, commands, every_store, client):
    assert run_engine(name, **SMALL).redis_commands == commands
    assert run_engine("db", **SMALL).redis_commands is None  # no Redis to count


def test_the_cards_show_the_commands_redis_counted(client, every_store):
    page = soup(client.post(RUN_URL))
    assert float(page.select_one("#engine-redis .redis-commands")["data-commands"]) == 2
    assert "GET 1, SET 1" in text(page.select_one("#engine-redis .redis-commands"))
    assert float(page.select_one("#engine-cache .redis-commands")["data-commands"]) == 3
    assert page.select_one("#engine-db .redis-commands") is None


def test_without_redis_the_cache_engines_say_how_to_enable_it(client, settings, tmp_path, monkeypatch, request):
    use_engine("file", request, settings, monkeypatch, tmp_path)
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert "REDIS_URL=redis://127.0.0.1:6379/1" in text(soup(client.get(URL)).select_one("#status-cache"))
    page = soup(client.post(RUN_URL))
    for name in ("cache", "cached_db", "redis"):
        assert "REDIS_URL=redis://127.0.0.1:6379/1" in text(page.select_one(f"#engine-{name} .notice"))
    assert [bar["data-engine"] for bar in page.select("#backend-chart rect.bar")] == ["db", "file", "signed_cookies"]


@pytest.mark.redis
def test_redis_down_is_a_notice_on_the_cache_card(client, every_store, settings):
    own = RedisServer().start()
    try:
        settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": own.url}}
        from django.core.cache import caches

        caches.close_all()
        own.kill()
        response = client.post(RUN_URL)
        assert response.status_code == 200
        assert "did not answer" in text(soup(response).select_one("#engine-cache .notice"))
        assert soup(response).select_one("#engine-db [data-median-us]") is not None
    finally:
        own.stop()
    assert Session.objects.count() == 0


def test_timing_stops_at_the_run_cap():
    store = store_class("signed_cookies")()
    store["x"] = 1
    store.save()
    timings, last_key = time_load_and_save(store_class("signed_cookies"), store.session_key, runs=7, budget_ns=10**12)
    assert len(timings) == 7
    assert store_class("signed_cookies")(last_key)["visits"] == 7


def test_the_chart_scales_bars_to_the_slowest_engine():
    results = [
        EngineResult("db", "x", median_us=400.0),
        EngineResult("file", "x", median_us=100.0),
        EngineResult("cache", "x", notice="no redis"),
    ]
    chart = bar_chart(results, width=520, left=120)
    assert [bar.name for bar in chart.bars] == ["db", "file"]
    assert chart.bars[0].width == 520 - 120 - 90
    assert abs(chart.bars[1].width - chart.bars[0].width / 4) <= 1
    assert chart.bars[0].y < chart.bars[1].y


@pytest.mark.urls("tests.support.mounted_urls")
def test_every_address_stays_under_the_mount_point(client):
    assert addresses_outside_the_mount(client, URL) == []


def test_timing_stops_when_the_budget_is_spent():
    store = store_class("signed_cookies")()
    store.save()
    timings, _ = time_load_and_save(store_class("signed_cookies"), store.session_key, runs=200, budget_ns=0)
    assert len(timings) == 1
