"""The lesson's attacks: fixation and replay on throwaway sessions, the hijack as a read of the student's own."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import auth
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore
from django.core import signing
from django.http import HttpRequest

from cookielab.core.session_stores import session_store_class
from cookielab.lessons.sessions.what_is_a_session import COAT_CHECK_KEY

DEMO_USER_KEY = "demo_user"


def plant_invented_session_id(store_class: type[SessionBase]) -> dict[str, Any]:
    """An attacker invents a session id and plants it; the server writes the session under its own id."""
    chosen = "attackerchose" + "0" * 19
    store = store_class(session_key=chosen)
    store[DEMO_USER_KEY] = "victim"
    store.save()
    issued = store.session_key
    store.delete()
    return {"chosen": chosen, "issued": issued, "kept": issued == chosen}


def login_on_a_planted_session(store_class: type[SessionBase], *, cycle: bool) -> dict[str, Any]:
    """The attacker holds a real, issued session id; the victim logs in on it, with or without cycle_key()."""
    planted = store_class()
    planted["cart"] = []
    planted.save()
    attacker_key = planted.session_key

    victim = store_class(session_key=attacker_key)
    victim[DEMO_USER_KEY] = "victim"
    if cycle:
        victim.cycle_key()
    victim.save()
    victim_key = victim.session_key

    attacker_sees = store_class(session_key=attacker_key).get(DEMO_USER_KEY)
    for key in {attacker_key, victim_key}:
        store_class().delete(key)
    return {
        "attacker_key": attacker_key,
        "victim_key": victim_key,
        "key_changed": victim_key != attacker_key,
        "attacker_logged_in": attacker_sees == "victim",
    }


def signed_cookie_replay() -> dict[str, Any]:
    """A signed_cookies session survives "logout" for whoever copied the cookie first."""
    store = SignedCookieStore()
    store[DEMO_USER_KEY] = "ada"
    store["cart"] = ["oatmeal cookie"]
    store.save()
    copied = store.session_key
    assert copied is not None  # save() made one
    store.flush()  # what logout() does
    replayed = SignedCookieStore(session_key=copied)
    payload = copied.split(":", 1)[0]
    readable = "" if payload.startswith(".") else signing.b64_decode(payload.encode()).decode("utf-8", "replace")
    return {
        "copied": copied,
        "after_logout": store.session_key,
        "replayed": dict(replayed.items()),
        "readable": readable,
    }


def known_session_key(request: HttpRequest) -> str | None:
    """The session id the browser sent, if the server knows it (loading drops ids it never issued)."""
    request.session.keys()
    return request.session.session_key


def whoami_text(request: HttpRequest) -> str:
    """What the server knows about whoever sent ``request``, from its session alone (the whoami page).

    The session's data, not the student's progress: progress is kept in a cookie of its own, which a
    stolen session cookie does not carry.
    """
    session = request.session
    stored = sorted(key for key, _ in session.items() if not key.startswith("_auth_"))  # loads the session
    if session.session_key is None:
        return "This request carried no known session: to the server it is a stranger.\n"
    user = getattr(request, "user", None)
    who = user.get_username() if user is not None and user.is_authenticated else "nobody (not logged in)"
    note = session.get(COAT_CHECK_KEY)
    return (
        f"Session ending ...{session.session_key[-6:]} is known to the server.\n"
        f"Logged in as: {who}\n"
        f"Data in the session: {', '.join(stored) if stored else 'none'}\n"
        + (f"Coat-check note: “{note}”\n" if isinstance(note, str) else "")
    )


def second_browser_whoami(stolen_key: str) -> str:
    """The whoami page as a second browser sending nothing but the stolen session cookie would get it.

    Answered inside this request: a request carrying only that cookie, its session loaded by the
    session engine and its user by auth, as SessionMiddleware and AuthenticationMiddleware would.
    Never over a socket: a request to itself holds a second worker per demo (enough parallel demos
    stall the site), and its address would come from the Host header, which a client chooses.
    """
    second = HttpRequest()
    second.COOKIES = {settings.SESSION_COOKIE_NAME: stolen_key}
    second.session = session_store_class()(session_key=stolen_key)
    if apps.is_installed("django.contrib.auth"):
        second.user = auth.get_user(second)
    return whoami_text(second)
