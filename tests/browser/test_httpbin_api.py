"""The httpbin lesson's demo in Chromium: fetch() calls the API, shows the JSON, refreshes the wire panel."""

from __future__ import annotations

import json

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
    lab.page.locator("#wire code[data-header=cookie]", has_text="flavour=oatmeal").wait_for()
    assert lab.page.url == lab.url(LESSON)  # the page stayed; only fetch() went to the API
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
