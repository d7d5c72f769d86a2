"""Session ids: long enough, never chosen by the client, renewed at login, gone at logout, never in URLs."""

from __future__ import annotations

import math
import string

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


NOTE = "a green scarf"


def start_session(client: Client) -> str:
    """Store something in the session, as a student does at the coat-check (a quiz answer no longer does)."""
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": NOTE})
    return client.cookies["sessionid"].value


def test_session_ids_carry_at_least_128_bits_of_entropy(client):
    key = start_session(client)
    assert set(VALID_KEY_CHARS) == set(string.ascii_lowercase + string.digits)
    assert set(key) <= set(VALID_KEY_CHARS)
    bits = len(key) * math.log2(len(VALID_KEY_CHARS))
    assert len(key) == 32
    assert bits >= 128, bits  # 32 chars of 36 symbols: about 165 bits


def test_ids_differ_between_sessions():
    keys = {start_session(Client()) for _ in range(20)}
    assert len(keys) == 20


def test_an_id_the_server_never_issued_is_replaced(client):
    invented = "a" * 32
    client.cookies["sessionid"] = invented
    issued = start_session(client)
    assert issued != invented
    assert not SessionStore().exists(invented)
    assert SessionStore().exists(issued)


def test_login_changes_the_key_and_logout_removes_it(client):
    before = start_session(client)
    user = get_user_model().objects.create_user("grace", password="y" * 20)
    client.force_login(user)
    after_login = client.cookies["sessionid"].value
    assert after_login != before
    assert not SessionStore().exists(before)
    assert SessionStore(session_key=after_login).get("_auth_user_id") == str(user.pk)
    # the coat-check note survives the new key (cycle_key keeps the data)
    assert NOTE in client.get(reverse("cookielab:what-is-a-session")).content.decode()

    client.logout()
    assert not SessionStore().exists(after_login)
    replay = Client()
    replay.cookies["sessionid"] = after_login
    assert "no known session" in replay.get(reverse("cookielab:session-attacks-whoami")).content.decode()


def test_a_session_id_in_the_url_is_ignored():
    owner = Client()
    key = start_session(owner)
    stranger = Client()
    response = stranger.get(reverse("cookielab:session-attacks-whoami"), {"sessionid": key})
    assert "no known session" in response.content.decode()
    page = stranger.get(reverse("cookielab:what-is-a-session"), {"sessionid": key}).content.decode()
    assert NOTE not in page
