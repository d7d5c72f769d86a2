"""The security lessons perform what they teach: real flags, a real 403, real attacks on throwaway sessions."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cookielab.lessons import LESSONS
from cookielab.security import FLAG_COOKIES
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

FLAGS_PATH = "/lessons/cookie-flags/"


def test_the_security_part_has_its_three_lessons():
    security = [lesson.slug for lesson in LESSONS if lesson.part == "Security"]
    assert security == ["cookie-flags", "csrf", "session-attacks"]


def test_setting_the_flag_cookies_sends_each_attribute(client):
    response = client.post(reverse("cookielab:cookie-flags-set"))
    assert response.status_code == 302
    jar = {}
    for header in set_cookie_headers(response):
        jar.update(parse_set_cookie(header))
    assert set(jar) == {cookie.name for cookie in FLAG_COOKIES}
    assert all(morsel["path"] == FLAGS_PATH for morsel in jar.values())
    assert jar["lab_httponly"]["httponly"] and not jar["lab_plain"]["httponly"]
    assert jar["lab_secure"]["secure"]
    assert jar["lab_strict"]["samesite"] == "Strict"
    assert jar["lab_lax"]["samesite"] == "Lax"
    assert jar["lab_none"]["samesite"] == "None" and jar["lab_none"]["secure"]


def test_the_table_shows_which_cookies_arrived(client):
    client.cookies["lab_strict"] = "1"
    page = soup(client.get(FLAGS_PATH))
    arrived = {row["data-cookie"]: text(row.select_one(".arrived")) for row in page.select("tr[data-cookie]")}
    assert arrived["lab_strict"] == "yes"
    assert arrived["lab_lax"] == "no"


def test_the_cross_site_page_targets_the_other_loopback_name(client):
    page = soup(client.get(reverse("cookielab:cookie-flags-cross-site"), HTTP_HOST="127.0.0.1:8000"))
    assert page.select_one("#cross-link")["href"] == "http://localhost:8000/lessons/cookie-flags/arrived/"
    assert page.select_one("#cross-pixel")["src"] == "http://localhost:8000/lessons/cookie-flags/pixel.svg"
    forged = page.select_one("#forged-transfer").find_parent("form")
    assert forged["action"] == "http://localhost:8000/lessons/csrf/transfer/"
    assert forged.select_one("[name=csrfmiddlewaretoken]") is None
    lesson = soup(client.get(FLAGS_PATH, HTTP_HOST="localhost:8000"))
    assert lesson.select_one("#twin-link")["href"] == "http://127.0.0.1:8000/lessons/cookie-flags/cross-site/"


def test_a_cross_site_post_is_reported_not_refused():
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["lab_none"] = "1"
    response = browser.post(reverse("cookielab:cookie-flags-arrived"), HTTP_ORIGIN="http://localhost:8000")
    assert response.status_code == 200
    page = soup(response)
    assert "POST request just arrived" in text(page.select_one("#arrival"))
    assert text(page.select_one("tr[data-cookie=lab_none] .arrived")) == "yes"


def test_the_pixel_lists_the_cookies_that_came(client):
    client.cookies["lab_lax"] = "1"
    svg = client.get(reverse("cookielab:cookie-flags-pixel"))
    assert svg["Content-Type"] == "image/svg+xml"
    body = svg.content.decode()
    assert "lab_lax: arrived" in body and "lab_strict: not sent" in body


def test_csrf_with_the_token_works_and_without_it_gets_the_friendly_403():
    browser = Client(enforce_csrf_checks=True)
    page = soup(browser.get(reverse("cookielab:csrf")))
    token = page.select_one("#with-token").find_parent("form").select_one("[name=csrfmiddlewaretoken]")["value"]
    assert browser.post(reverse("cookielab:csrf-transfer"), {"csrfmiddlewaretoken": token}).status_code == 302
    assert text(soup(browser.get(reverse("cookielab:csrf"))).select_one("#transfer-count")) == "1"

    refused = browser.post(reverse("cookielab:csrf-transfer"))
    assert refused.status_code == 403
    failure = soup(refused)
    assert "forged request" in text(failure.select_one("h1"))
    assert text(failure.select_one("#csrf-reason")) == "CSRF token missing."
    assert text(soup(browser.get(reverse("cookielab:csrf"))).select_one("#transfer-count")) == "1"


def run_demo(client: Client, demo: str):
    return client.post(reverse("cookielab:session-attacks-demo"), {"demo": demo})


def test_an_invented_session_id_is_thrown_away(client):
    page = soup(run_demo(client, "invented-id"))
    assert "thrown away" in text(page.select_one("#attack-result"))
    assert not text(page.select_one("#issued-key")).startswith("attackerchose")


def test_fixation_works_without_cycle_key_and_fails_with_it(client):
    without = text(soup(run_demo(client, "login-no-cycle")).select_one("#fixation-verdict"))
    assert without.startswith("The attacker's id now loads the victim's login")
    with_cycle = text(soup(run_demo(client, "login-cycle")).select_one("#fixation-verdict"))
    assert with_cycle.startswith("The attacker's id loads nothing")


def test_a_signed_cookie_session_still_loads_after_logout(client):
    page = soup(run_demo(client, "signed-replay"))
    assert "'demo_user': 'ada'" in text(page.select_one("#replayed"))


def test_an_unknown_demo_is_a_clear_400(client):
    response = run_demo(client, "<script>")
    assert response.status_code == 400
    assert "named no demo" in text(soup(response).select_one("#demo-error"))


def test_a_copied_session_cookie_works_in_a_second_browser(live_server, transactional_db):
    """The server sends the student's cookie from a separate HTTP connection (the live server) and is recognised."""
    host = live_server.url.split("//", 1)[1]
    student = Client(HTTP_HOST=host)
    lesson = LESSONS[0]
    student.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": lesson.quiz.answer})
    answer = text(soup(run_demo(student, "hijack")).select_one("#hijack-answer"))
    assert "is known to the server" in answer
    assert "Lessons completed: 1" in answer
