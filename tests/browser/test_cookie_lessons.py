"""The cookie lessons in real Chromium: stored expiry, localStorage vs cookie theme, paths, hosts."""

from __future__ import annotations

import pytest
from django.urls import reverse

DAY_MS = 86_400_000


def loopback_variant(url: str) -> str:
    """The live server's URL under its other loopback name (localhost <-> 127.0.0.1)."""
    if "://localhost" in url:
        return url.replace("://localhost", "://127.0.0.1", 1)
    return url.replace("://127.0.0.1", "://localhost", 1)


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


def test_the_localstorage_theme_arrives_after_the_page_and_the_cookie_theme_with_it(lab):
    path = reverse("cookielab:cookie-use-cases")
    lab.goto(path)
    lab.page.click("#local-theme-card button[data-local-theme=dark]")
    assert lab.page.evaluate("localStorage.getItem('cookielab_theme_local')") == "dark"

    response = lab.goto(path)
    served = response.text()
    assert 'class="card local-theme" id="local-theme-card"' in served  # the server never knew: the card starts default
    card = lab.page.locator("#local-theme-card")
    card.wait_for(state="visible")
    lab.page.wait_for_function("document.getElementById('local-theme-card').dataset.appliedMs !== undefined")
    assert "theme-dark" in card.get_attribute("class")
    assert "applied" in lab.page.inner_text("#local-theme-note")
    assert lab.page.get_attribute("body", "class") == "theme-system"

    lab.page.check("#id_theme_1")  # Dark, in the cookie
    lab.page.click("#theme-form button[type=submit]")
    response = lab.goto(path)
    assert '<body class="theme-dark">' in response.text()  # rendered by the server: no flash
    background = lab.page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(23, 21, 15)"
    lab.watch.assert_clean()


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


def test_the_browser_sends_both_same_name_cookies_longest_path_first(lab):
    lab.goto(reverse("cookielab:reading-cookies"))
    lab.page.click("#set-duplicates")
    assert "dup_demo=this-lesson, then dup_demo=site-wide" in " ".join(
        lab.page.inner_text("#duplicate-report dd").split()
    )
    assert lab.page.inner_text("#django-kept") == "site-wide"
    assert lab.page.inner_text("#first-wins-kept") == "this-lesson"
    lab.watch.assert_clean()


@pytest.mark.usefixtures("transactional_db")
def test_a_cookie_set_on_one_host_name_is_not_sent_to_the_other(lab, live_server):
    path = reverse("cookielab:cookie-use-cases")
    first = live_server.url
    second = loopback_variant(first)
    assert first != second

    lab.page.goto(first + path)
    lab.page.click("#mark-host")
    assert "sent host_marker=set-on-" in lab.page.inner_text("#host-result")

    with lab.page.expect_response(lambda r: r.url.startswith(first) and r.url.endswith("pixel.svg")) as cross:
        lab.page.goto(second + path)
    assert "sent no host_marker cookie" in " ".join(lab.page.inner_text("#host-result").split())
    # The image from the first host is a third-party request here: its cookies stayed home (SameSite=Lax).
    pixel = cross.value
    assert "cookie" not in pixel.request.all_headers()
    assert "no cookies" in pixel.text()
    first_host_cookies = [c["name"] for c in lab.page.context.cookies(first)]
    assert "host_marker" in first_host_cookies
    assert "host_marker" not in [c["name"] for c in lab.page.context.cookies(second)]
    lab.page.wait_for_load_state("networkidle")
    assert lab.page.evaluate("document.getElementById('cross-site-pixel').naturalWidth") == 340
    lab.watch.assert_clean()


def test_where_cookies_live_marks_httponly_cookies(lab):
    lab.goto(reverse("cookielab:where-cookies-live"))
    lab.goto(reverse("cookielab:where-cookies-live"))
    lab.page.wait_for_selector("#cookie-views[data-views=ready]")
    assert lab.page.inner_text("tr[data-cookie=cookielab_wire] .script-sees") == "no — HttpOnly"
    assert lab.page.inner_text("tr[data-cookie=csrftoken] .script-sees") == "yes"
    lab.watch.assert_clean()
