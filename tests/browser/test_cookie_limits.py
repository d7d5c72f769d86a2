"""The rejection lab in real Chromium: which cookies the browser refused, as the server and scripts see it."""

from __future__ import annotations

from playwright.sync_api import expect

from cookielab.core.cookie_header import cookie_pairs
from tests.support.chromium import chromium_cookies


def test_the_rejection_lab_shows_what_chromium_kept(lab):
    lab.goto("/lessons/cookie-limits/")
    lab.page.click("#send-limits")
    lab.page.wait_for_url("**/cookie-limits/?sent=1*")
    expect(lab.page.locator("tr[data-cookie='limit_control'] .js-kept")).to_have_attribute("data-kept", "yes")
    held = chromium_cookies(lab)
    assert "limit_4096" in held and "limit_control" in held
    assert "limit_4097" not in held
    assert "limit_samesite_none" not in held
    assert "__Host-limit_broken" not in held
    expected = {
        "limit_4096": "yes",
        "limit_4097": "no",
        "limit_samesite_none": "no",
        "__Host-limit_broken": "no",
        "limit_control": "yes",
    }
    for column in ("server-kept", "js-kept"):
        shown = {name: lab.page.get_attribute(f"tr[data-cookie='{name}'] .{column}", "data-kept") for name in expected}
        assert shown == expected, column
    # The server's side, from the Cookie header of the request that rendered the page. Split by hand:
    # the panel masks the HttpOnly wire id ("abcd…wxyz"), which SimpleCookie would stop parsing at.
    header = lab.page.text_content("#wire .wire-step.is-last code[data-header=cookie]").removeprefix("Cookie: ")
    received = dict(cookie_pairs(header))
    assert "limit_4096" in received and "limit_4097" not in received
    lab.page.click("#clear-limits")
    lab.page.wait_for_load_state()
    assert "limit_4096" not in chromium_cookies(lab)
    lab.watch.assert_clean()
