"""The session-timeout countdown runs in Chromium, on Playwright's clock (no waiting)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

URL = "/lessons/session-timeout/"


def test_the_countdown_follows_the_lifetime_the_server_reports(lab):
    lab.page.clock.install()
    lab.goto(URL)
    lab.page.fill("#id_seconds", "20")
    lab.page.click("#set-lifetime")
    value = lab.page.locator("#countdown .countdown-value")
    expect(value).to_have_text(re.compile(r"^(20|19) s left$"))
    lab.page.clock.run_for(5_000)
    expect(value).to_have_text(re.compile(r"^(15|14) s left$"))
    lab.page.clock.run_for(20_000)
    expect(value).to_have_text(re.compile("^expired"))
    expect(lab.page.locator("#countdown")).to_have_class(re.compile("is-expired"))
    lab.watch.assert_clean()


def test_a_bad_lifetime_shows_the_error_next_to_the_field(lab):
    lab.goto(URL)
    lab.page.fill("#id_seconds", "-3")
    lab.page.click("#set-lifetime")
    expect(lab.page.locator("#seconds-error")).to_contain_text("cannot be negative")
    expect(lab.page.locator("#id_seconds")).to_have_attribute("aria-invalid", "true")
    assert lab.page.url.endswith("/lessons/session-timeout/lifetime/#lifetime-form")
    lab.watch.assert_clean()
