"""Deleting means expiring, in real Chromium: only an expired copy with the same path removes a cookie."""

from __future__ import annotations

from django.urls import reverse

from tests.support.chromium import RECORD_CSP_VIOLATIONS
from tests.support.chromium import csp_violations


def test_deleting_with_the_wrong_path_leaves_the_cookie(lab):
    lab.goto(reverse("cookielab:expiring-cookies"))
    lab.page.click("#lab-set")
    assert "still sent" in lab.page.inner_text("#lab-verdict")
    stored = [c for c in lab.page.context.cookies() if c["name"] == "lab_path_demo"]
    assert [c["path"] for c in stored] == ["/lessons/expiring-cookies/lab/"]

    lab.page.click("#lab-wrong")
    assert "Path=/;" in lab.page.inner_text("#lab-result pre")
    assert "still sent" in lab.page.inner_text("#lab-verdict")

    lab.page.click("#lab-right")
    assert "sent no" in lab.page.inner_text("#lab-verdict")
    assert [c for c in lab.page.context.cookies() if c["name"] == "lab_path_demo"] == []
    lab.watch.assert_clean()


def lab_cookie_paths(lab) -> list[str]:
    return [c["path"] for c in lab.page.context.cookies() if c["name"] == "lab_path_demo"]


def test_a_page_outside_the_path_reads_and_expires_the_cookie(lab):
    """RFC 6265 §8.6 in practice: from the lesson's main page (not under lab/) a script reaches the lab cookie."""
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto(reverse("cookielab:expiring-cookies"))
    lab.page.click("#lab-set")
    lab.page.wait_for_url("**/lab/?attempt=set*")
    assert lab_cookie_paths(lab) == ["/lessons/expiring-cookies/lab/"]

    lab.goto(reverse("cookielab:expiring-cookies"))
    fence = lab.page.locator("#path-fence")
    lab.page.click("#fence-read")
    lab.page.wait_for_selector("#path-fence[data-state=read]")
    assert fence.get_attribute("data-here") == ""  # this page's own document.cookie lacks it
    assert fence.get_attribute("data-in-frame") == "path-scoped"  # the same-origin frame shows it
    assert "this page's script read it from there" in lab.page.inner_text("#fence-result")

    lab.page.click("#fence-expire")
    lab.page.wait_for_selector("#path-fence[data-state=expired]")
    assert lab_cookie_paths(lab) == []  # the browser really dropped it

    lab.goto(reverse("cookielab:expiring-cookies-lab"))
    assert "sent no" in lab.page.inner_text("#lab-verdict")
    assert csp_violations(lab.page) == []
    lab.watch.assert_clean()


def test_the_framed_page_may_only_be_framed_by_this_origin(lab):
    response = lab.goto(reverse("cookielab:expiring-cookies-lab-frame"))
    headers = response.all_headers()
    assert headers["x-frame-options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
