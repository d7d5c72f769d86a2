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


def test_panel_shows_the_exact_set_cookie_headers_of_the_previous_response(client, settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True  # masked otherwise: see tests/site/test_session_key_exposure.py
    lesson = LESSONS[0]
    client.get(lesson.get_absolute_url())
    answer = client.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": lesson.questions[0].answer})
    sent = set_cookie_headers(answer)
    assert any(header.startswith("cookielab_progress=") for header in sent)  # progress: a cookie of its own
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


def wire_keys() -> set[str]:
    from django.core.cache import caches

    from cookielab.conf import conf

    cache = caches[conf.WIRE_CACHE]
    return {key for key in cache._cache if "cookielab:wire:" in key}  # the local-memory cache's own keys


@pytest.mark.parametrize("made_up", ["w" * 22, "A" * 22, "abc:def", "x" * 5000])
def test_a_made_up_wire_id_is_ignored_and_stores_nothing(client, made_up):
    before = wire_keys()
    client.cookies["cookielab_wire"] = made_up
    response = client.get(reverse("cookielab:http-is-stateless"))
    issued = response.cookies["cookielab_wire"].value  # the browser gets a real one instead
    assert issued != made_up and ":" in issued
    created = wire_keys() - before
    assert len(created) == 1  # this exchange, kept under the issued id alone
    assert not any(made_up in key for key in created)


def test_an_issued_wire_id_with_a_changed_character_is_refused(client):
    first = client.get(reverse("cookielab:http-is-stateless")).cookies["cookielab_wire"].value
    forged = first[:-1] + ("A" if first[-1] != "A" else "B")
    client.cookies["cookielab_wire"] = forged
    response = client.get(reverse("cookielab:http-is-stateless"))
    assert response.cookies["cookielab_wire"].value not in {forged, first}


def test_the_panel_lists_the_first_cookies_and_counts_the_rest(client):
    header = "; ".join(f"c{index}=v{index}" for index in range(300))
    page = soup(client.get(reverse("cookielab:http-is-stateless"), HTTP_COOKIE=header))
    rows = page.select("#wire .cookie-table tbody tr")
    assert len(rows) == 51  # 50 cookies, then the count of the others
    assert text(rows[-1]) == "… and 250 more cookies."
