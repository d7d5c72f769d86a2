"""The session inspector: this browser's session as the server sees it, for any lesson to include.

``describe_session(request)`` gives the template include ``cookielab/includes/session-inspector.html``
everything it shows: the (masked) key, the engine, the decoded data, the expiry, whether the store
really holds the session and the attributes of the session cookie Django will send.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import replace
from datetime import datetime
from typing import Any
from typing import cast

from django.conf import settings
from django.http import HttpRequest

from cookielab.core.secret_cookies import mask_key
from cookielab.core.secret_cookies import reveal_allowed
from cookielab.core.session_stores import Location
from cookielab.core.session_stores import friendly_name
from cookielab.core.session_stores import kind_name
from cookielab.core.session_stores import locate_session
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

__all__ = ["SessionDescription", "describe_session", "load_session", "mask_key", "session_cookie_attributes"]

_SHOWN_SENT_KEY_CHARS = 60


@dataclass
class SessionDescription:
    engine: str
    engine_name: str
    engine_kind: str | None  # db, cached_db...: Django's engine this one is (or is built on); None when opaque
    cookie_name: str
    key: str | None
    masked_key: str
    reveal_allowed: bool
    data: dict[str, Any]
    data_json: str
    expiry_date: datetime | None
    expiry_age: int | None
    expire_at_browser_close: bool
    exists_in_store: bool
    location: Location
    cookie_attributes: list[tuple[str, str]]
    sent_key: str
    sent_key_rejected: bool
    store_error: str = ""
    # This response shows the full key (the answer to the lesson's "Show my full session key" POST).
    revealed: bool = False

    @property
    def full_key_shown(self) -> bool:
        """Whether the page may print ``key`` in full: the reveal switch is on, or this is the reveal POST."""
        return bool(self.key) and (self.reveal_allowed or self.revealed)

    @property
    def sent_key_shown(self) -> str:
        if len(self.sent_key) <= _SHOWN_SENT_KEY_CHARS:
            return self.sent_key
        return f"{self.sent_key[:_SHOWN_SENT_KEY_CHARS]}… ({len(self.sent_key)} characters)"


def load_session(request: HttpRequest) -> str:
    """Load ``request.session`` now; on a store outage treat it as empty for this request.

    Returns the error to show ("" when the store answered). The session is left unmodified and
    keeps its key, so SessionMiddleware neither saves it nor deletes the browser's cookie.
    """
    try:
        request.session.items()
    except STORE_OUTAGE_ERRORS as error:
        cast(Any, request.session)._session_cache = {}  # read as empty; nothing is saved unless a view writes
        return f"The session store did not answer ({type(error).__name__}). Is Redis (or the database) running?"
    return ""


def session_cookie_attributes(request: HttpRequest) -> list[tuple[str, str]]:
    """The session cookie's attributes as SessionMiddleware will send them for this session."""
    session = request.session
    if session.get_expire_at_browser_close():
        lifetime = "none: a browser-session cookie (SESSION_EXPIRE_AT_BROWSER_CLOSE or set_expiry(0))"
    else:
        lifetime = f"Max-Age={session.get_expiry_age()} (and a matching Expires date)"
    return [
        ("Name", settings.SESSION_COOKIE_NAME),
        ("Lifetime", lifetime),
        ("Path", settings.SESSION_COOKIE_PATH),
        ("Domain", settings.SESSION_COOKIE_DOMAIN or "none: host-only"),
        ("Secure", "yes" if settings.SESSION_COOKIE_SECURE else "no"),
        ("HttpOnly", "yes" if settings.SESSION_COOKIE_HTTPONLY else "no"),
        ("SameSite", str(settings.SESSION_COOKIE_SAMESITE or "not set")),
    ]


def _masked_location(location: Location, key: str | None) -> Location:
    """``location`` with the session key (and, for signed cookies, the signature) masked in its facts.

    A signed_cookies "key" is the cookie value itself: its signature is what makes it a credential.
    """
    if not key:
        return location
    facts = []
    for label, value in location.facts:
        facts.append((label, mask_key(value) if label == "Signature" else value.replace(key, mask_key(key))))
    return replace(location, facts=facts)


def describe_session(request: HttpRequest, *, reveal: bool = False) -> SessionDescription:
    """This browser's session for the inspector; ``reveal`` shows the full key (only in a POST's answer)."""
    store_error = load_session(request)
    session = request.session
    key = session.session_key
    sent_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME, "")
    # A key Django rejected is looked up too: that tells "unknown id" apart from "store is down".
    location = locate_session(settings.SESSION_ENGINE, key or sent_key)
    if location.unavailable and sent_key and not key:
        # The cache engine reads an unreachable Redis as "no such session"; keep the browser's key so
        # SessionMiddleware does not delete its cookie (the data is still in Redis when it returns).
        session._session_key = sent_key
    data = dict(session.items())
    engine_kind = kind_name(settings.SESSION_ENGINE)
    # An engine Cookie Lab cannot look inside is asked itself whether it knows the key.
    exists = bool(location.found if engine_kind else session.exists(key)) if key else False
    rejected = bool(sent_key) and not exists and not store_error and not location.unavailable
    allowed = reveal_allowed()
    if not (allowed or reveal):
        location = _masked_location(location, key or sent_key)
    return SessionDescription(
        engine=settings.SESSION_ENGINE,
        engine_name=friendly_name(settings.SESSION_ENGINE),
        engine_kind=engine_kind,
        cookie_name=settings.SESSION_COOKIE_NAME,
        key=key if exists else None,
        masked_key=mask_key(key) if key and exists else "",
        reveal_allowed=allowed,
        data=data,
        data_json=json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False, default=str),
        expiry_date=location.stored_expiry if exists else None,
        expiry_age=session.get_expiry_age() if exists else None,
        expire_at_browser_close=session.get_expire_at_browser_close(),
        exists_in_store=exists,
        location=location,
        cookie_attributes=session_cookie_attributes(request),
        sent_key=sent_key,
        sent_key_rejected=rejected,
        store_error=store_error or (location.notice if location.unavailable else ""),
        revealed=reveal and exists,
    )
