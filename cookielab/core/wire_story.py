"""The wire panel tells the story of the last action: the requests that led to this page, and what changed.

After a form: ``POST /…/bake/ → 303 (Set-Cookie: demo_flavour=oatmeal, new)``, then ``GET /… (Cookie:
demo_flavour=oatmeal, new)``, then this page's own answer. The chain is read back from the exchanges the
wire tap kept (``cookielab.core.wire``): the redirects whose ``Location`` is the request after them. This
page's own ``Set-Cookie`` headers are added by the middleware once the response is complete
(``fill_response_step``): the session and CSRF middleware set their cookies after the page is rendered.

Cookies are marked against the request before: *new* (not sent before), *changed* (another value), and a
``Set-Cookie`` that expires its cookie (``Max-Age=0``, an ``Expires`` in the past) is *deleted*. Long values
are folded (the first characters, the size, a ``<details>`` for the rest), and the site's own cookies
(session, CSRF, the panel's id, progress) are grouped under "The site's own cookies". After a page's scripts
fired many requests (the races lesson sends a hundred), the panel refreshed by ``/wire/`` counts them by
status instead of showing the page load.

Secret values (the session key, the wire id) are compared as sent and shown masked
(``cookielab.core.secret_cookies``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from dataclasses import replace
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from cookielab.conf import conf
from cookielab.core import dates
from cookielab.core import wire
from cookielab.core.cookie_header import cookie_pairs
from cookielab.core.secret_cookies import shown_cookie_header
from cookielab.core.secret_cookies import shown_value

# A step lists at most this many of a request's cookies (a full jar is ~180; a crafted header, thousands).
SHOWN_COOKIES = 50
# Values longer than FOLD_AT characters show their first SHOWN_CHARS and fold the rest.
FOLD_AT = 48
SHOWN_CHARS = 40

NEW = "new"
CHANGED = "changed"
DELETED = "deleted"
SAME = "same"
MARK_TEXT = {NEW: "new", CHANGED: "changed", DELETED: "deleted", SAME: "unchanged"}


def own_cookie_names() -> frozenset[str]:
    """The cookies the site sets for itself, whatever the lesson: grouped and folded in the panel."""
    return frozenset(
        {settings.SESSION_COOKIE_NAME, settings.CSRF_COOKIE_NAME, conf.WIRE_COOKIE_NAME, conf.PROGRESS_COOKIE_NAME}
    )


@dataclass(frozen=True)
class CookieView:
    """One cookie of a ``Cookie`` header, or one ``Set-Cookie``, as the panel shows it."""

    name: str
    value: str  # as a page may show it: secret values masked
    size: int  # bytes of name=value as sent
    mark: str = ""
    attributes: str = ""  # Set-Cookie: everything after the value, as sent
    until: datetime | None = None  # Set-Cookie: when the browser drops it (None: at the end of the browser session)

    @property
    def folded(self) -> bool:
        return len(self.value) > FOLD_AT

    @property
    def short(self) -> str:
        return self.value[:SHOWN_CHARS] + "…"

    @property
    def mark_text(self) -> str:
        return MARK_TEXT.get(self.mark, "")


@dataclass(frozen=True)
class Cookies:
    """A step's cookies: the lesson's own, then the site's (folded), and how many more were left out."""

    lesson: list[CookieView] = field(default_factory=list)
    own: list[CookieView] = field(default_factory=list)
    more: int = 0

    @property
    def count(self) -> int:
        return len(self.lesson) + len(self.own) + self.more

    @property
    def marked(self) -> int:
        return sum(1 for cookie in (*self.lesson, *self.own) if cookie.mark in {NEW, CHANGED, DELETED})

    @property
    def own_changes(self) -> str:
        """ "sessionid new, csrftoken changed": what the folded group hides that changed."""
        return ", ".join(f"{c.name} {c.mark_text}" for c in self.own if c.mark in {NEW, CHANGED, DELETED})


@dataclass(frozen=True)
class Step:
    """One request and its answer, in the order they happened."""

    method: str
    path: str
    sent: Cookies
    cookie_header: str  # as a page may show it
    gone: list[str] = field(default_factory=list)  # cookies the request before sent and this one did not
    status: int | None = None  # None: the answer is this very response (filled in by the middleware)
    location: str = ""
    answered: Cookies = field(default_factory=Cookies)
    left_out: int = 0
    count: int = 1
    statuses: list[tuple[str, int]] = field(default_factory=list)
    script: bool = False
    label: str = ""  # what this request was: "the form you sent", "this page"…
    last: bool = False  # the request this page answers: its cookies are shown open

    @property
    def reason(self) -> str:
        try:
            return HTTPStatus(self.status or 0).phrase
        except ValueError:
            return ""


@dataclass(frozen=True)
class Story:
    intro: str
    steps: list[Step]
    first: str = ""  # "POST /path/" of the first step, for cookielab.js ("You pressed …")
    earlier: list[Step] = field(default_factory=list)


# ---- reading headers ----


def _pairs(header: str) -> list[tuple[str, str]]:
    return cookie_pairs(header or "")


