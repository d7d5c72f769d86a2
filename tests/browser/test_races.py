"""The race lesson in Chromium: fifty simultaneous fetch() views, and the atomic counter counts all fifty."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ConsoleWatch
from tests.support.sessions_flow import SiteServer


@pytest.fixture(params=["db", pytest.param("cached_db", marks=pytest.mark.redis)])
def site_page(request, page, tmp_path):
    """Chromium on the site running in its own process (real simultaneous requests, SQLite in a file)."""
    env = {"DJANGO_DEBUG": "1", "SESSION_ENGINE": request.param}
    if request.param == "cached_db":
        redis_server = request.getfixturevalue("redis_server")
        env.update(REDIS_URL=redis_server.url, CACHE_KEY_PREFIX=f"t{uuid.uuid4().hex[:8]}")
    server = SiteServer(tmp_path, env).start()
    page.set_default_timeout(10_000)
    watch = ConsoleWatch(page)
    yield page, server.url, watch
    server.stop()


def run_race(page, base: str) -> None:
    page.goto(base + "/lessons/races/")
    button = page.locator("#race-button")
    expect(button).to_be_visible()
    expect(page.locator("#race-needs-js")).to_be_hidden()
    button.click()
    expect(page.locator("#race-status")).to_contain_text("Done", timeout=60_000)


def test_fifty_simultaneous_views_count_fifty_on_the_atomic_counter(site_page):
    page, base, watch = site_page
    page.goto(base + "/lessons/races/")
    assert "sessionid" not in {cookie["name"] for cookie in page.context.cookies()}  # the GET stores nothing
    run_race(page, base)
    assert "sessionid" in {cookie["name"] for cookie in page.context.cookies()}  # the button's POST made it
    expect(page.locator("#atomic-counted")).to_have_text("50")
    expect(page.locator("#atomic-lost")).to_have_text("0")
    lecture = int(page.locator("#lecture-counted").text_content())
    assert 1 <= lecture <= 50
    assert int(page.locator("#lecture-lost").text_content()) == 50 - lecture
    expect(page.locator("#atomic-views-now")).to_have_text("50")

    run_race(page, base)
    expect(page.locator("#atomic-views-now")).to_have_text("100")
    page.locator("#reset-button").click()
    expect(page.locator("#atomic-views-now")).to_have_text("0")
    expect(page.locator("#page-views-now")).to_have_text("0")
    watch.assert_clean()
