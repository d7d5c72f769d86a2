"""The cookie lessons' demos in real Chromium: what the browser keeps, what scripts may see and change."""

from __future__ import annotations

from http.cookies import SimpleCookie

from playwright.sync_api import expect


def chromium_cookies(lab) -> dict[str, dict]:
    return {cookie["name"]: cookie for cookie in lab.page.context.cookies()}


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
    response_status = []
    lab.page.on("response", lambda response: response_status.append(response.status))
    lab.page.click("#workbench-form button[type=submit]")
    lab.page.wait_for_selector("#id_name_error")
    assert 400 in response_status
    assert lab.page.input_value("#id_value") == "x;y"
    assert lab.page.get_attribute("#id_name", "aria-invalid") == "true"
    assert "a b" not in chromium_cookies(lab)


def test_httponly_is_invisible_to_javascript_and_cannot_be_overwritten(lab):
    lab.goto("/lessons/cookies-in-javascript/")
    assert "js_demo_httponly" in chromium_cookies(lab)  # the browser holds it...
    lab.page.click("#js-list")
    expect(lab.page.locator("#js-server-view")).to_contain_text("js_demo_httponly")
    assert "js_demo_httponly" not in lab.page.text_content("#js-document-cookie")  # ...scripts do not see it
    assert "js_demo_httponly" not in lab.page.text_content("#js-cookie-store")
    assert "js_demo_httponly=set-by-the-server" in lab.page.text_content("#js-server-view")
    lab.page.click("#js-overwrite")
    expect(lab.page.locator("#js-result")).not_to_be_empty()
    assert "The browser refused" in lab.page.text_content("#js-result")
    assert chromium_cookies(lab)["js_demo_httponly"]["value"] == "set-by-the-server"
    lab.watch.assert_clean()


def test_javascript_writes_then_expires_a_cookie(lab):
    lab.goto("/lessons/cookies-in-javascript/")
    lab.page.click("#js-write")
    expect(lab.page.locator("#js-result")).to_contain_text("very next request")
    assert chromium_cookies(lab)["js_demo_written"]["value"] == "written-by-js"
    lab.page.click("#js-expire")
    expect(lab.page.locator("#js-result")).to_contain_text("is gone")
    assert "js_demo_written" not in chromium_cookies(lab)
    assert "js_demo_written" not in lab.page.text_content("#js-server-view")
    assert "js_demo_written" not in lab.page.evaluate("document.cookie")
    lab.watch.assert_clean()


def test_the_tamper_button_makes_the_server_say_the_signature_is_invalid(lab):
    lab.goto("/lessons/signed-cookies/")
    lab.page.fill("#id_value", "student")
    lab.page.click("form[action$='/sign/'] button:not([name])")
    lab.page.wait_for_selector("#tamper")
    assert lab.page.get_attribute("#signed-status", "data-status") == "valid"
    lab.page.click("#tamper")
    expect(lab.page.locator("#signed-status")).to_have_attribute("data-status", "invalid")
    assert "The signature is invalid" in lab.page.text_content("#signed-status")
    assert chromium_cookies(lab)["signed_demo"]["value"].startswith("admin:")
    lab.page.reload()
    assert "The signature is invalid" in lab.page.text_content("#signed-status")  # the server, on a full page too
    lab.watch.assert_clean()


def test_the_rejection_lab_shows_what_chromium_kept(lab):
    lab.goto("/lessons/cookie-limits/")
    lab.page.click("#send-limits")
    lab.page.wait_for_url("**/cookie-limits/?sent=1*")
    expect(lab.page.locator("tr[data-cookie='limit_control'] .js-kept")).to_have_attribute("data-kept", "yes")
    held = chromium_cookies(lab)
    assert "limit_4096" in held and "limit_control" in held
    assert "limit_4097" not in held
    assert "limit_samesite_none" not in held
    assert "__Host-limit_broken" not in held
    expected = {
        "limit_4096": "yes",
        "limit_4097": "no",
        "limit_samesite_none": "no",
        "__Host-limit_broken": "no",
        "limit_control": "yes",
    }
    for column in ("server-kept", "js-kept"):
        shown = {name: lab.page.get_attribute(f"tr[data-cookie='{name}'] .{column}", "data-kept") for name in expected}
        assert shown == expected, column
    # The server's side, from the Cookie header of the request that rendered the page.
    header = lab.page.text_content("#wire code[data-header=cookie]").removeprefix("Cookie: ")
    received = SimpleCookie()
    received.load(header)
    assert "limit_4096" in received and "limit_4097" not in received
    lab.page.click("#clear-limits")
    lab.page.wait_for_load_state()
    assert "limit_4096" not in chromium_cookies(lab)
    lab.watch.assert_clean()
