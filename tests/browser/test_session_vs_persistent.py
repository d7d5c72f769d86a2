"""Session and persistent cookies in real Chromium: the expiry the browser stored, capped at 400 days."""

from __future__ import annotations

from django.urls import reverse


def test_chromium_caps_a_ten_year_cookie_at_400_days(lab):
    lab.goto(reverse("cookielab:session-vs-persistent"))
    lab.page.click("#set-lifetimes")
    lab.page.wait_for_selector("#lifetimes[data-browser-view=ready]")
    decade_days = float(lab.page.get_attribute("tr[data-cookie=demo_decade] .browser-expiry", "data-expires-days"))
    assert 390 < decade_days <= 400.01
    week_days = float(lab.page.get_attribute("tr[data-cookie=demo_week] .browser-expiry", "data-expires-days"))
    assert 6.9 < week_days <= 7.01
    session = lab.page.locator("tr[data-cookie=demo_session] .browser-expiry")
    assert session.get_attribute("data-expires-days") is None
    assert session.inner_text().startswith("session")
    # The server asked for ten years; the wire headers on the page say so.
    assert "Max-Age=315360000" in lab.page.inner_text("#lifetime-headers")
    stored = {c["name"]: c for c in lab.page.context.cookies() if c["name"].startswith("demo_")}
    assert stored["demo_session"]["expires"] == -1
    lab.watch.assert_clean()
