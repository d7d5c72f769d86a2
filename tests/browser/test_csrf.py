"""The CSRF lesson in real Chromium: the token lets a transfer through; a forged form gets the friendly 403."""

from __future__ import annotations


def test_a_forged_cross_site_transfer_gets_the_friendly_403(lab):
    lab.goto("/lessons/cookie-flags/")
    lab.page.click("#twin-link")
    with lab.page.expect_navigation() as navigation:
        lab.page.click("#forged-transfer")
    assert navigation.value.status == 403
    assert "forged request" in lab.page.inner_text("h1")
    assert "Origin checking failed" in lab.page.inner_text("#csrf-reason")


def test_the_csrf_lesson_form_with_and_without_token(lab):
    lab.goto("/lessons/csrf/")
    lab.page.click("#with-token")
    lab.page.wait_for_url("**done=1*")
    assert lab.page.inner_text("#transfer-count") == "1"
    with lab.page.expect_navigation() as navigation:
        lab.page.click("#without-token")
    assert navigation.value.status == 403
    assert lab.page.inner_text("#csrf-reason") == "CSRF token missing."
