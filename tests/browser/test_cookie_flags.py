"""The cookie flags lesson in real Chromium: HttpOnly hides a cookie from scripts, SameSite across two sites."""

from __future__ import annotations

from urllib.parse import urlsplit

from tests.browser.conftest import ConsoleWatch
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

    with lab.page.expect_response(lambda r: r.url.endswith("/pixel.svg")) as pixel:
        lab.page.click("#twin-link")  # the same server under its other name: another site
    assert urlsplit(lab.page.url).hostname != home
    pixel_loaded = lab.page.eval_on_selector("#cross-pixel", "img => img.complete && img.naturalWidth > 0")
    assert pixel_loaded
    # The image is an embedded cross-site request: SameSite=None allows lab_none, the browser's third-party
    # cookie rules decide. The image must report what really happened, and name the browser's verdict.
    request_headers = pixel.value.request.all_headers()
    drawn = pixel.value.text()
    assert "lab_lax: not sent" in drawn and "lab_strict: not sent" in drawn
    if "lab_none=1" in request_headers.get("cookie", ""):
        assert "lab_none: arrived" in drawn
    else:
        assert "lab_none: not sent" in drawn
        # This Chromium says why: third-party cookies are blocked in this context.
        assert request_headers.get("sec-fetch-storage-access") == "none"
        assert "3rd-party cookies: blocked" in drawn
    assert "third-party" in lab.page.inner_text("#pixel-note")

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


def test_a_secure_cookie_over_plain_http_is_kept_on_loopback(lab):
    lab.goto("/lessons/cookie-flags/")
    assert urlsplit(lab.base).hostname in {"localhost", "127.0.0.1"}
    lab.page.click("#set-flag-cookies")
    lab.page.wait_for_url("**?set=1*")
    verdict = lab.page.locator("#secure-verdict")
    assert verdict.get_attribute("data-scheme") == "http"
    assert verdict.get_attribute("data-kept") == "yes"
    assert "potentially trustworthy" in verdict.inner_text()
    assert any(c["name"] == "lab_secure" and c["secure"] for c in lab.page.context.cookies())
    lab.watch.assert_clean()


def test_a_secure_cookie_over_plain_http_is_dropped_for_any_other_host(
    launch_browser, browser_type_launch_args, live_server, transactional_db, settings
):
    """The lecture's secure: true trap, performed: a made-up name mapped to this machine is not loopback to Chromium."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "classroom.test"]
    port = urlsplit(live_server.url).port
    args = [*browser_type_launch_args.get("args", []), "--host-resolver-rules=MAP classroom.test 127.0.0.1"]
    browser = launch_browser(args=args)
    try:
        page = browser.new_page()
        watch = ConsoleWatch(page)
        page.set_default_timeout(10_000)
        page.goto(f"http://classroom.test:{port}/lessons/cookie-flags/")
        assert page.locator("#secure-verdict").get_attribute("data-loopback") == "no"
        page.click("#set-flag-cookies")
        page.wait_for_url("**?set=1*")
        verdict = page.locator("#secure-verdict")
        assert verdict.get_attribute("data-kept") == "no"
        assert "Your browser dropped lab_secure" in verdict.inner_text()
        kept = {c["name"] for c in page.context.cookies()}
        assert "lab_plain" in kept  # the same response's other cookies were stored...
        assert "lab_secure" not in kept and "lab_none" not in kept  # ...but not the Secure ones
        assert page.inner_text("tr[data-cookie=lab_secure] .arrived").strip() == "no"
        # Chromium also notes that it ignored the site's Cross-Origin-Opener-Policy "because the URL's origin was
        # untrustworthy": the same verdict, from another feature. Anything else is a real problem.
        watch.problems = [p for p in watch.problems if "origin was untrustworthy" not in p]
        watch.assert_clean()
    finally:
        browser.close()