def _size(name: str, value: str) -> int:
    return len(f"{name}={value}".encode("utf-8", "replace"))


def _grouped(views: Iterable[CookieView], more: int = 0) -> Cookies:
    own = own_cookie_names()
    lesson: list[CookieView] = []
    site: list[CookieView] = []
    for view in views:
        (site if view.name in own else lesson).append(view)
    return Cookies(lesson, site, more)


def sent_cookies(header: str, before: str | None) -> tuple[Cookies, list[str]]:
    """The cookies of a ``Cookie`` header, marked against the request before (None: nothing to compare with)."""
    pairs = _pairs(header)
    earlier = _pairs(before) if before is not None else None
    earlier_names = {name for name, _ in earlier} if earlier is not None else set()
    earlier_pairs = set(earlier) if earlier is not None else set()
    views = []
    for name, value in pairs[:SHOWN_COOKIES]:
        mark = ""
        if earlier is not None:
            mark = NEW if name not in earlier_names else ("" if (name, value) in earlier_pairs else CHANGED)
        views.append(CookieView(name, shown_value(name, value), _size(name, value), mark))
    names = {name for name, _ in pairs}
    gone = sorted(earlier_names - names) if earlier is not None else []
    return _grouped(views, max(len(pairs) - SHOWN_COOKIES, 0)), gone


def _until(attributes: dict[str, str], at: datetime) -> tuple[datetime | None, bool]:
    """When a Set-Cookie's cookie ends (None: with the browser session), and whether it is already over."""
    max_age = attributes.get("max-age")
    if max_age is not None:
        try:
            seconds = int(max_age)
        except ValueError:
            seconds = None
        if seconds is not None:
            if seconds <= 0:
                return at, True
            try:
                return at + timedelta(seconds=seconds), False
            except OverflowError:
                return None, False
    expires = dates.parse_when(attributes.get("expires", ""))
    if expires is not None:
        return expires, expires <= at
    return None, False


def set_cookie_view(header: str, request_cookies: dict[str, str], at: datetime) -> CookieView:
    """One ``Set-Cookie`` header: its cookie, marked against the cookies the request carried."""
    pair, _, rest = header.partition(";")
    name, _, value = pair.partition("=")
    name, value = name.strip(), value.strip()
    attributes = {}
    for part in rest.split(";"):
        key, _, attribute = part.partition("=")
        attributes[key.strip().lower()] = attribute.strip()
    until, over = _until(attributes, at)
    if over:
        mark = DELETED
    elif name not in request_cookies:
        mark = NEW
    else:
        mark = SAME if request_cookies[name] == value else CHANGED
    return CookieView(name, shown_value(name, value), _size(name, value), mark, rest.strip(), None if over else until)


def set_cookies(headers: list[str], request_header: str, at: datetime) -> Cookies:
    cookies = dict(_pairs(request_header))
    return _grouped(set_cookie_view(str(header), cookies, at) for header in headers)


def _at(exchange: dict[str, Any]) -> datetime:
    """When the exchange happened (to the second, as recorded): the start of a Max-Age."""
    moment = dates.parse_when(exchange.get("at"))
    return moment or datetime.now(timezone.utc).replace(microsecond=0)


def _target(location: str, request: HttpRequest) -> str | None:
    """The path and query a Location sends the browser to, when it stays on this site."""
    parts = urlsplit(location)
    if parts.netloc and parts.netloc != request.get_host():
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ---- steps ----


def recorded_step(exchange: dict[str, Any], before: str | None, *, label: str = "", last: bool = False) -> Step:
    """A step from an exchange the tap kept (its answer is known)."""
    header = str(exchange.get("cookie", ""))
    sent, gone = sent_cookies(header, before)
    statuses = exchange.get("statuses") or {}
    return Step(
        method=str(exchange.get("method", "")),
        path=str(exchange.get("path", "")),
        sent=sent,
        cookie_header=shown_cookie_header(header),
        gone=gone,
        status=int(exchange.get("status", 0)),
        location=str(exchange.get("location", "")),
        answered=set_cookies(list(exchange.get("set_cookie", [])), header, _at(exchange)),
        left_out=int(exchange.get("set_cookie_left_out", 0)),
        count=int(exchange.get("count", 1)),
        statuses=sorted((str(code), int(n)) for code, n in statuses.items()),
        script=exchange.get("kind") == wire.SCRIPT,
        label=label,
        last=last,
    )


def current_step(request: HttpRequest, before: str | None, *, label: str) -> Step:
    """The request being answered now: its answer is filled in by the middleware."""
    header = request.headers.get("Cookie", "")
    sent, gone = sent_cookies(header, before)
    return Step(
        method=request.method or "GET",
        path=request.get_full_path(),
        sent=sent,
        cookie_header=shown_cookie_header(header),
        gone=gone,
        label=label,
        last=True,
    )


def _chain(kept: list[dict[str, Any]], target: str, request: HttpRequest) -> int:
    """How many of the newest kept exchanges are page redirects that led, one to the next, to ``target``."""
    count = 0
    for exchange in kept:
        location = exchange.get("location")
        if exchange.get("kind", wire.PAGE) != wire.PAGE or not location or _target(str(location), request) != target:
            break
        count += 1
        target = str(exchange.get("path", ""))
    return count


