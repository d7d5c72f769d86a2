"""The httpbin lesson's demo in Chromium: fetch() calls the API, shows the JSON, refreshes the wire panel."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

from django.urls import reverse

LESSON = reverse("cookielab:httpbin-api")


def test_a_demo_link_sets_cookies_and_shows_the_json(lab):
    lab.goto(LESSON)
    lab.page.get_by_role("link", name="Set flavour=oatmeal and batch=2").click()
    exchange = lab.page.locator("#httpbin-exchange")
    exchange.filter(has_text="→ 200").wait_for()
    assert "ended at GET /httpbin/cookies" in exchange.inner_text()
    cookies = json.loads(lab.page.locator("#httpbin-output").inner_text())["cookies"]
    assert cookies == {"flavour": "oatmeal", "batch": "2", "csrftoken": cookies["csrftoken"]}  # the quiz's token
    # The panel lists the API's Set-Cookie; the panel's own request, outside /httpbin, does not carry the cookie.
    lab.page.locator("#wire .wire-story code[data-header=set-cookie]", has_text="flavour=oatmeal").wait_for()
    assert "flavour=" not in lab.page.locator("#wire .wire-step.is-last .wire-request").inner_text()
    held = {cookie["name"]: cookie for cookie in lab.page.context.cookies()}
    assert held["flavour"]["path"] == held["batch"]["path"] == "/httpbin"
    assert held["flavour"]["expires"] <= time.time() + 3600 + 5
    assert lab.page.url == lab.url(LESSON) + "#httpbin-result"  # the page stayed, at its result; fetch() went
    lab.watch.assert_clean()


def test_the_form_shows_the_apis_refusal(lab):
    lab.goto(LESSON)
    lab.page.get_by_label("Name").fill("bad name")
    lab.page.get_by_label("Value").fill("1")
    lab.page.get_by_role("button", name="Set it through /cookies/set").click()
    lab.page.locator("#httpbin-exchange", has_text="→ 400").wait_for()
    assert "not an HTTP token" in json.loads(lab.page.locator("#httpbin-output").inner_text())["error"]
    assert all(cookie["name"] != "bad name" for cookie in lab.page.context.cookies())
    # Chromium logs every 4xx fetch as a console error; nothing else may appear.
    assert all("status of 400" in problem for problem in lab.watch.problems), lab.watch.problems


def test_without_javascript_a_link_shows_the_apis_json(lab, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(lab.url(LESSON))
        page.get_by_role("link", name="Be redirected three times").click()
        page.wait_for_url(lab.url(reverse("cookielab:httpbin-get")))
        assert set(json.loads(page.locator("body").inner_text())) == {"args", "headers", "origin", "url"}
    finally:
        context.close()


def test_the_cookie_bomb_of_issue_17_leaves_the_lessons_working(lab):
    """Chromium follows 11 links that each ask for 16 cookies on /lessons for 400 days (as another site could)."""
    for link in range(11):
        query = urlencode(
            [
                ("Set-Cookie", f"bomb{link}_{i}={'x' * 300}; Path=/lessons; Domain=example.org; Max-Age=34560000")
                for i in range(16)
            ]
        )
        lab.page.goto(lab.url(reverse("cookielab:httpbin-response-headers")) + "?" + query)
    held = [cookie for cookie in lab.page.context.cookies() if cookie["name"].startswith("bomb")]
    assert 0 < len(held) <= 50
    assert all(cookie["path"] == "/httpbin" and cookie["domain"] == "localhost" for cookie in held)
    assert all(cookie["expires"] <= time.time() + 3600 + 5 for cookie in held)
    response = lab.page.goto(lab.url(LESSON))
    assert response is not None and response.status == 200
    assert "bomb" not in (response.request.header_value("cookie") or "")
