"""The cookie flags lesson in real Chromium: HttpOnly hides a cookie from scripts, SameSite across two sites."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.test_every_page import RECORD_CSP_VIOLATIONS
from tests.browser.test_every_page import csp_violations


def cell(page, cookie: str, column: str) -> str:
    return page.inner_text(f"tr[data-cookie={cookie}] .{column}").strip()


def test_scripts_see_the_plain_cookie_but_not_the_httponly_one(lab):
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto("/lessons/cookie-flags/")
    lab.page.click("#set-flag-cookies")
    lab.page.wait_for_url("**/lessons/cookie-flags/?set=1*")
    assert cell(lab.page, "lab_plain", "js-visible") == "yes"
    assert cell(lab.page, "lab_httponly", "js-visible") == "no"
    assert cell(lab.page, "lab_httponly", "arrived") == "yes"
    # On http://localhost Chromium keeps Secure cookies (a trustworthy origin): show what it did.
    assert cell(lab.page, "lab_secure", "arrived") == "yes"

    lab.page.click("#overwrite-httponly")
    assert "refused" in lab.page.inner_text("#overwrite-result")
    cookies = {c["name"]: c for c in lab.page.context.cookies()}
    assert cookies["lab_httponly"]["value"] == "1"
    assert csp_violations(lab.page) == []
    lab.watch.assert_clean()


def test_samesite_decides_what_a_request_from_the_other_site_carries(lab):
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto("/lessons/cookie-flags/")
    lab.page.click("#set-flag-cookies")
    lab.page.wait_for_url("**?set=1*")
    home = urlsplit(lab.base).hostname

    lab.page.click("#twin-link")  # the same server under its other name: another site
    assert urlsplit(lab.page.url).hostname != home
    pixel_loaded = lab.page.eval_on_selector("#cross-pixel", "img => img.complete && img.naturalWidth > 0")
    assert pixel_loaded

    lab.page.click("#cross-link")  # top-level GET navigation: Lax and None travel, Strict does not
    lab.page.wait_for_selector("#arrival")
    assert urlsplit(lab.page.url).hostname == home
    assert cell(lab.page, "lab_lax", "arrived") == "yes"
    assert cell(lab.page, "lab_strict", "arrived") == "no"
    assert cell(lab.page, "lab_none", "arrived") == "yes"

    lab.page.go_back()
    lab.page.click("#cross-post")  # cross-site POST: only SameSite=None
    lab.page.wait_for_selector("#arrival")
    assert "POST" in lab.page.inner_text("#arrival")
    assert cell(lab.page, "lab_lax", "arrived") == "no"
    assert cell(lab.page, "lab_strict", "arrived") == "no"
    assert cell(lab.page, "lab_none", "arrived") == "yes"
    assert csp_violations(lab.page) == []
