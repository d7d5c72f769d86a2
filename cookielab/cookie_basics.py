"""The workings behind the cookie lessons: demo cookies, forms, the sequence diagram, parsers.

Views in ``cookielab.views.cookies`` stay thin; everything they compute lives here.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from http import HTTPStatus
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import unquote

from django import forms
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.http import http_date

from cookielab import lessons

EXPIRED = "Thu, 01 Jan 1970 00:00:00 GMT"


def add_cookie(response: HttpResponse, name: str, value: str, *, path: str, max_age: int | None = None) -> None:
    """Set a SameSite=Lax cookie, even when ``response`` already sets another of the same name.

    Django keys ``response.cookies`` by name, so a second cookie of that name (with another path)
    needs a slot of its own; the morsel still carries the real name.
    """
    jar = SimpleCookie()
    jar[name] = value
    morsel = jar[name]
    morsel["path"] = path
    morsel["samesite"] = "Lax"
    if max_age is not None:
        morsel["max-age"] = max_age
        morsel["expires"] = EXPIRED if max_age <= 0 else http_date(time.time() + max_age)
    slot = name if name not in response.cookies else f"{name} {path}"
    response.cookies[slot] = morsel


def set_cookies_named(exchange: dict[str, Any] | None, names: set[str]) -> list[str]:
    """The ``Set-Cookie`` headers of a recorded exchange that set one of ``names``."""
    if not exchange:
        return []
    return [header for header in exchange.get("set_cookie", []) if header.split("=", 1)[0] in names]


def cookie_pairs(header: str) -> list[tuple[str, str]]:
    """The name/value pairs of a ``Cookie`` header, in the order the browser sent them, undecoded."""
    pairs = []
    for chunk in header.split(";"):
        name, equals, value = chunk.partition("=")
        if equals:
            pairs.append((name.strip(" \t"), value.strip(" \t")))
    return pairs


_MALFORMED_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")


def _percent_decode(value: str) -> str:
    """Like JavaScript's decodeURIComponent, falling back to the raw text where that would throw."""
    if "%" not in value or _MALFORMED_ESCAPE.search(value):
        return value
    try:
        return unquote(value, errors="strict")
    except UnicodeDecodeError:
        return value


def first_wins_parse(header: str) -> dict[str, str]:
    """Parse a ``Cookie`` header the way the npm ``cookie`` package (behind cookie-parser) does.

    The first pair of a name wins; surrounding double quotes are dropped; values are
    percent-decoded when that succeeds. Django's ``parse_cookie`` keeps the last pair instead.
    """
    cookies: dict[str, str] = {}
    for name, value in cookie_pairs(header):
        if name in cookies:
            continue
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = value[1:-1]
        cookies[name] = _percent_decode(value)
    return cookies


# ---- How cookies are sent ---------------------------------------------------------------------

DEMO_COOKIE = "demo_flavour"
FLAVOURS = (("chocolate-chip", "Chocolate chip"), ("oatmeal", "Oatmeal"), ("ginger", "Ginger"))


class BakeForm(forms.Form):
    flavour = forms.ChoiceField(
        label="Flavour",
        choices=FLAVOURS,
        error_messages={
            "required": "Choose a flavour first.",
            "invalid_choice": "Choose one of the flavours in the list.",
        },
    )


@dataclass(frozen=True)
class DiagramLine:
    text: str
    y: int
    highlight: bool = False
    indent: int = 0


@dataclass(frozen=True)
class DiagramMessage:
    from_browser: bool
    arrow_y: int
    label: DiagramLine
    lines: tuple[DiagramLine, ...]


@dataclass(frozen=True)
class SequenceDiagram:
    messages: tuple[DiagramMessage, ...]
    height: int
    width: int = 660
    browser_x: int = 40
    server_x: int = 620
    text_x: int = 56


_LINE = 17
_INDENT = 16
_MAX_PAIRS = 8
# (text, highlighted, indented)
_Line = tuple[str, bool, bool]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _request_lines(cookie_header: str) -> list[_Line]:
    pairs = cookie_pairs(cookie_header)
    if not pairs:
        return [("(no Cookie header)", False, False)]
    lines: list[_Line] = [("Cookie:", False, False)]
    for name, value in pairs[:_MAX_PAIRS]:
        lines.append((f"{_short(name, 30)}={_short(value, 24)}", name == DEMO_COOKIE, True))
    if len(pairs) > _MAX_PAIRS:
        lines.append((f"… and {len(pairs) - _MAX_PAIRS} more", False, True))
    return lines


def _response_lines(set_cookies: list[str]) -> list[_Line]:
    if not set_cookies:
        return [("(no Set-Cookie)", False, False)]
    return [
        (f"Set-Cookie: {_short(header, 62)}", header.startswith(f"{DEMO_COOKIE}="), False) for header in set_cookies
    ]


