"""One session per browser: a second tab of the counter shares the first tab's session key and count."""

from __future__ import annotations

from django.urls import reverse


def test_two_tabs_share_one_session(lab):
    lab.goto(reverse("cookielab:counter"))
    lab.goto(reverse("cookielab:counter"))  # the second visit: the session exists and the page names its key
    key = lab.page.inner_text("#tab-key .masked-key")
    assert "You visited this page 2 times" in lab.page.inner_text("#counter-message")

    with lab.page.context.expect_page() as opened:
        lab.page.click("#counter-new-tab")
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.inner_text("#tab-key .masked-key") == key
    assert "You visited this page 3 times" in tab.inner_text("#counter-message")

    with lab.page.context.expect_page() as opened:
        lab.page.click("#inspector-new-tab")
    inspector = opened.value
    inspector.wait_for_load_state()
    assert inspector.inner_text("#inspector-key .masked-key") == key
    assert '"page_views": 3' in inspector.inner_text("#inspector-data")

    lab.page.reload()
    assert "You visited this page 4 times" in lab.page.inner_text("#counter-message")
    assert lab.page.inner_text("#tab-key .masked-key") == key
    lab.watch.assert_clean()
