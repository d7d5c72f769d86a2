"""Reading cookies in real Chromium: two cookies of one name, sent longest path first."""

from __future__ import annotations

from django.urls import reverse


def test_the_browser_sends_both_same_name_cookies_longest_path_first(lab):
    lab.goto(reverse("cookielab:reading-cookies"))
    lab.page.click("#set-duplicates")
    assert "dup_demo=this-lesson, then dup_demo=site-wide" in " ".join(
        lab.page.inner_text("#duplicate-report dd").split()
    )
    assert lab.page.inner_text("#django-kept") == "site-wide"
    assert lab.page.inner_text("#first-wins-kept") == "this-lesson"
    lab.watch.assert_clean()
