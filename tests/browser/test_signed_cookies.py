"""Signed cookies in real Chromium: the server tampers, the server notices."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.support.chromium import chromium_cookies


def test_the_tamper_button_makes_the_server_say_the_signature_is_invalid(lab):
    lab.goto("/lessons/signed-cookies/")
    lab.page.fill("#id_value", "student")
    lab.page.click("#sign-form button:not([name])")
    lab.page.wait_for_selector("#tamper")
    assert lab.page.get_attribute("#signed-status", "data-status") == "valid"
    lab.page.click("#tamper")  # a plain form: the server sends the edited cookie, the next page checks it
    expect(lab.page.locator("#signed-status")).to_have_attribute("data-status", "invalid")
    assert "The signature is invalid" in lab.page.text_content("#signed-status")
    assert lab.page.url.endswith("/lessons/signed-cookies/#signed-result")
    assert chromium_cookies(lab)["signed_demo"]["value"].startswith("admin:")
    lab.watch.assert_clean()
