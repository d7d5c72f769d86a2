"""The cookie flags lesson sets real flags and shows which cookies a request from another site carried."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cookielab.lessons import LESSONS
from cookielab.lessons.cookies.cookie_flags import FLAG_COOKIES
from tests.support.html import PROGRESS_COOKIE
from tests.support.html import set_cookie_jar
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

FLAGS_PATH = "/lessons/cookie-flags/"


def test_the_attributes_come_right_after_setting_cookies_and_the_attacks_stay_in_security():
    slugs = [lesson.slug for lesson in LESSONS]
    flags = slugs.index("cookie-flags")
    assert slugs[flags - 1] == "setting-cookies"
    assert LESSONS[flags].part == "Cookies"
    assert [lesson.slug for lesson in LESSONS if lesson.part == "Security"] == ["csrf", "session-attacks"]


def test_setting_the_flag_cookies_sends_each_attribute(client):
    response = client.post(reverse("cookielab:cookie-flags-set"))
    assert response.status_code == 303
    assert response["Location"] == f"{FLAGS_PATH}?set=1#flags-result"
    assert PROGRESS_COOKIE in set_cookie_jar(response)  # the first time: "you had the server set cookies" is marked
    jar = set_cookie_jar(response, progress=False)
    assert set(jar) == {cookie.name for cookie in FLAG_COOKIES}
    assert all(morsel["path"] == FLAGS_PATH for morsel in jar.values())
    assert all(morsel["max-age"] == "3600" for morsel in jar.values())  # short-lived: they leave no trace for long
    assert jar["lab_httponly"]["httponly"] and not jar["lab_plain"]["httponly"]
    assert jar["lab_secure"]["secure"]
    assert jar["lab_strict"]["samesite"] == "Strict"
    assert jar["lab_lax"]["samesite"] == "Lax"
    assert jar["lab_none"]["samesite"] == "None" and jar["lab_none"]["secure"]
    page = soup(client.get(response["Location"]))
    assert "six Set-Cookie headers" in text(page.select_one("#flags"))


def test_expiring_the_flag_cookies_deletes_each_on_its_path(client):
    client.post(reverse("cookielab:cookie-flags-set"))
    response = client.post(reverse("cookielab:cookie-flags-clear"))
    assert response.status_code == 303
    assert response["Location"] == f"{FLAGS_PATH}?cleared=1#flags-result"
    jar = set_cookie_jar(response)
    assert set(jar) == {cookie.name for cookie in FLAG_COOKIES}
    assert all(morsel.value == "" and morsel["max-age"] == "0" for morsel in jar.values())
    assert all(morsel["path"] == FLAGS_PATH for morsel in jar.values())


def test_the_flag_actions_answer_post_only(client):
    assert client.get(reverse("cookielab:cookie-flags-set")).status_code == 405
    assert client.get(reverse("cookielab:cookie-flags-clear")).status_code == 405


def test_the_table_shows_which_cookies_arrived(client):
    client.cookies["lab_strict"] = "1"
    page = soup(client.get(FLAGS_PATH))
    arrived = {row["data-cookie"]: text(row.select_one(".arrived")) for row in page.select("tr[data-cookie]")}
    assert arrived["lab_strict"] == "yes"
    assert arrived["lab_lax"] == "no"
    assert text(page.select_one("tr[data-cookie=lab_none] td")).startswith("SameSite=None; Secure")


def test_the_cross_site_page_targets_the_other_loopback_name(client):
    page = soup(client.get(reverse("cookielab:cookie-flags-cross-site"), HTTP_HOST="127.0.0.1:8000"))
    assert page.select_one("#cross-link")["href"] == "http://localhost:8000/lessons/cookie-flags/arrived/#arrival"
    assert page.select_one("#cross-pixel")["src"] == "http://localhost:8000/lessons/cookie-flags/pixel.svg"
    forged = page.select_one("#forged-transfer").find_parent("form")
    assert forged["action"] == "http://localhost:8000/lessons/csrf/transfer/"
    assert forged.select_one("[name=csrfmiddlewaretoken]") is None
    lesson = soup(client.get(FLAGS_PATH, HTTP_HOST="localhost:8000"))
    assert lesson.select_one("#twin-link")["href"] == "http://127.0.0.1:8000/lessons/cookie-flags/cross-site/"


def test_off_loopback_there_is_no_other_site_to_offer(client, settings):
    settings.ALLOWED_HOSTS = ["lab.example"]
    launcher = soup(client.get(reverse("cookielab:cookie-flags-cross-site"), HTTP_HOST="lab.example"))
    assert launcher.select_one("#cross-link") is None
    assert "only works on" in text(launcher.select_one("article"))
    lesson = soup(client.get(FLAGS_PATH, HTTP_HOST="lab.example"))
    assert lesson.select_one("#twin-link") is None


def test_a_cross_site_post_is_reported_not_refused():
    browser = Client(enforce_csrf_checks=True)
    browser.cookies["lab_none"] = "1"
    response = browser.post(reverse("cookielab:cookie-flags-arrived"), HTTP_ORIGIN="http://localhost:8000")
    assert response.status_code == 200
    page = soup(response)
    assert "POST request just arrived" in text(page.select_one("#arrival"))
    assert page.select_one("#arrival code:nth-of-type(4)").get_text() == "http://localhost:8000"
    assert text(page.select_one("tr[data-cookie=lab_none] .arrived")) == "yes"
    assert page.select_one("#twin-link") is None


def test_the_pixel_lists_the_cookies_that_came(client):
    client.cookies["lab_lax"] = "1"
    svg = client.get(reverse("cookielab:cookie-flags-pixel"))
    assert svg["Content-Type"] == "image/svg+xml"
    assert "no-store" in svg["Cache-Control"]
    body = svg.content.decode()
    assert "lab_lax: arrived" in body and "lab_strict: not sent" in body


@pytest.mark.parametrize(
    ("header", "footnote"),
    [
        ("none", "3rd-party cookies: blocked"),
        ("active", "3rd-party cookies: allowed"),
        ("inactive", "3rd-party cookies: held back"),
        (None, None),
        ("bogus<svg>", None),
    ],
)
def test_the_pixel_repeats_what_the_browser_said_about_third_party_cookies(client, header, footnote):
    extra = {} if header is None else {"HTTP_SEC_FETCH_STORAGE_ACCESS": header}
    body = client.get(reverse("cookielab:cookie-flags-pixel"), **extra).content.decode()
    if footnote:
        assert f">{footnote}</text>" in body
    else:
        assert "3rd-party" not in body and "bogus" not in body


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("127.8.9.10", True), ("[::1]", True), ("classroom.test", False)],
)
def test_the_secure_verdict_says_what_this_browser_did_over_plain_http(client, settings, host, loopback):
    settings.ALLOWED_HOSTS = [host.strip("[]"), host]
    before = soup(client.get(FLAGS_PATH, HTTP_HOST=host)).select_one("#secure-verdict")
    assert before["data-scheme"] == "http" and before["data-loopback"] == ("yes" if loopback else "no")
    assert "Set six demo cookies" in text(before) and not before.has_attr("data-kept")

    client.cookies["lab_secure"] = "1"  # what a browser that kept it sends back
    kept = soup(client.get(FLAGS_PATH + "?set=1", HTTP_HOST=host)).select_one("#secure-verdict")
    assert kept["data-kept"] == "yes" and "Your browser kept lab_secure" in text(kept)
    assert ("potentially trustworthy" in text(kept)) is loopback

    del client.cookies["lab_secure"]
    dropped = soup(client.get(FLAGS_PATH + "?set=1", HTTP_HOST=host)).select_one("#secure-verdict")
    assert dropped["data-kept"] == "no" and "Your browser dropped lab_secure" in text(dropped)
    assert "secure: true" in text(dropped)


def test_the_samesite_none_text_names_the_third_party_rules_on_top(client):
    words = text(soup(client.get(FLAGS_PATH)).select_one(".lesson"))
    assert "None: all of them" not in words
    assert "third-party cookie rules, which come on top of SameSite" in words


@pytest.mark.parametrize(("host", "predicted"), [("127.0.0.1", False), ("classroom.test", True)])
def test_an_untrustworthy_origin_is_told_before_the_click_that_secure_cookies_will_go(
    client, settings, host, predicted
):
    settings.ALLOWED_HOSTS = [host]
    verdict = soup(client.get(FLAGS_PATH, HTTP_HOST=host)).select_one("#secure-verdict")
    assert verdict["data-trustworthy"] == ("no" if predicted else "yes")
    prediction = verdict.select_one("#secure-prediction")
    assert (prediction is not None) is predicted
    if predicted:
        assert "expect your browser to drop lab_secure" in text(prediction)
