"""The security lessons' machinery: cross-site origins, demo sessions, fixation and replay."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.request import Request
from urllib.request import urlopen

from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.signed_cookies import SessionStore as SignedCookieStore
from django.core import signing
from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.core import progress


@dataclass(frozen=True)
class FlagCookie:
    name: str
    attributes: dict[str, Any]
    what_it_shows: str

    def describe(self) -> str:
        """The attributes as a Set-Cookie header spells them."""
        words = [
            ATTRIBUTE_NAMES[key] + ("" if value is True else f"={value}") for key, value in self.attributes.items()
        ]
        return "; ".join(words)


ATTRIBUTE_NAMES = {"httponly": "HttpOnly", "secure": "Secure", "samesite": "SameSite"}


# The cookies the flags lesson sets. SameSite=None is only accepted together with Secure.
FLAG_COOKIES: tuple[FlagCookie, ...] = (
    FlagCookie("lab_plain", {"samesite": "Lax"}, "a plain cookie: scripts can read it"),
    FlagCookie("lab_httponly", {"httponly": True, "samesite": "Lax"}, "HttpOnly: scripts cannot see it"),
    FlagCookie("lab_secure", {"secure": True, "samesite": "Lax"}, "Secure: only for secure origins"),
    FlagCookie("lab_strict", {"samesite": "Strict"}, "SameSite=Strict: same-site requests only"),
    FlagCookie("lab_lax", {"samesite": "Lax"}, "SameSite=Lax: also top-level GET from other sites"),
    FlagCookie("lab_none", {"samesite": "None", "secure": True}, "SameSite=None: every request"),
)


def set_flag_cookies(response: HttpResponse, path: str) -> None:
    for cookie in FLAG_COOKIES:
        response.set_cookie(cookie.name, "1", path=path, **cookie.attributes)


def clear_flag_cookies(response: HttpResponse, path: str) -> None:
    for cookie in FLAG_COOKIES:
        response.delete_cookie(cookie.name, path=path, samesite=cookie.attributes.get("samesite"))


def flag_cookies_arrived(request: HttpRequest) -> list[tuple[FlagCookie, bool]]:
    return [(cookie, cookie.name in request.COOKIES) for cookie in FLAG_COOKIES]


def arrival_svg(arrived: list[tuple[FlagCookie, bool]]) -> str:
    """An image that lists which flag cookies came with the request that fetched it."""
    rows = [
        f'<text x="8" y="{22 + 20 * index}">{cookie.name}: {"arrived" if came else "not sent"}</text>'
        for index, (cookie, came) in enumerate(arrived)
    ]
    height = 30 + 20 * len(rows)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="260" height="{height}" font-family="monospace" '
        f'font-size="14"><rect width="100%" height="100%" fill="#fff" stroke="#888"/>{"".join(rows)}</svg>'
    )


# ---- session attacks: every demo works on throwaway sessions, never the student's own ----------

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


def describe_session(request: HttpRequest) -> str:
    """What a request's session says about whoever sent it (plain text, for the 'second browser')."""
    done = sorted(progress.completed_slugs(request))  # loads the session (or finds there is none)
    session = request.session
    if session.session_key is None:
        return "This request carried no known session: to the server it is a stranger.\n"
    user = getattr(request, "user", None)
    who = user.get_username() if user is not None and user.is_authenticated else "nobody (not logged in)"
    return (
        f"Session ending ...{session.session_key[-6:]} is known to the server.\n"
        f"Logged in as: {who}\n"
        f"Lessons completed: {len(done)}{': ' + ', '.join(done) if done else ''}\n"
    )


def replay_session_cookie(url: str, cookie_name: str, session_key: str, timeout: float = 5.0) -> str:
    """Fetch ``url`` as a second browser would: a new connection that sends only the copied cookie."""
    request = Request(url, headers={"Cookie": f"{cookie_name}={session_key}"})
    try:
        with urlopen(request, timeout=timeout) as response:
            return response.read(4096).decode("utf-8", "replace")
    except (OSError, ValueError) as error:
        return f"The second request failed ({error}). Use the curl command below instead."
