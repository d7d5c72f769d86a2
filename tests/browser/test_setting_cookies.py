"""The cookie workbench in real Chromium: what the browser keeps, and a refused cookie re-rendered."""

from __future__ import annotations

from tests.support.chromium import chromium_cookies


def test_the_workbench_sets_a_cookie_chromium_keeps(lab):
    lab.goto("/lessons/setting-cookies/")
    lab.page.fill("#id_name", "flavour")
    lab.page.fill("#id_value", "héllo wörld")
    lab.page.check("#id_encoding_1")
    lab.page.fill("#id_max_age", "600")
    lab.page.check("#id_httponly")
    lab.page.click("#workbench-form button[type=submit]")
    lab.page.wait_for_selector("#outcome")
    assert "kept it and sent it back" in lab.page.text_content("#outcome")
    kept = chromium_cookies(lab)["flavour"]
    assert kept["value"] == "aMOpbGxvIHfDtnJsZA" and kept["httpOnly"] is True
    lab.page.click("#held-cookies button")
    lab.page.wait_for_selector("#deleted-result")
    assert "flavour" not in chromium_cookies(lab)
    lab.watch.assert_clean()


def test_a_bad_cookie_is_refused_and_the_form_keeps_what_was_typed(lab):
    lab.goto("/lessons/setting-cookies/")
    lab.page.fill("#id_name", "a b")
    lab.page.fill("#id_value", "x;y")
    answers = []
    lab.page.on("response", lambda response: answers.append((response.request.method, response.status)))
    lab.page.click("#workbench-form button[type=submit]")
    lab.page.wait_for_selector("#id_name_error")
    assert ("POST", 200) in answers  # the page again, with the errors: no redirect
    assert lab.page.url.endswith("/lessons/setting-cookies/set/#workbench-form")
    assert lab.page.input_value("#id_value") == "x;y"
    assert lab.page.get_attribute("#id_name", "aria-invalid") == "true"
    assert "a b" not in chromium_cookies(lab)