def _intro(chain: list[Step], current_method: str) -> str:
    requests = len(chain) + 1
    if chain and chain[0].method == "POST":
        return f"You sent a form: {requests} requests and their answers led to this page."
    if chain:
        return f"A redirect led here: {requests} requests and their answers."
    if current_method == "POST":
        return "You sent a form, and the server answered it with this page (no redirect)."
    return "You loaded this page: one request, and this page is its answer."


def page_story(request: HttpRequest) -> Story:
    """For a page being rendered: the redirects that led to it, then its own request."""
    kept = wire.kept_history(request)
    length = _chain(kept, request.get_full_path(), request)
    chain_exchanges = list(reversed(kept[:length]))
    baseline = kept[length] if length < len(kept) else None
    before = str(baseline.get("cookie", "")) if baseline is not None else None
    steps = []
    for index, exchange in enumerate(chain_exchanges):
        label = "the form you sent" if index == 0 and exchange.get("method") == "POST" else "a redirect"
        steps.append(recorded_step(exchange, before, label=label))
        before = str(exchange.get("cookie", ""))
    steps.append(current_step(request, before, label="this page"))
    earlier = [recorded_step(exchange, None) for exchange in kept[length:]]
    first = steps[0]
    return Story(_intro(steps[:-1], request.method or "GET"), steps, f"{first.method} {first.path}", earlier)


def fragment_story(request: HttpRequest) -> Story:
    """For ``/wire/``, asked by a page's script after a demo: what its scripts sent since the page loaded."""
    kept = wire.kept_history(request)
    scripts = 0
    while scripts < len(kept) and kept[scripts].get("kind") == wire.SCRIPT:
        scripts += 1
    if scripts:
        shown = list(reversed(kept[:scripts]))
        requests = sum(int(exchange.get("count", 1)) for exchange in shown)
        intro = f"Since this page loaded, its scripts sent {requests} request{'' if requests == 1 else 's'}:"
        start = scripts
    else:
        length = 1 + _chain(kept[1:], str(kept[0].get("path", "")), request) if kept else 0
        shown = list(reversed(kept[:length]))
        intro = "The requests that loaded this page:" if shown else "Nothing recorded yet for this browser."
        start = length
    baseline = kept[start] if start < len(kept) else None
    before = str(baseline.get("cookie", "")) if baseline is not None else None
    steps = []
    for exchange in shown:
        steps.append(recorded_step(exchange, before))
        before = str(exchange.get("cookie", ""))
    # Cookies a script wrote or expired without a request show up in this very request: the panel's own.
    header = request.headers.get("Cookie", "")
    if before is None or sorted(_pairs(header)) != sorted(_pairs(before)):
        steps.append(current_step(request, before, label="this panel's refresh: the cookies your browser sends now"))
    elif steps:
        last = steps[-1]
        steps[-1] = replace(last, last=True)
    earlier = [recorded_step(exchange, None) for exchange in kept[start:]]
    return Story(intro, steps, "", earlier)


# ---- the panel ----


def panel(request: HttpRequest, *, fragment: bool = False) -> dict[str, Any]:
    """Template context for the wire panel of the page being rendered (``fragment``: for ``/wire/``)."""
    wire.want_tap(request)
    story = fragment_story(request) if fragment else page_story(request)
    marker = "" if fragment else wire.response_marker(request)
    return {
        "enabled": wire.is_tapped(request),
        "story": story,
        "tap_cookie_name": conf.WIRE_COOKIE_NAME,
        "marker_start": marker,
        "marker_end": marker.replace("<!--", "<!--/"),
    }


@require_safe
def panel_fragment(request: HttpRequest) -> HttpResponse:
    """The panel alone, for pages that refresh it after a fetch() demo (itself never recorded)."""
    response = render(request, "cookielab/includes/wire-panel.html", {"wire": panel(request, fragment=True)})
    return wire.not_recorded(response)


def fill_response_step(request: HttpRequest, response: HttpResponse) -> None:
    """Put this response's own status and ``Set-Cookie`` headers where the panel left its placeholder."""
    marker = wire.marker_of(request)
    if (
        marker is None
        or response.streaming
        or response.has_header("Content-Encoding")
        or "html" not in response.get("Content-Type", "")
    ):
        return
    start, end = marker.encode(), marker.replace("<!--", "<!--/").encode()
    content = response.content
    head, found, rest = content.partition(start)
    if not found or end not in rest:
        return
    kept, left_out = wire.kept_set_cookies(wire.set_cookie_headers(response))
    exchange = {
        "status": response.status_code,
        "set_cookie": kept,
        "set_cookie_left_out": left_out,
        "cookie": request.headers.get("Cookie", ""),
    }
    step = recorded_step(exchange, None)
    answer = render_to_string("cookielab/includes/wire-answer.html", {"step": step, "this_page": True})
    response.content = head + answer.encode() + rest.partition(end)[2]
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(response.content))
