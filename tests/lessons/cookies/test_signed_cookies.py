"""Signed cookies: Django's value:timestamp:signature, tampering and expiry, over HTTP."""

from __future__ import annotations

import time

import pytest
from django.core import signing
from django.test import RequestFactory
from django.urls import reverse

from cookielab.lessons.cookies import signed_cookies as signed
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/lessons/signed-cookies/"


def signed_header(response) -> str:
    return next(h for h in set_cookie_headers(response) if h.startswith(f"{signed.COOKIE_NAME}="))


def test_sign_sets_value_timestamp_signature_that_django_accepts(client):
    response = client.post(reverse("cookielab:signed-cookies-sign"), {"value": "student"})
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#signed-result"
    morsel = parse_set_cookie(signed_header(response))[signed.COOKIE_NAME]
    value, stamp, signature = morsel.value.split(":")
    assert value == "student"
    assert abs(signing.b62_decode(stamp) - time.time()) < 60
    assert signature
    assert morsel["httponly"] == ""  # editable with document.cookie on purpose
    request = RequestFactory().get("/", HTTP_COOKIE=f"{signed.COOKIE_NAME}={morsel.value}")
    assert request.get_signed_cookie(signed.COOKIE_NAME, salt=signed.SALT) == "student"
    page = soup(client.get(URL))
    assert "The signature is valid" in text(page.select_one("#signed-status"))
    assert text(page.select_one("#signed-parts")).startswith("value student timestamp")


def test_tampering_makes_the_signature_invalid(client):
    client.post(reverse("cookielab:signed-cookies-sign"), {"value": "student"})
    original = client.cookies[signed.COOKIE_NAME].value
    response = client.post(reverse("cookielab:signed-cookies-tamper"))
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#signed-result"
    tampered = parse_set_cookie(signed_header(response))[signed.COOKIE_NAME].value
    assert tampered.split(":")[0] == "admin"
    assert tampered.split(":")[1:] == original.split(":")[1:]
    page = soup(client.get(URL))
    status = page.select_one("#signed-status")
    assert status["data-status"] == "invalid"
    assert "the signature is invalid" in text(status).lower()
    assert client.get(reverse("cookielab:signed-cookies-verify")).json()["status"] == "invalid"


def test_a_signature_made_10_seconds_ago_has_expired_for_max_age_5(client):
    response = client.post(reverse("cookielab:signed-cookies-sign"), {"value": "student", "backdate": "on"})
    stamp = parse_set_cookie(signed_header(response))[signed.COOKIE_NAME].value.split(":")[1]
    assert int(time.time()) - signing.b62_decode(stamp) >= signed.BACKDATE_SECONDS
    page = soup(client.get(URL))
    assert page.select_one("#signed-status")["data-status"] == "valid"
    expired = page.select_one("#signed-status-max-age")
    assert expired["data-status"] == "expired"
    assert "SignatureExpired" in text(expired)


def test_sign_value_is_what_set_signed_cookie_stores():
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_signed_cookie(signed.COOKIE_NAME, "abc", salt=signed.SALT)
    assert response.cookies[signed.COOKIE_NAME].value.split(":")[0] == "abc"
    at = int(time.time())
    ours = signed.sign_value("abc", signed_at=at)

    def read(value: str, max_age: int | None = None) -> str:  # as Django reads the cookie, this version's salt
        request = RequestFactory().get("/", HTTP_COOKIE=f"{signed.COOKIE_NAME}={value}")
        return request.get_signed_cookie(signed.COOKIE_NAME, salt=signed.SALT, max_age=max_age)

    assert read(ours) == "abc"
    with pytest.raises(signing.SignatureExpired):
        read(signed.sign_value("abc", signed_at=at - 10), max_age=5)


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("", "Type a value to sign."),
        ("a b", "cannot contain a space"),
        ("a;b\r\nX-Injected: 1", "cannot contain “;”"),
        ("x" * 5000, "200 characters or fewer"),
    ],
)
def test_bad_values_are_refused_clearly(client, value, error):
    response = client.post(reverse("cookielab:signed-cookies-sign"), {"value": value})
    assert response.status_code == 200
    assert error in text(soup(response).select_one("#id_value_error"))
    assert signed.COOKIE_NAME not in response.cookies
    assert not any(header.lower().startswith("x-injected") for header in response.headers)


def test_no_cookie_yet_says_so(client):
    assert "No signed cookie yet" in text(soup(client.get(URL)).select_one("#signed-status"))
    response = client.post(reverse("cookielab:signed-cookies-tamper"))
    assert response.status_code == 303
    assert signed.COOKIE_NAME not in response.cookies


def test_a_second_tamper_edits_the_edited_value_again(client):
    client.post(reverse("cookielab:signed-cookies-sign"), {"value": "student"})
    client.post(reverse("cookielab:signed-cookies-tamper"))
    assert client.cookies[signed.COOKIE_NAME].value.startswith("admin:")
    client.post(reverse("cookielab:signed-cookies-tamper"))
    assert client.cookies[signed.COOKIE_NAME].value.startswith("root:")


def test_the_forms_post_to_the_server_and_open_the_page_at_their_place(client):
    client.post(reverse("cookielab:signed-cookies-sign"), {"value": "student"})
    page = soup(client.get(URL))
    sign_form = page.select_one("#sign-form")
    assert sign_form["method"] == "post"
    assert sign_form["action"] == reverse("cookielab:signed-cookies-sign") + "#sign-form"
    tamper_form = page.select_one("#tamper-form")
    assert (
        tamper_form["method"] == "post"
        and tamper_form["action"] == reverse("cookielab:signed-cookies-tamper") + "#signed-result"
    )
    assert page.select("script[src*='signed-cookies']") == []  # the server does the tampering, no script


def test_verify_is_a_read(client):
    verify = reverse("cookielab:signed-cookies-verify")
    assert client.get(verify).json()["status"] == "missing"
    assert client.head(verify).status_code == 200
    assert client.post(verify).status_code == 405


@pytest.mark.urls("tests.support.mounted_urls")
def test_everything_follows_the_mount_point(client):
    response = client.post("/learn/lessons/signed-cookies/sign/", {"value": "x"})
    assert response["Location"] == "/learn/lessons/signed-cookies/#signed-result"
    assert response.cookies["signed_demo"]["path"] == "/learn/lessons/signed-cookies/"


def test_cookie_parser_is_credited_with_checking_and_express_with_signing(client):
    page = soup(client.get(URL))
    words = text(page.select_one(".lesson"))
    assert "cookie-parser also signs" not in words
    assert "it verifies each signature and strips it off" in words
    assert "The signing itself is Express's job" in words
    row = text(next(tr for tr in page.select("tr") if tr.th and text(tr.th) == "Set signed"))
    assert "cookie-parser only supplies the secret" in row
