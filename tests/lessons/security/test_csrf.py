"""The CSRF lesson: a transfer with the token goes through, one without it gets the site's friendly 403."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db


def transfer_count(browser: Client) -> str:
    return text(soup(browser.get(reverse("cookielab:csrf"))).select_one("#transfer-count"))


def test_csrf_with_the_token_works_and_without_it_gets_the_friendly_403():
    browser = Client(enforce_csrf_checks=True)
    page = soup(browser.get(reverse("cookielab:csrf")))
    token = page.select_one("#with-token").find_parent("form").select_one("[name=csrfmiddlewaretoken]")["value"]
    done = browser.post(reverse("cookielab:csrf-transfer"), {"csrfmiddlewaretoken": token})
    assert done.status_code == 303
    assert done["Location"] == "/lessons/csrf/?done=1#transfer"
    result = soup(browser.get(done["Location"]))
    assert text(result.select_one("#transfer")) == "Transfers this session made: 1 — one more just went through."

    refused = browser.post(reverse("cookielab:csrf-transfer"))
    assert refused.status_code == 403
    failure = soup(refused)
    assert "forged request" in text(failure.select_one("h1"))
    assert text(failure.select_one("#csrf-reason")) == "CSRF token missing."
    assert failure.select_one("a[href='/lessons/csrf/']") is not None
    assert transfer_count(browser) == "1"


def test_the_form_without_the_token_really_has_none(client):
    page = soup(client.get(reverse("cookielab:csrf")))
    forged = page.select_one("#without-token").find_parent("form")
    assert forged["action"] == reverse("cookielab:csrf-transfer") + "#csrf-refused"
    assert forged.select_one("[name=csrfmiddlewaretoken]") is None
    assert text(page.select_one("#transfer-count")) == "0"


def test_a_forged_origin_is_refused_even_with_a_valid_token():
    browser = Client(enforce_csrf_checks=True)
    page = soup(browser.get(reverse("cookielab:csrf")))
    token = page.select_one("[name=csrfmiddlewaretoken]")["value"]
    refused = browser.post(
        reverse("cookielab:csrf-transfer"), {"csrfmiddlewaretoken": token}, HTTP_ORIGIN="http://localhost:8000"
    )
    assert refused.status_code == 403
    assert "Origin checking failed" in text(soup(refused).select_one("#csrf-reason"))
    assert transfer_count(browser) == "0"


def test_transfers_count_per_session():
    first, second = Client(), Client()
    first.post(reverse("cookielab:csrf-transfer"))
    first.post(reverse("cookielab:csrf-transfer"))
    assert transfer_count(first) == "2"
    assert transfer_count(second) == "0"


def test_the_transfer_answers_post_only(client):
    assert client.get(reverse("cookielab:csrf-transfer")).status_code == 405
