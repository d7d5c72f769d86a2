"""Cookies in JavaScript, in real Chromium: what scripts may see and change."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.chromium import chromium_cookies


def test_httponly_is_invisible_to_javascript_and_cannot_be_overwritten(lab):
    lab.goto("/lessons/cookies-in-javascript/")
    assert "js_demo_httponly" in chromium_cookies(lab)  # the browser holds it...
    lab.page.click("#js-list")
    expect(lab.page.locator("#js-server-view")).to_contain_text("js_demo_httponly")
    assert "js_demo_httponly" not in lab.page.text_content("#js-document-cookie")  # ...scripts do not see it
    assert "js_demo_httponly" not in lab.page.text_content("#js-cookie-store")
    assert "js_demo_httponly=set-by-the-server" in lab.page.text_content("#js-server-view")
    lab.page.click("#js-overwrite")
    expect(lab.page.locator("#js-result")).not_to_be_empty()
    assert "The browser refused" in lab.page.text_content("#js-result")
    assert chromium_cookies(lab)["js_demo_httponly"]["value"] == "set-by-the-server"
    lab.watch.assert_clean()


def test_javascript_writes_then_expires_a_cookie(lab):
    lab.goto("/lessons/cookies-in-javascript/")
    lab.page.click("#js-write")
    expect(lab.page.locator("#js-result")).to_contain_text("very next request")
    assert chromium_cookies(lab)["js_demo_written"]["value"] == "written-by-js"
    lab.page.click("#js-expire")
    expect(lab.page.locator("#js-result")).to_contain_text("is gone")
    assert "js_demo_written" not in chromium_cookies(lab)
    assert "js_demo_written" not in lab.page.text_content("#js-server-view")
    assert "js_demo_written" not in lab.page.evaluate("document.cookie")
    lab.watch.assert_clean()
