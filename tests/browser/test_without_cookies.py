"""Browsers without cookies, in Chromium: the test cookie round trip and a session id leaking through the Referer."""

from __future__ import annotations

from playwright.sync_api import expect


def test_the_url_session_id_leaks_through_the_referer(lab):
    lab.goto("/lessons/without-cookies/")
    lab.page.fill("#id_nickname", "Ada")
    lab.page.click("#url-session-form button")
    expect(lab.page.locator("#url-session-greeting")).to_contain_text("Ada")
    first_page = lab.page.url.split("#")[0]  # a Referer never carries the fragment
    lab.page.click("#next-page")
    expect(lab.page.locator("#referer")).to_have_text(first_page)
    expect(lab.page.locator("#leak")).to_be_visible()
    lab.watch.assert_clean()


def test_the_browser_reports_cookies_enabled(lab):
    lab.goto("/lessons/without-cookies/")
    expect(lab.page.locator("#cookie-enabled")).to_contain_text("true")
    lab.page.click("#set-test-cookie")
    expect(lab.page.locator("#test-cookie-result")).to_contain_text("came back")
    lab.watch.assert_clean()
