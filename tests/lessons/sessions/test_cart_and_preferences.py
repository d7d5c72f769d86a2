"""The cart and preferences lesson: kept in the session, validated on the server, shown as stored."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text
from tests.support.mounted import addresses_outside_the_mount

pytestmark = pytest.mark.django_db

URL = "/lessons/cart-and-preferences/"
ADD = URL + "add/"
REMOVE = URL + "remove/"


def test_adding_removing_and_clearing_live_in_the_session(client):
    added = client.post(ADD, {"product": "fortune-cookie", "quantity": "3"})
    assert added.status_code == 303
    assert added["Location"] == URL + "#cart"
    client.post(ADD, {"product": "fortune-cookie", "quantity": "2"})
    client.post(ADD, {"product": "cookie-jar", "quantity": "1"})
    assert client.session["cart"] == {"fortune-cookie": 5, "cookie-jar": 1}
    page = soup(client.get(URL))
    rows = [text(row) for row in page.select("#cart-lines tbody tr")]
    assert rows[0].startswith("Fortune cookie 5 €4.50")
    assert text(page.select_one("#cart-total")) == "€19.00"

    client.post(REMOVE, {"product": "fortune-cookie"})
    assert client.session["cart"] == {"cookie-jar": 1}
    client.post(URL + "clear/")
    assert "cart" not in client.session
    assert soup(client.get(URL)).select_one("#cart-empty") is not None


def test_only_the_key_travels_in_the_cookie(client):
    response = client.post(ADD, {"product": "recipe-book", "quantity": "2"})
    # sessionid, and the course's own progress cookie marking "you stored something in a session" (once)
    assert set(response.cookies) == {"sessionid", "cookielab_progress"}
    assert "recipe" not in response.cookies["cookielab_progress"].value
    again = client.post(ADD, {"product": "recipe-book", "quantity": "1"})
    assert "cookielab_progress" not in again.cookies  # marked already: nothing new to send
    assert "recipe" not in response.cookies["sessionid"].value


def test_the_page_shows_the_session_as_stored_and_its_size(client):
    client.post(ADD, {"product": "glass-of-milk", "quantity": "4"})
    page = soup(client.get(URL))
    stored = page.select_one("#session-json").get_text()
    assert json.loads(stored)["cart"] == {"glass-of-milk": 4}
    assert int(text(page.select_one("#json-bytes"))) == len(stored.encode())
    assert int(text(page.select_one("#stored-bytes"))) > 0


def test_preferences_change_currency_and_page_size(client):
    saved = client.post(URL + "preferences/", {"currency": "GBP", "per_page": "2"})
    assert saved.status_code == 303
    assert saved["Location"] == URL + "?saved=1#preferences-result"
    assert client.session["preferences"] == {"currency": "GBP", "per_page": 2}
    page = soup(client.get(URL))
    assert len(page.select("#products tbody tr")) == 2
    assert "£1.28" in text(page.select_one("#products"))  # 1.50 EUR at the demo rate 0.85
    assert len(soup(client.get(URL, {"page": "3"})).select("#products tbody tr")) == 2
    assert client.get(URL, {"page": "; \r\n"}).status_code == 200


@pytest.mark.parametrize(
    ("quantity", "error"),
    [
        ("; \r\n", "Type a whole number from 1 to 99."),
        ("9" * 5000, "Type a whole number from 1 to 99."),
        ("-3", "At least 1"),
        ("0", "At least 1"),
        ("100", "At most 99 at a time."),
        ("", "Say how many."),
        ("2.5", "Type a whole number from 1 to 99."),
    ],
)
def test_bad_quantities_are_refused_with_a_message(client, quantity, error):
    client.post(ADD, {"product": "fortune-cookie", "quantity": "1"})
    response = client.post(ADD, {"product": "fortune-cookie", "quantity": quantity})
    assert response.status_code == 200
    page = soup(response)
    assert error in text(page.select_one("#quantity-error"))
    field = page.select_one("#id_quantity")
    assert field["aria-invalid"] == "true"
    assert field["aria-describedby"] == "quantity-error"
    assert client.session["cart"] == {"fortune-cookie": 1}  # nothing stored was lost


def test_a_cart_line_holds_at_most_99(client):
    client.post(ADD, {"product": "oatmeal-cookie", "quantity": "90"})
    response = client.post(ADD, {"product": "oatmeal-cookie", "quantity": "10"})
    assert response.status_code == 200
    assert "You already have 90" in text(soup(response).select_one("#quantity-error"))
    assert client.session["cart"] == {"oatmeal-cookie": 90}


@pytest.mark.parametrize("product", ["no-such-thing", "<script>alert(1)</script>", "x" * 5000, ""])
def test_unknown_products_get_a_clear_error(client, product):
    response = client.post(ADD, {"product": product, "quantity": "1"})
    assert response.status_code == 200
    assert "<script>alert(1)" not in response.content.decode()
    error = text(soup(response).select_one("#product-error"))
    assert error in {"There is no such product here: pick one from the list.", "This field is required."}
    removal = client.post(REMOVE, {"product": product})
    assert removal.status_code == 200
    assert text(soup(removal).select_one("#remove-error"))


def test_removing_what_is_not_in_the_cart_says_so(client):
    response = client.post(REMOVE, {"product": "cookie-jar"})
    assert "not in your cart" in text(soup(response).select_one("#remove-error"))


@pytest.mark.parametrize("data", [{"currency": "BTC", "per_page": "3"}, {"currency": "EUR", "per_page": "1000"}])
def test_bad_preferences_are_refused(client, data):
    response = client.post(URL + "preferences/", data)
    assert response.status_code == 200
    assert soup(response).select_one("select[aria-invalid=true]") is not None
    assert "preferences" not in client.session


def test_changes_need_csrf():
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(ADD, {"product": "fortune-cookie", "quantity": "1"}).status_code == 403
    token = soup(browser.get(URL)).select_one("#add-form input[name=csrfmiddlewaretoken]")["value"]
    response = browser.post(ADD, {"product": "fortune-cookie", "quantity": "1", "csrfmiddlewaretoken": token})
    assert response.status_code == 303


def test_the_pages_live_at_their_documented_paths():
    assert reverse("cookielab:cart-and-preferences") == URL
    assert reverse("cookielab:cart-add") == ADD
    assert reverse("cookielab:cart-remove") == REMOVE
    assert reverse("cookielab:cart-clear") == URL + "clear/"
    assert reverse("cookielab:cart-preferences") == URL + "preferences/"


def test_a_form_error_opens_the_page_at_the_form(client):
    page = soup(client.get(URL))
    assert page.select_one("#add-form")["action"] == ADD + "#add-form"
    assert page.select_one("#preferences-form")["action"] == URL + "preferences/#preferences"
    refused = soup(client.post(ADD, {"product": "fortune-cookie", "quantity": "0"}))
    assert refused.select_one("#products tbody tr") is not None  # the rest of the demo is still there
    assert client.get(ADD).status_code == 405


@pytest.mark.urls("tests.support.mounted_urls")
def test_every_address_stays_under_the_mount_point(client):
    assert addresses_outside_the_mount(client, URL) == []