def _status_text(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def sequence_diagram(exchanges: list[dict[str, Any]], method: str, path: str, cookie_header: str) -> SequenceDiagram:
    """Lay out ``exchanges`` (oldest first) and the request being answered as a sequence diagram."""
    steps: list[tuple[bool, str, list[_Line]]] = []
    for exchange in exchanges:
        steps.append((True, f"{exchange['method']} {_short(exchange['path'], 56)}", _request_lines(exchange["cookie"])))
        steps.append((False, _status_text(exchange["status"]), _response_lines(exchange["set_cookie"])))
    steps.append((True, f"{method} {_short(path, 56)}  (this page)", _request_lines(cookie_header)))
    messages: list[DiagramMessage] = []
    y = 48
    for from_browser, label, lines in steps:
        arrow_y = y + 20
        body = tuple(
            DiagramLine(text, arrow_y + _LINE * (index + 1), highlight, _INDENT if indented else 0)
            for index, (text, highlight, indented) in enumerate(lines)
        )
        messages.append(DiagramMessage(from_browser, arrow_y, DiagramLine(label, y + 12), body))
        y = arrow_y + _LINE * len(lines) + 18
    return SequenceDiagram(tuple(messages), height=y + 8)


# ---- Myths and facts --------------------------------------------------------------------------

MYTH, FACT = "myth", "fact"


@dataclass(frozen=True)
class Statement:
    key: str
    text: str
    answer: str
    explanation: str
    proven_by: tuple[str, ...]
    lecture_note: str = ""

    def proofs(self) -> list[lessons.Lesson]:
        """The lessons that demonstrate this statement and exist in this installation."""
        return [lesson for slug in self.proven_by if (lesson := lessons.get_lesson(slug)) is not None]


STATEMENTS: tuple[Statement, ...] = (
    Statement(
        "worms",
        "Cookies are like worms or viruses: they can erase data from your disk.",
        MYTH,
        "A cookie is a name and a value the browser stores and sends back. The browser never runs it, "
        "so it cannot do anything on your computer.",
        ("how-cookies-are-sent", "reading-cookies"),
    ),
    Statement(
        "data",
        "Cookies are data, not program code.",
        FACT,
        "Every cookie is text: a name, a value and a few attributes. You can read every byte of the ones "
        "this site sets in the Cookie header beside each demo.",
        ("reading-cookies", "cookies-in-javascript"),
    ),
    Statement(
        "spyware",
        "A cookie can read your files and send your personal information to a website.",
        MYTH,
        "A cookie only holds what the site itself put in it, and goes back only to the host (and path) "
        "it belongs to. It cannot read files or anything else on your computer.",
        ("where-cookies-live", "cookie-use-cases"),
    ),
    Statement(
        "track",
        "Cookies can be used to follow what you do on a site, and across sites.",
        FACT,
        "A random id in a cookie is enough to link all your requests together. Third-party cookies from an "
        "embedded tracker did the same across every site that embedded it; browsers now restrict them.",
        ("cookie-use-cases", "what-is-a-session"),
    ),
    Statement(
        "popups",
        "Cookies make pop-ups and spam appear.",
        MYTH,
        "Pop-ups come from scripts on pages. A cookie cannot open a window or send an email; it is inert data.",
        ("cookies-in-javascript",),
    ),
    Statement(
        "anonymous",
        "Cookies are anonymous, so they are no privacy concern.",
        MYTH,
        "The lecture calls cookies “usually anonymous”. That is weak: a cookie rarely holds your name, but an "
        "id that recognises your browser on every visit is an online identifier, and the GDPR counts it as "
        "personal data. That is why sites ask for consent before non-essential cookies.",
        ("cookie-use-cases", "what-is-a-session"),
        lecture_note="The lecture lists “usually anonymous” among the facts.",
    ),
    Statement(
        "advertising",
        "Cookies are used only for advertising.",
        MYTH,
        "Most cookies keep you logged in, hold a session id, protect forms against CSRF or remember a "
        "preference. This site's own csrftoken and sessionid cookies are examples.",
        ("cookie-use-cases", "what-is-a-session", "csrf"),
    ),
    Statement(
        "no-read",
        "A cookie cannot read or erase information on your computer.",
        FACT,
        "The browser stores cookies in its own profile database and sends them back in a header. Nothing "
        "in a cookie gives a site access to the rest of your disk.",
        ("where-cookies-live",),
    ),
    Statement(
        "forever",
        "Closing the browser deletes all cookies.",
        MYTH,
        "Only session cookies (no Max-Age or Expires) go when the browser closes, and browsers that restore "
        "your last session may keep even those. Persistent cookies stay until they expire (Chromium caps that "
        "at 400 days).",
        ("session-vs-persistent", "expiring-cookies"),
    ),
)


class MythsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for statement in STATEMENTS:
            self.fields[statement.key] = forms.ChoiceField(
                label=statement.text,
                choices=((MYTH, "Myth"), (FACT, "Fact")),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Pick Myth or Fact for this statement.",
                    "invalid_choice": "Only Myth or Fact can be an answer.",
                },
            )


