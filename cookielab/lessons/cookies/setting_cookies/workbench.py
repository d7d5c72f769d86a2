"""What the cookie workbench remembers about the cookies it set, and what became of them on the next request.

Which cookies are "workbench cookies" is remembered in a signed cookie of the workbench's own
(``cookielab_workbench``), not by a name prefix (names are the student's choice) and not by counting
unknown cookies: the Cookie header carries neither Path nor Domain, yet expiring a cookie needs both,
and other lessons set demo cookies of their own. Signing stops a hand-edited list from steering the
delete button at cookies the workbench never set.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.conf import conf
from cookielab.core import origins
from cookielab.core.cookie_header import add_cookie
from cookielab.core.cookies import MAX_AGE_LIMIT
from cookielab.core.cookies import MAX_COOKIE_BYTES
from cookielab.core.cookies import WORKBENCH_COOKIE_NAME
from cookielab.core.cookies import path_matches
from cookielab.core.paths import app_root_path

_SALT = "cookielab.workbench.registry"


@dataclass(frozen=True)
class WorkbenchCookie:
    """One cookie the workbench set: what is needed to expire it again and to recognise its value."""

    name: str
    path: str
    domain: str
    secure: bool
    expires_at: int | None  # epoch seconds; None for a session cookie
    value_hash: str

    def to_json(self) -> dict[str, Any]:
        return {
            "n": self.name,
            "p": self.path,
            "d": self.domain,
            "s": self.secure,
            "x": self.expires_at,
            "h": self.value_hash,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorkbenchCookie:
        return cls(data["n"], data["p"], data["d"], bool(data["s"]), data["x"], data["h"])

    def expired(self, now: float) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def matches(self, value: str | None) -> bool:
        return value is not None and value_hash(value) == self.value_hash


def value_hash(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def workbench_cookies(request: HttpRequest) -> list[WorkbenchCookie]:
    """The cookies the workbench set for this browser, expired ones included (a forged list counts as none)."""
    raw = request.COOKIES.get(WORKBENCH_COOKIE_NAME)
    if not raw:
        return []
    try:
        entries = signing.loads(raw, salt=_SALT)
        cookies = [WorkbenchCookie.from_json(entry) for entry in entries]
    except (signing.BadSignature, TypeError, KeyError, ValueError):
        return []
    return cookies


def _signed_list(cookies: list[WorkbenchCookie]) -> str:
    return signing.dumps([cookie.to_json() for cookie in cookies], salt=_SALT, compress=True)


def save_workbench_cookies(request: HttpRequest, response: HttpResponse, cookies: list[WorkbenchCookie]) -> None:
    path = app_root_path()
    if not cookies:
        response.delete_cookie(WORKBENCH_COOKIE_NAME, path=path, samesite="Lax")
        return
    response.set_cookie(
        WORKBENCH_COOKIE_NAME,
        _signed_list(cookies),
        max_age=MAX_AGE_LIMIT,
        path=path,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def validate_capacity(
    cookie: WorkbenchCookie, value: str, held: list[WorkbenchCookie], received: Mapping[str, str], cookie_header: str
) -> None:
    """Refuse a cookie that would push this browser past the workbench's caps (so the site never answers 400)."""
    name = cookie.name
    others = [other for other in held if other.name != name]
    if len(others) + 1 > conf.WORKBENCH_MAX_COOKIES:
        raise ValidationError(
            f"This browser already holds {len(others)} workbench cookies, the most the workbench allows. "
            "Delete one below first.",
            code="too_many",
        )
    current = len(cookie_header.encode())
    if name in received:
        current -= len(f"{name}={received[name]}".encode()) + 2
    after = current + len(f"; {name}={value}".encode())
    if after > conf.WORKBENCH_MAX_COOKIE_HEADER_BYTES:
        raise ValidationError(
            f"With this cookie your browser's Cookie header would grow to about {after:,} bytes; the workbench keeps "
            f"it under {conf.WORKBENCH_MAX_COOKIE_HEADER_BYTES:,} so servers do not start answering "
            "“400 Bad Request”. Delete some cookies or shorten the value.",
            code="header_too_big",
        )
    if len(_signed_list([*others, cookie])) > MAX_COOKIE_BYTES - 200:
        raise ValidationError(
            "The workbench's own list of your cookies is full. Delete a cookie below first.", code="registry_full"
        )


def held_cookies(request: HttpRequest, now: float) -> list[WorkbenchCookie]:
    return [cookie for cookie in workbench_cookies(request) if not cookie.expired(now)]


def remember(request: HttpRequest, response: HttpResponse, cookie: WorkbenchCookie, now: float) -> None:
    kept = [other for other in held_cookies(request, now) if other.name != cookie.name]
    save_workbench_cookies(request, response, [*kept, cookie])


def expire(request: HttpRequest, response: HttpResponse, cookie: WorkbenchCookie, now: float) -> None:
    """There is no "delete": send the same name, Path and Domain again with Max-Age=0."""
    response.set_cookie(
        cookie.name, "", max_age=0, path=cookie.path, domain=cookie.domain or None, secure=cookie.secure
    )
    kept = [other for other in held_cookies(request, now) if other.name != cookie.name]
    save_workbench_cookies(request, response, kept)


def expire_all(request: HttpRequest, response: HttpResponse) -> None:
    """Expire every cookie the workbench set for this browser, and the list itself ("Reset this lab")."""
    for cookie in workbench_cookies(request):
        add_cookie(
            response,
            cookie.name,
            "",
            path=cookie.path,
            domain=cookie.domain or None,
            max_age=0,
            samesite=None,
            secure=cookie.secure,
        )
    save_workbench_cookies(request, response, [])


@dataclass(frozen=True)
class Outcome:
    kept: bool
    message: str


def outcome(request: HttpRequest, name: str, now: float) -> Outcome | None:
    """What the browser did with the cookie the workbench just set, judged from this (the next) request."""
    cookie = next((c for c in workbench_cookies(request) if c.name == name), None)
    if cookie is None:
        return None
    received = request.COOKIES.get(name)
    if cookie.matches(received):
        return Outcome(
            True, "Your browser kept it and sent it back with this very request: look for it in the Cookie header."
        )
    if cookie.expired(now):
        return Outcome(
            False,
            "It expired at once (Max-Age 0 or an Expires in the past), so the browser threw it away: that is how a "
            "cookie is deleted.",
        )
    if not path_matches(cookie.path, request.path):
        return Outcome(
            False,
            f"Not sent to this page: its Path {cookie.path} does not cover {request.path}. The browser may well "
            "keep it and send it to pages under that path.",
        )
    if received is not None:
        return Outcome(False, "Your browser sent back a cookie of that name, but with a different value.")
    if cookie.secure and not request.is_secure():
        if not origins.is_potentially_trustworthy(request):
            return Outcome(
                False,
                f"Dropped: it is Secure, and this page came over plain http://{origins.request_host(request)}, "
                "which is not a potentially trustworthy origin (only HTTPS and loopback names such as localhost "
                "and 127.0.0.1 are). Your browser refused to store it and told the server nothing: the lecture's "
                "cookie: {secure: true} trap, as every student meets it on a classroom network.",
            )
        return Outcome(
            False,
            "Not sent back: it is Secure and this page came over plain HTTP. Browsers allow that only on loopback "
            "hosts such as localhost, and not every browser does.",
        )
    return Outcome(False, "Your browser did not send it back: it refused the cookie or has dropped it since.")
