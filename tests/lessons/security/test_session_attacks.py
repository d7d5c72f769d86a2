"""The session attacks lesson runs real attacks: on throwaway sessions, and the hijack with the student's own cookie."""

from __future__ import annotations

import socket
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text
from tests.support.session_engines import ENGINE_NAMES
from tests.support.session_engines import use_engine

pytestmark = pytest.mark.django_db

URL = "/lessons/session-attacks/"
WHOAMI = "/lessons/session-attacks/whoami/"


def run_demo(client: Client, demo: str, **extra: str):
    """Press a demo button: the POST answers 303 to the result, which the GET then shows."""
    response = client.post(reverse("cookielab:session-attacks-demo"), {"demo": demo}, **extra)
    assert response.status_code == 303
    assert response["Location"].startswith(f"{URL}?result=")
    assert response["Location"].endswith("#attack-result")
    return soup(client.get(response["Location"]))


NOTE = "a red umbrella"


def check_in_a_coat(client: Client) -> str:
    """Start a session the way a student does: leave a note in the coat-check (a quiz answer no longer does)."""
    response = client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": NOTE})
    assert response.status_code == 303
    return NOTE


class SocketOpened(AssertionError):
    pass


@contextmanager
def no_sockets(monkeypatch) -> Iterator[None]:
    """A tripwire: any outgoing connection in the block fails the test."""

    def refuse(*args, **kwargs):
        raise SocketOpened("a connection was opened")

    with monkeypatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        patch.setattr(socket.socket, "connect_ex", refuse)
        patch.setattr(socket, "create_connection", refuse)
        yield


def test_the_routes_answer_at_their_paths():
    assert reverse("cookielab:session-attacks") == URL
    assert reverse("cookielab:session-attacks-demo") == f"{URL}demo/"
    assert reverse("cookielab:session-attacks-whoami") == WHOAMI


def test_an_invented_session_id_is_thrown_away(client):
    page = run_demo(client, "invented-id")
    assert "thrown away" in text(page.select_one("#attack-result"))
    assert not text(page.select_one("#issued-key")).startswith("attackerchose")


def test_fixation_works_without_cycle_key_and_fails_with_it(client):
    without = run_demo(client, "login-no-cycle")
    assert "without cycle_key()" in text(without.select_one("#attack-result h3"))
    assert text(without.select_one("#fixation-verdict")).startswith("The attacker's id now loads the victim's login")
    with_cycle = run_demo(client, "login-cycle")
    assert "with cycle_key()" in text(with_cycle.select_one("#attack-result h3"))
    assert text(with_cycle.select_one("#fixation-verdict")).startswith("The attacker's id loads nothing")


def test_a_signed_cookie_session_still_loads_after_logout(client):
    page = run_demo(client, "signed-replay")
    assert "'demo_user': 'ada'" in text(page.select_one("#replayed"))


def test_an_unknown_demo_re_renders_the_page_at_the_error(client):
    response = client.post(reverse("cookielab:session-attacks-demo"), {"demo": "<script>"})
    assert response.status_code == 200
    page = soup(response)
    assert "named no demo" in text(page.select_one("#demos #demo-error"))
    assert page.select_one("#demos")["action"].endswith("#demos")
    assert page.select("#demos button[name=demo]")  # the buttons are all still there
    assert text(page.select_one("#attack-result")) == ""


def test_the_hijack_needs_a_session_to_copy(client):
    response = client.post(reverse("cookielab:session-attacks-demo"), {"demo": "hijack"})
    assert response.status_code == 200
    assert "no session yet" in text(soup(response).select_one("#demo-error"))


def test_a_result_in_the_url_cannot_be_made_up(client):
    made_up = {"demo": "invented-id", "invented": {"chosen": "x", "issued": "x", "kept": True}}
    page = soup(client.get(URL, {"result": signing.dumps(made_up, salt="not-the-lessons")}))
    assert text(page.select_one("#attack-result")) == ""
    assert page.select_one("#issued-key") is None


def test_a_copied_session_cookie_works_in_a_second_browser(client):
    note = check_in_a_coat(client)
    answer = text(run_demo(client, "hijack").select_one("#hijack-answer"))
    assert f"Session ending ...{client.cookies['sessionid'].value[-6:]} is known to the server" in answer
    assert "Logged in as: nobody (not logged in)" in answer
    assert "Data in the session: coat_check" in answer
    assert f"Coat-check note: “{note}”" in answer


def test_the_tripwire_catches_a_request_to_the_site_itself(monkeypatch):
    with no_sockets(monkeypatch), pytest.raises(SocketOpened):
        urllib.request.urlopen("http://127.0.0.1:9/", timeout=1)


def test_the_hijack_demo_opens_no_socket(client, monkeypatch):
    """The second "browser" is answered inside the request: nothing to stall, no Host header to aim it."""
    check_in_a_coat(client)
    with no_sockets(monkeypatch):
        response = client.post(
            reverse("cookielab:session-attacks-demo"), {"demo": "hijack"}, HTTP_HOST="localhost:6379"
        )
    assert response.status_code == 303
    answer = text(soup(client.get(response["Location"])).select_one("#hijack-answer"))
    assert "is known to the server" in answer
    assert "Coat-check note" in answer


@pytest.fixture(params=ENGINE_NAMES)
def engine(request, settings, monkeypatch, tmp_path):
    return use_engine(request.param, request, settings, monkeypatch, tmp_path)


def test_the_stolen_cookie_logs_in_as_the_victim(engine):
    """The second browser's session is loaded from the stolen key by the engine itself, whichever it is."""
    victim = Client()
    victim.force_login(get_user_model().objects.create_user("ada", password="x" * 20))
    note = check_in_a_coat(victim)
    answer = text(run_demo(victim, "hijack").select_one("#hijack-answer"))
    assert "Logged in as: ada" in answer
    assert f"Coat-check note: “{note}”" in answer


def test_whoami_tells_a_stranger_from_a_known_session(client):
    stranger = client.get(WHOAMI)
    assert stranger["Content-Type"] == "text/plain; charset=utf-8"
    assert "no known session" in stranger.content.decode()
    check_in_a_coat(client)
    known = client.get(WHOAMI).content.decode()
    assert "is known to the server" in known and "Data in the session: coat_check" in known
    assert client.head(WHOAMI).status_code == 200
    assert client.post(WHOAMI).status_code == 405


def curl_snippet(client: Client) -> str:
    return text(soup(client.get(URL)).select_one("section.try-it"))


def test_the_page_shows_the_curl_command_for_the_second_browser(client, settings):
    """Two curl "browsers" that share an id always; this browser's own id only where the site shows keys."""
    second_browser = f'curl -s -b "sessionid=$id" "http://testserver{WHOAMI}"'
    check_in_a_coat(client)
    key = client.cookies["sessionid"].value
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True
    assert second_browser in curl_snippet(client)
    assert f'curl -s -b "sessionid={key}" "http://testserver{WHOAMI}"' in curl_snippet(client)
    settings.COOKIELAB_REVEAL_SESSION_KEYS = False
    assert second_browser in curl_snippet(client)
    assert key not in curl_snippet(client)
