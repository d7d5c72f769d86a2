"""Deleting means expiring, in real Chromium: only an expired copy with the same path removes a cookie."""

from __future__ import annotations

from django.urls import reverse


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
