"""The "What crossed the wire" panel shows the real headers, parsed back from the real responses."""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from django.urls import reverse

from cookielab.lessons import LESSONS
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db


def panel_set_cookies(response) -> list[str]:
    page = soup(response)
    return [
        text(code).removeprefix("Set-Cookie: ")
        for code in page.select("#wire .wire-response > .exchange code[data-header=set-cookie]")
    ]


def test_first_visit_has_no_cookie_header_and_starts_the_tap(client):
    response = client.get(reverse("cookielab:http-is-stateless"))
    page = soup(response)
    assert page.select_one("#wire [data-header=cookie]").name == "p"
    tap = response.cookies["cookielab_wire"]
    assert tap["httponly"] and tap["samesite"] == "Lax" and tap["path"] == "/"


def test_panel_shows_the_exact_set_cookie_headers_of_the_previous_response(client):
    lesson = LESSONS[0]
    client.get(lesson.get_absolute_url())
    answer = client.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": lesson.quiz.answer})
    sent = set_cookie_headers(answer)
    assert any(header.startswith("sessionid=") for header in sent)
    page_response = client.get(answer["Location"])
    shown = panel_set_cookies(page_response)
    assert shown == sent
    for header in shown:
        parsed = parse_set_cookie(header)
        assert len(parsed) == 1
    exchange = text(soup(page_response).select_one("#wire .wire-response .exchange-line"))
    assert exchange == f"POST {reverse('cookielab:check', args=[lesson.slug])} → 303"


def test_panel_shows_the_cookie_header_this_request_carried(client):
    client.cookies["colour"] = "blue"
    response = client.get(reverse("cookielab:http-is-stateless"))
    header_line = text(soup(response).select_one("#wire code[data-header=cookie]"))
    assert header_line.startswith("Cookie: ")
    received = SimpleCookie()
    received.load(header_line.removeprefix("Cookie: "))
    assert received["colour"].value == "blue"


def test_wire_fragment_is_not_itself_recorded(client):
    client.get(reverse("cookielab:http-is-stateless"))
    client.get(reverse("cookielab:wire"))
    fragment = soup(client.get(reverse("cookielab:wire")))
    exchange = text(fragment.select_one(".wire-response .exchange-line"))
    assert exchange.startswith(f"GET {reverse('cookielab:http-is-stateless')}")


def test_a_forged_tap_id_is_ignored(client):
    client.cookies["cookielab_wire"] = "../../etc/passwd; x"
    response = client.get(reverse("cookielab:http-is-stateless"))
    assert response.status_code == 200
    assert "cookielab_wire" in response.cookies  # a fresh, well-formed id replaces it
