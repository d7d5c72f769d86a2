"""What cookies are used for, in real Chromium: localStorage vs cookie theme, one cookie per host name."""

from __future__ import annotations

import pytest
from django.urls import reverse


def loopback_variant(url: str) -> str:
    """The live server's URL under its other loopback name (localhost <-> 127.0.0.1)."""
    if "://localhost" in url:
        return url.replace("://localhost", "://127.0.0.1", 1)
    return url.replace("://127.0.0.1", "://localhost", 1)


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
    lab.page.wait_for_selector("#local-theme-card[data-applied-ms]")  # a selector: no eval under the site's CSP
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
    first_host_cookies = [c["name"] for c in lab.page.context.cookies(first + path)]  # on the lesson's path
    assert "host_marker" in first_host_cookies
    assert "host_marker" not in [c["name"] for c in lab.page.context.cookies(second + path)]
    lab.page.wait_for_load_state("networkidle")
    assert lab.page.evaluate("document.getElementById('cross-site-pixel').naturalWidth") == 340
    lab.watch.assert_clean()


def test_the_head_script_themes_before_the_first_paint_and_each_note_says_what_was_measured(lab):
    path = reverse("cookielab:cookie-use-cases")
    lab.goto(path)
    lab.page.click("#local-theme-card button[data-local-theme=dark]")

    response = lab.goto(path)
    assert 'class="card early-theme" id="early-theme-card"' in response.text()  # the server sends the default
    lab.page.wait_for_selector("#early-theme-card[data-verdict]")
    assert lab.page.evaluate("document.documentElement.dataset.earlyTheme") == "dark"
    early_background = lab.page.eval_on_selector("#early-theme-card", "card => getComputedStyle(card).color")
    module_background = lab.page.eval_on_selector("#local-theme-card", "card => getComputedStyle(card).color")
    assert early_background == module_background == "rgb(236, 231, 218)"  # both dark

    timings = lab.page.evaluate(
        """() => {
          const entry = performance.getEntriesByType("paint").find((e) => e.name === "first-paint")
            || performance.getEntriesByType("paint").find((e) => e.name === "first-contentful-paint");
          const card = (id) => document.getElementById(id).dataset;
          return { paint: entry.startTime, early: card("early-theme-card"), module: card("local-theme-card") };
        }"""
    )
    # The blocking script in <head> ran before the first paint: the early card never showed the default.
    assert float(lab.page.evaluate("document.documentElement.dataset.earlyThemeMs")) < timings["paint"]
    assert timings["early"]["verdict"] == "before-paint"
    assert "before anything was drawn" in lab.page.inner_text("#early-theme-note")
    # The module script's card may land on either side of the first paint; its note must say which.
    module_verdict = timings["module"]["verdict"]
    applied, painted = int(timings["module"]["appliedMs"]), int(timings["module"]["firstPaintMs"])
    note = lab.page.inner_text("#local-theme-note")
    if module_verdict == "after-paint":
        assert applied >= painted and "the flash" in note
    else:
        assert module_verdict == "before-paint" and applied <= painted and "no frame showed the default" in note
    assert "after the navigation started" not in note  # a paint was measured, so no bare elapsed-time claim
    lab.watch.assert_clean()
