"""The session attacks lesson in real Chromium: each button answers at its result, the hijack with your own session."""

from __future__ import annotations

from urllib.parse import urlsplit


def test_the_hijack_shows_what_a_second_browser_with_your_cookie_gets(lab):
    lab.goto("/lessons/session-attacks/")
    lab.page.click("#demo-hijack")  # no session yet: the page says so, at the form
    lab.page.wait_for_selector("#demo-error")
    assert "no session yet" in lab.page.inner_text("#demo-error")
    assert urlsplit(lab.page.url).path == "/lessons/session-attacks/demo/"

    # A session to copy: a note in the coat-check (progress, a cookie of its own, starts none).
    lab.goto("/lessons/what-is-a-session/")
    lab.page.fill("#id_note", "a red umbrella")
    lab.page.click("#coat-check button[type=submit]")
    lab.page.wait_for_url("**/lessons/what-is-a-session/#coat-check-result")
    lab.goto("/lessons/session-attacks/")
    lab.page.click("#demo-hijack")
    lab.page.wait_for_url("**/lessons/session-attacks/?result=*#attack-result")
    session = next(c for c in lab.page.context.cookies() if c["name"] == "sessionid")
    answer = lab.page.inner_text("#hijack-answer")
    assert f"Session ending ...{session['value'][-6:]} is known to the server." in answer
    assert "Coat-check note: “a red umbrella”" in answer
    lab.watch.assert_clean()


def test_the_fixation_demo_lands_on_its_verdict(lab):
    lab.goto("/lessons/session-attacks/")
    lab.page.click("#demo-login-cycle")
    lab.page.wait_for_url("**#attack-result")
    assert lab.page.inner_text("#fixation-verdict").startswith("The attacker's id loads nothing")
    lab.watch.assert_clean()
