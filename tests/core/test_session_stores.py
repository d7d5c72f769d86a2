"""Session-store introspection decides what an engine is by its class: subclasses, plug-ins, opaque engines."""

from __future__ import annotations

import json
import sys
from types import SimpleNamespace

import pytest
from django.contrib.sessions.backends.cached_db import SessionStore as DjangoCachedDBStore
from django.contrib.sessions.models import Session

from cookielab.core import session_stores
from cookielab.core.session_stores import ENGINE_KINDS
from cookielab.core.session_stores import EngineKind
from cookielab.core.session_stores import Location
from cookielab.core.session_stores import engine_kind
from cookielab.core.session_stores import engine_place
from cookielab.core.session_stores import friendly_name
from cookielab.core.session_stores import kind_name
from cookielab.core.session_stores import kind_of_class
from cookielab.core.session_stores import locate_session
from cookielab.core.session_stores import register_engine_kind
from cookielab.core.session_stores import short_name
from cookielab.core.session_stores import store_class_of
from cookielab.sessions.backends.cached_db import SessionStore as SiteStore
from tests.support.engines import opaque
from tests.support.engines.renamed import CACHE_KEY_PREFIX as RENAMED_PREFIX
from tests.support.engines.renamed import RenamedStore
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

SITE_ENGINE = "cookielab.sessions.backends.cached_db"
RENAMED_ENGINE = "tests.support.engines.renamed"
OPAQUE_ENGINE = "tests.support.engines.opaque"
MISSING_ENGINE = "tests.support.engines.no_such_engine"


def saved(store_class, **data) -> str:
    store = store_class()
    store.update(data)
    store.save()
    return store.session_key


@pytest.fixture
def opaque_store():
    yield opaque.SessionStore
    opaque.STORED.clear()


def test_the_nearest_registered_class_in_the_hierarchy_decides():
    assert kind_of_class(SiteStore).name == "cached_db"  # not db, although cached_db extends db
    assert kind_of_class(RenamedStore).name == "cached_db"
    assert kind_of_class(DjangoCachedDBStore).name == "cached_db"
    assert kind_of_class(opaque.SessionStore) is None
    assert engine_kind(MISSING_ENGINE) is None


def test_names_say_what_an_engine_is_built_on():
    assert short_name(SITE_ENGINE) is None  # not one of Django's own paths...
    assert kind_name(SITE_ENGINE) == "cached_db"  # ...but built on one
    assert friendly_name("django.contrib.sessions.backends.cached_db") == "Cache in front of the database (cached_db)"
    assert friendly_name(SITE_ENGINE) == "Cache in front of the database (a custom engine built on Django's cached_db)"
    assert friendly_name(OPAQUE_ENGINE) == f"Custom engine ({OPAQUE_ENGINE})"
    assert friendly_name(MISSING_ENGINE) == f"Custom engine ({MISSING_ENGINE})"
    assert engine_place(SITE_ENGINE) == "a key in the cache (Redis) and a row in django_session"


def test_an_engine_module_without_a_session_store_is_an_import_error():
    with pytest.raises(ImportError, match="has no SessionStore"):
        store_class_of("tests.support.engines")


def test_uses_cache_and_rows_follow_the_class(settings):
    settings.SESSION_ENGINE = SITE_ENGINE
    assert session_stores.uses_cache() and session_stores.uses_database_rows()
    settings.SESSION_ENGINE = OPAQUE_ENGINE
    assert not session_stores.uses_cache() and not session_stores.uses_database_rows()


@pytest.mark.redis
def test_a_renamed_subclass_is_read_with_its_own_salt_and_cache_prefix(redis_cache, settings):
    settings.SESSION_ENGINE = RENAMED_ENGINE
    key = saved(RenamedStore, colour="teal")
    assert Session.objects.get(session_key=key).get_decoded() == {}  # Django's Session salts differently
    location = locate_session(RENAMED_ENGINE, key)
    assert location.kind == "cached_db" and location.found
    assert location.data == {"colour": "teal"}
    assert location.stored_expiry == Session.objects.get(session_key=key).expire_date
    facts = dict(location.facts)
    assert facts["Redis key"].endswith(f":1:{RENAMED_PREFIX}{key}")
    assert redis_cache.client().exists(facts["Redis key"])
    assert int(facts["TTL (read from Redis)"].split()[0]) > 0


def test_an_engine_built_on_none_of_djangos_is_named_and_called_opaque(opaque_store):
    key = saved(opaque_store, colour="grey")
    location = locate_session(OPAQUE_ENGINE, key)
    assert location.kind == "custom" and not location.found and location.data is None
    assert location.place == "wherever the custom engine keeps it"
    assert "cannot look inside" in location.notice and "db, cache, cached_db, file, signed_cookies" in location.notice
    facts = dict(location.facts)
    assert facts["SessionStore"] == f"{OPAQUE_ENGINE}.SessionStore"
    assert facts["Built on"].endswith("django.contrib.sessions.backends.base.SessionBase")


def test_an_engine_that_cannot_be_imported_is_said_to_be_so():
    location = locate_session(MISSING_ENGINE, "k" * 32)
    assert location.kind == "custom"
    assert "cannot import" in location.notice
    assert "cannot be imported" in dict(location.facts)["SessionStore"]


def test_a_new_kind_of_engine_plugs_in_by_its_class(opaque_store, monkeypatch):
    """What a Redis engine that is not built on Django's cache engine would do: register its base class."""

    def locate_in_memory(location: Location, store_class, session_key: str) -> None:
        location.facts.append(("Memory slot", session_key[:4] + "…"))
        if session_key in opaque.STORED:
            location.found = True
            location.data = dict(opaque.STORED[session_key])

    kind = EngineKind(
        "memory", opaque.SessionStore, "This process's memory", "a dict in the server process", locate_in_memory
    )
    monkeypatch.setitem(ENGINE_KINDS, opaque.SessionStore, kind)
    assert register_engine_kind(kind) is kind

    class Subclass(opaque.SessionStore):
        pass

    assert kind_of_class(Subclass) is kind
    key = saved(opaque_store, colour="plum")
    location = locate_session(OPAQUE_ENGINE, key)
    assert (location.kind, location.found, location.data) == ("memory", True, {"colour": "plum"})
    assert friendly_name(OPAQUE_ENGINE) == "This process's memory (memory)"  # the engine that defines the kind
    subclass_engine = "tests.support.engines.opaque_subclass"
    monkeypatch.setitem(sys.modules, subclass_engine, SimpleNamespace(SessionStore=Subclass))
    assert friendly_name(subclass_engine) == (
        f"This process's memory (a custom engine built on memory ({OPAQUE_ENGINE}))"
    )


def test_the_inspector_is_honest_about_an_opaque_engine(client, settings, opaque_store):
    settings.SESSION_ENGINE = OPAQUE_ENGINE
    assert client.post("/lessons/what-is-a-session/check-in/", {"note": "grey scarf"}).status_code == 303
    page = soup(client.get("/lessons/what-is-a-session/"))
    assert OPAQUE_ENGINE in text(page.select_one("#inspector-engine"))
    # The engine itself says it knows the key, and its own load() gave the data.
    assert text(page.select_one("#inspector-exists")) == "yes — wherever the custom engine keeps it"
    assert json.loads(text(page.select_one("#inspector-data")))["coat_check"] == "grey scarf"
    assert text(page.select_one("#inspector-expiry")) == "—"
    assert "cannot look inside" in text(page.select_one("#inspector-location-notice"))
    assert f"{OPAQUE_ENGINE}.SessionStore" in text(page.select_one("#inspector-location"))
