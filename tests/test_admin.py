"""The read-only Session admin: decoded data, the expired filter, key search and the delete-expired action."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from tests.support.html import soup
from tests.support.html import text
from tests.support.sessions import make_sessions

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:sessions_session_changelist"


def own_session(client) -> str:
    """The admin client's own login session, a row of the table too."""
    return client.cookies["sessionid"].value


def listed_keys(response) -> list[str]:
    return [text(cell) for cell in soup(response).select("#result_list tbody th.field-session_key")]


def test_changelist_lists_sessions_with_their_data_and_bounded_queries(admin_client, django_assert_max_num_queries):
    make_sessions(120, expired=False)
    make_sessions(30, expired=True)
    with django_assert_max_num_queries(8):
        response = admin_client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert len(listed_keys(response)) == 50  # one page, not the whole table
    previews = [text(cell) for cell in soup(response).select("#result_list .field-data_preview")]
    assert '{"cookielab_completed": ["http-is-stateless"]}' in previews


def test_the_expired_filter(admin_client):
    valid = make_sessions(3, expired=False)
    expired = make_sessions(2, expired=True)
    assert sorted(listed_keys(admin_client.get(reverse(CHANGELIST), {"expired": "yes"}))) == sorted(expired)
    assert sorted(listed_keys(admin_client.get(reverse(CHANGELIST), {"expired": "no"}))) == sorted(
        [*valid, own_session(admin_client)]
    )


def test_search_by_the_start_of_a_key(admin_client):
    [wanted] = make_sessions(1, expired=False, prefix="zzfind")
    make_sessions(5, expired=False)
    assert listed_keys(admin_client.get(reverse(CHANGELIST), {"q": "zzfind"})) == [wanted]
    assert listed_keys(admin_client.get(reverse(CHANGELIST), {"q": wanted})) == [wanted]


def test_detail_shows_decoded_data_as_escaped_pretty_json(admin_client):
    [key] = make_sessions(1, expired=False, data={"name": "<script>alert(1)</script>", "cart": [1, 2]})
    response = admin_client.get(reverse("admin:sessions_session_change", args=[key]))
    assert response.status_code == 200
    data = soup(response).select_one("pre.cookielab-session-data")
    assert data.get_text() == '{\n  "cart": [\n    1,\n    2\n  ],\n  "name": "<script>alert(1)</script>"\n}'
    assert b"<script>alert(1)</script>" not in response.content
    assert soup(response).select("input[name=session_key]") == []  # read-only


def test_delete_expired_action_removes_exactly_the_expired_rows(admin_client):
    valid = make_sessions(4, expired=False)
    make_sessions(6, expired=True)
    response = admin_client.post(
        reverse(CHANGELIST),
        {"action": "delete_expired", "select_across": "1", "index": "0", "_selected_action": valid[:1]},
        follow=True,
    )
    assert "Deleted 6 expired session(s)." in text(soup(response).select_one(".messagelist"))
    remaining = sorted(Session.objects.values_list("session_key", flat=True))
    assert remaining == sorted([*valid, own_session(admin_client)])


def test_no_add_and_no_stock_bulk_delete(admin_client):
    assert admin_client.get(reverse("admin:sessions_session_add")).status_code == 403
    actions = [
        option["value"] for option in soup(admin_client.get(reverse(CHANGELIST))).select("select[name=action] option")
    ]
    assert "delete_selected" not in actions and "delete_expired" in actions


def test_rows_of_a_renamed_engine_are_decoded_with_its_own_salt(client, admin_user, settings):
    from tests.support.engines.renamed import SessionStore as RenamedStore

    settings.SESSION_ENGINE = "tests.support.engines.renamed"
    client.force_login(admin_user)  # the admin's own session is one of the renamed engine's too
    admin_client = client
    store = RenamedStore()
    store["cart"] = ["tea"]
    store.save()
    assert Session.objects.get(session_key=store.session_key).get_decoded() == {}  # Django's own salt fails
    changelist = admin_client.get(reverse(CHANGELIST), {"q": store.session_key})
    assert [text(cell) for cell in soup(changelist).select("#result_list .field-data_preview")] == ['{"cart": ["tea"]}']
    detail = admin_client.get(reverse("admin:sessions_session_change", args=[store.session_key]))
    assert soup(detail).select_one("pre.cookielab-session-data").get_text() == '{\n  "cart": [\n    "tea"\n  ]\n}'
