"""What every Cookie Lab session engine promises, as Django's own do: each function is one promise, checked on a
real store. ``stored(key)`` says whether the store still holds a session key (a Redis key, a table row)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.sessions.backends.base import CreateError
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.exceptions import SessionInterrupted
from django.http import HttpResponse
from django.test import RequestFactory

from cookielab.sessions.middleware import SessionMiddleware

Stored = Callable[[str], bool]
FRESH_KEY = "freshkey0123456789abcdefghijklmn"


def saved_session(store_class: type[SessionBase], **data: object) -> str:
    store = store_class()
    store.update(data)
    store.save()
    assert store.session_key is not None
    return store.session_key


def a_session_deleted_meanwhile_is_not_brought_back(store_class: type[SessionBase], stored: Stored) -> None:
    key = saved_session(store_class, page_views=1)
    mine = store_class(key)
    assert mine["page_views"] == 1
    store_class(key).delete()  # a logout in another tab, between this request's load and save
    mine["page_views"] = 2
    with pytest.raises(UpdateError):
        mine.save()
    assert not stored(key)


def the_middleware_answers_session_interrupted_and_stores_nothing(
    store_class: type[SessionBase], stored: Stored
) -> None:
    key = saved_session(store_class, page_views=1)

    def view(request):
        request.session["page_views"] += 1
        store_class(key).delete()  # the other request's logout lands before this one saves
        return HttpResponse("counted")

    request = RequestFactory().get("/counter/")
    request.COOKIES[settings.SESSION_COOKIE_NAME] = key
    with pytest.raises(SessionInterrupted):
        SessionMiddleware(view)(request)
    assert not stored(key)


def create_draws_again_when_a_key_is_taken(store_class: type[SessionBase], monkeypatch) -> None:
    """…and leaves the session that holds the key alone."""
    taken = saved_session(store_class, owner="first")
    draws = iter([taken, FRESH_KEY])
    monkeypatch.setattr(store_class, "_get_new_session_key", lambda self: next(draws))
    second = store_class()
    second["owner"] = "second"
    second.save()
    assert second.session_key == FRESH_KEY
    assert store_class(taken).load() == {"owner": "first"}


def saving_with_must_create_refuses_an_existing_key(store_class: type[SessionBase]) -> None:
    key = saved_session(store_class)
    with pytest.raises(CreateError):
        store_class(key).save(must_create=True)


def cycle_key_moves_the_data_and_deletes_the_old_key(store_class: type[SessionBase], stored: Stored) -> None:
    store = store_class()
    store["user"] = "ada"
    store.save()
    old = store.session_key
    store.cycle_key()
    assert store.session_key not in (None, old)
    assert not stored(old) and stored(store.session_key)
    assert store_class(store.session_key).load() == {"user": "ada"}
