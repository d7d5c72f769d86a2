"""Where cookies live, in real Chromium: the script cannot see HttpOnly cookies the server received."""

from __future__ import annotations

from django.urls import reverse


def test_where_cookies_live_marks_httponly_cookies(lab):
    lab.goto(reverse("cookielab:where-cookies-live"))
    lab.goto(reverse("cookielab:where-cookies-live"))
    lab.page.wait_for_selector("#cookie-views[data-views=ready]")
    assert lab.page.inner_text("tr[data-cookie=cookielab_wire] .script-sees") == "no — HttpOnly"
    assert lab.page.inner_text("tr[data-cookie=csrftoken] .script-sees") == "yes"
    lab.watch.assert_clean()