@dataclass(frozen=True)
class Verdict:
    statement: Statement
    picked: str
    correct: bool


def check_myths(cleaned_data: dict[str, str]) -> list[Verdict]:
    return [
        Verdict(statement, cleaned_data[statement.key], cleaned_data[statement.key] == statement.answer)
        for statement in STATEMENTS
    ]


# ---- Reading cookies --------------------------------------------------------------------------

USERNAME_COOKIE = "username"
DUPLICATE_COOKIE = "dup_demo"
DUPLICATE_SITE_WIDE = "site-wide"
DUPLICATE_THIS_LESSON = "this-lesson"


@dataclass(frozen=True)
class DuplicateReport:
    sent: list[str]
    django_kept: str | None
    first_wins_kept: str | None


def duplicate_report(cookie_header: str, request_cookies: dict[str, str]) -> DuplicateReport:
    """Which of several same-name cookies each parser keeps."""
    return DuplicateReport(
        sent=[value for name, value in cookie_pairs(cookie_header) if name == DUPLICATE_COOKIE],
        django_kept=request_cookies.get(DUPLICATE_COOKIE),
        first_wins_kept=first_wins_parse(cookie_header).get(DUPLICATE_COOKIE),
    )


# ---- Deleting means expiring ------------------------------------------------------------------

LAB_COOKIE = "lab_path_demo"
LAB_COOKIE_VALUE = "path-scoped"
LAB_ATTEMPTS = {
    "set": "You set the cookie with a Path of the lab's sub-path.",
    "wrong-path": "You asked to delete it with Path=/ — a different path from the one it was set with.",
    "right-path": "You asked to delete it with the same Path it was set with.",
}


def delete_username(response: HttpResponse, path: str) -> None:
    """Expire ``username`` with the attributes it was set with (HttpOnly, SameSite=Lax)."""
    response.delete_cookie(USERNAME_COOKIE, path=path, samesite="Lax")
    response.cookies[USERNAME_COOKIE]["httponly"] = True


# ---- Session and persistent cookies -----------------------------------------------------------

DAY = 86_400
LIFETIMES: tuple[tuple[str, int | None, str], ...] = (
    ("demo_session", None, "a session cookie: no Max-Age, no Expires"),
    ("demo_week", 7 * DAY, "persistent for 7 days"),
    ("demo_decade", 3650 * DAY, "asks for 10 years"),
)
LIFETIME_NAMES = {name for name, _, _ in LIFETIMES}


def set_lifetime_cookies(response: HttpResponse, path: str) -> None:
    for name, max_age, _ in LIFETIMES:
        response.set_cookie(name, name.removeprefix("demo_"), max_age=max_age, path=path, samesite="Lax")


def expire_lifetime_cookies(response: HttpResponse, path: str) -> None:
    for name, _, _ in LIFETIMES:
        response.delete_cookie(name, path=path, samesite="Lax")


# ---- What cookies are used for ----------------------------------------------------------------

THEME_COOKIE = "cookielab_theme"
THEMES = (("light", "Light"), ("dark", "Dark"), ("system", "Follow my system"))
THEME_MAX_AGE = 365 * DAY
HOST_MARKER = "host_marker"


class ThemeForm(forms.Form):
    theme = forms.ChoiceField(
        label="Theme",
        choices=THEMES,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose a theme first.",
            "invalid_choice": "Choose light, dark or system: nothing else is a theme here.",
        },
    )


def theme_from_cookie(cookies: dict[str, str]) -> str:
    """The theme the cookie asks for; anything not offered (a tampered cookie) means "system"."""
    value = cookies.get(THEME_COOKIE, "")
    return value if value in dict(THEMES) else "system"


def host_marker_value(request: HttpRequest) -> str:
    """A cookie-safe note of the host name the marker was set on."""
    name, _ = split_domain_port(request.get_host())
    return "set-on-" + re.sub(r"[^A-Za-z0-9.-]", "-", name)


def received_cookie_lines(cookies: dict[str, str], limit: int = 6) -> list[str]:
    """What the image endpoint received, shortened to fit in a small image."""
    lines = [f"{_short(name, 24)}={_short(value, 16)}" for name, value in list(cookies.items())[:limit]]
    if len(cookies) > limit:
        lines.append(f"… and {len(cookies) - limit} more")
    return lines
