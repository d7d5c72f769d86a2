"""Find every page and every form of the site the way a visitor does: GET the pages, parse their HTML.

The fuzz tests use this map, so a new lesson's page, sub-page and forms are fuzzed without editing
a test: every URL pattern that takes no argument is a page; every same-site link found on a page is
a page too (that is how ``/httpbin/redirect/3`` or ``?page=2`` are found); every ``<form>`` of every
page is a form. Forms that appear only once something was done (a cart's "remove", a logout button,
a URL session's "next") are found by submitting each form once with the values it offers and
reading the page that answers; the form then remembers those steps (``setup``) to be replayed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from dataclasses import field
from typing import TYPE_CHECKING
from typing import Any
from urllib.parse import parse_qsl
from urllib.parse import urljoin
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from bs4 import SoupStrainer
from bs4 import Tag
from django.test import Client
from django.urls import URLPattern
from django.urls import URLResolver
from django.urls import get_resolver

if TYPE_CHECKING:  # what the test client returns: a response with .request, .redirect_chain…
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

CSRF_FIELD = "csrfmiddlewaretoken"
SITE_HOSTS = {"", "testserver", "127.0.0.1:8000", "localhost:8000"}
SKIPPED_PREFIXES = ("/admin/", "/static/")  # Django's admin and static files are not the app's code
MAX_PAGES = 400
TOKEN_INPUT = re.compile(r"<input\b[^>]*>")
VALUE_ATTRIBUTE = re.compile(r'\bvalue="([^"]*)"')
# A plausible value per HTML input type, for what a visitor types in the crawl's submissions.
PLAUSIBLE = {"number": "1", "range": "1", "email": "a@example.org", "url": "https://example.org/"}


@dataclass(frozen=True)
class Field:
    """One name of a form: every control that submits under it, merged."""

    name: str
    kind: str  # text, textarea, select, radio, checkbox, hidden, submit, number…
    options: tuple[str, ...] = ()  # values the form offers (select options, radio values, buttons)
    value: str = ""  # the value it starts with
    required: bool = False

    def offered(self, typing: bool = False) -> str | None:
        """What a visitor submits: the value offered, or ``typing`` something obvious; None: nothing."""
        if self.value:
            return self.value
        if self.kind == "checkbox":
            return None  # left unticked
        if self.options:
            return self.options[0]
        return PLAUSIBLE.get(self.kind, "a") if self.required or typing else ""


@dataclass(frozen=True)
class Submission:
    page: str
    form: Form
    values: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Form:
    page: str  # the page (path and query) it was found on
    method: str  # "get" or "post"
    action: str  # path and query, no fragment
    fields: tuple[Field, ...]
    setup: tuple[Submission, ...] = field(default=(), compare=False)

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, urlsplit(self.action).path, tuple(sorted(f.name for f in self.fields)))

    @property
    def has_csrf_token(self) -> bool:
        return any(f.name == CSRF_FIELD for f in self.fields)

    @property
    def fuzzable(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.name != CSRF_FIELD)

    def offered_values(self, typing: bool = False) -> tuple[tuple[str, str], ...]:
        values = ((f.name, f.offered(typing)) for f in self.fuzzable)
        return tuple((name, value) for name, value in values if value is not None)

    def __str__(self) -> str:
        return f"{self.method.upper()} {self.action} (on {self.page})"


@dataclass
class SiteMap:
    pages: list[str]  # paths without a query
    forms: list[Form]
    query_keys: dict[str, set[str]]  # per page path: the keys its forms, links and redirects use
    answers: list[tuple[str, str, int]]  # every page the crawl read: method, URL, status

    @property
    def readable_pages(self) -> list[str]:
        """The pages that answer a GET with anything but 405 (a POST-only action refuses before its view)."""
        first_status: dict[str, int] = {}
        for method, url, status in self.answers:
            if method == "GET":
                first_status.setdefault(url, status)
        return [page for page in self.pages if first_status.get(page) != 405]

    @property
    def post_only_pages(self) -> list[str]:
        return sorted(set(self.pages) - set(self.readable_pages))

    @property
    def all_query_keys(self) -> set[str]:
        return set().union(*self.query_keys.values()) if self.query_keys else set()


def argument_free_paths(patterns: Iterable[URLPattern | URLResolver] | None = None, prefix: str = "/") -> list[str]:
    """Every URL of the site's URLconf that takes no argument (the admin left out)."""
    found: list[str] = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if pattern.pattern.converters or not hasattr(pattern.pattern, "_route"):
            continue  # needs an argument, or a regex (the admin's): found through links if linked
        if isinstance(pattern, URLResolver):
            found.extend(argument_free_paths(pattern.url_patterns, route))
        elif not route.startswith(SKIPPED_PREFIXES):
            found.append(route)
    return found


def argument_routes(patterns: Iterable[URLPattern | URLResolver] | None = None, prefix: str = "/") -> list[str]:
    """Every route of the site's URLconf that takes arguments, as written: ``/httpbin/redirect/<int:n>``."""
    found: list[str] = []
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        route = prefix + str(pattern.pattern)
        if not hasattr(pattern.pattern, "_route") or route.startswith(SKIPPED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            found.extend(argument_routes(pattern.url_patterns, route))
        elif pattern.pattern.converters:
            found.append(route)
    return found


def site_path(url: str, base: str) -> str | None:
    """``url`` (as written in ``base``'s HTML) as a path and query on this site, or None elsewhere."""
    parts = urlsplit(urljoin(base, url))
    if parts.scheme not in {"", "http", "https"} or parts.netloc not in SITE_HOSTS:
        return None
    if parts.path.startswith(SKIPPED_PREFIXES):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def parse(html: bytes, only: list[str]) -> BeautifulSoup:
    """Only the tags asked for: a whole lesson page takes Python's HTML parser ten times longer."""
    return BeautifulSoup(html, "html.parser", parse_only=SoupStrainer(only))


def attribute(tag: Tag, name: str, default: str = "") -> str:
    """An attribute's text (bs4 gives multi-valued ones, like class, as lists)."""
    value = tag.get(name)
    if value is None:
        return default
    return value if isinstance(value, str) else " ".join(value)


def parse_forms(html: bytes | BeautifulSoup, page: str, setup: tuple[Submission, ...] = ()) -> list[Form]:
    forms: list[Form] = []
    soup = html if isinstance(html, BeautifulSoup) else parse(html, ["form"])
    for node in soup.find_all("form"):
        action = site_path(attribute(node, "action") or page, page)
        if action is None:
            continue
        forms.append(
            Form(
                page=page,
                method=(attribute(node, "method") or "get").lower(),
                action=action,
                fields=tuple(_fields(node)),
                setup=setup,
            )
        )
    return forms


def _fields(form: Tag) -> Iterator[Field]:
    merged: dict[str, dict[str, Any]] = {}
    for control in form.find_all(["input", "select", "textarea", "button"]):
        name = attribute(control, "name")
        if not name or control.has_attr("disabled"):
            continue
        kind = attribute(control, "type", "text").lower() if control.name in {"input", "button"} else control.name
        if control.name == "button" and not control.has_attr("type"):
            kind = "submit"
        entry = merged.setdefault(name, {"kind": kind, "options": [], "value": "", "required": False})
        entry["required"] = entry["required"] or control.has_attr("required")
        if control.name == "select":
            for option in control.find_all("option"):
                value = attribute(option, "value", option.get_text())
                entry["options"].append(value)
                if option.has_attr("selected"):
                    entry["value"] = value
        elif control.name == "textarea":
            entry["value"] = control.get_text().removeprefix("\n")  # as HTML parsing drops it
        elif kind in {"radio", "checkbox", "submit"}:
            value = attribute(control, "value", "on")
            entry["options"].append(value)
            if control.has_attr("checked"):
                entry["value"] = value
        else:
            entry["value"] = attribute(control, "value")
    for name, entry in merged.items():
        yield Field(
            name=name,
            kind=entry["kind"],
            options=tuple(entry["options"]),
            value=entry["value"],
            required=entry["required"],
        )


def parse_links(html: bytes | BeautifulSoup, page: str) -> list[str]:
    soup = html if isinstance(html, BeautifulSoup) else parse(html, ["a", "link"])
    links = (site_path(attribute(a, "href"), page) for a in soup.find_all(["a", "link"], href=True))
    return [link for link in links if link is not None]


def is_html(response: TestResponse) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def replay(client: Client, setup: Iterable[Submission]) -> None:
    """Bring ``client`` to the state a form appeared in: GET each page, submit what was submitted."""
    for step in setup:
        page = client.get(step.page)
        token = csrf_token(page)
        data = dict(step.values)
        if token:
            data[CSRF_FIELD] = token
        submit(client, step.form, list(data.items()), follow=True)


def csrf_token(page: TestResponse) -> str:
    """A CSRF token the page put in one of its forms (for this client: any of them will do).

    Django masks the client's one secret afresh for every ``{% csrf_token %}``, so the page's tokens
    differ and each is valid. A regular expression, not a parser: this runs for every fuzzed form.
    """
    if not is_html(page):
        return ""
    for tag in TOKEN_INPUT.findall(page.content.decode("utf-8", "replace")):
        if f'name="{CSRF_FIELD}"' in tag and (value := VALUE_ATTRIBUTE.search(tag)):
            return value.group(1)
    return ""


def submit(client: Client, form: Form, values: list[tuple[str, str]] | bytes, **extra: Any) -> TestResponse:
    """Send ``form`` as a browser does. ``values`` may be raw urlencoded bytes (any bytes at all)."""
    if isinstance(values, bytes):
        if form.method == "post":
            return client.post(form.action, values, content_type="application/x-www-form-urlencoded", **extra)
        return client.get(urlsplit(form.action).path, QUERY_STRING=values.decode("latin-1"), **extra)
    if form.method == "post":
        return client.post(form.action, _multi(values), **extra)
    return client.get(urlsplit(form.action).path, _multi(values), **extra)


def _multi(values: list[tuple[str, str]]) -> dict[str, list[str]]:
    data: dict[str, list[str]] = {}
    for name, value in values:
        data.setdefault(name, []).append(value)
    return data


def discover(depth: int = 2) -> SiteMap:
    """GET every page; submit every new form once as offered (``depth`` steps deep) to find the rest."""
    pages = set(argument_free_paths())
    query_keys: dict[str, set[str]] = {}
    forms: dict[tuple[str, str, tuple[str, ...]], Form] = {}
    answers: list[tuple[str, str, int]] = []

    def visitor() -> Client:
        return Client(raise_request_exception=False)  # a 5xx is noted in ``answers``, the crawl goes on

    def note_answer(response: TestResponse) -> None:
        request = response.request
        query = f"?{request['QUERY_STRING']}" if request.get("QUERY_STRING") else ""
        answers.append((request["REQUEST_METHOD"], request["PATH_INFO"] + query, response.status_code))

    def note_url(url: str) -> None:
        parts = urlsplit(url)
        if parts.path.startswith(SKIPPED_PREFIXES):
            return
        pages.add(parts.path)
        query_keys.setdefault(parts.path, set()).update(key for key, _ in parse_qsl(parts.query, True))

    def read(response: TestResponse, page: str, setup: tuple[Submission, ...]) -> list[Form]:
        note_url(page)
        note_answer(response)
        if not is_html(response):
            return []
        soup = parse(response.content, ["a", "link", "form"])
        for link in parse_links(soup, page):
            note_url(link)
        found: list[Form] = []
        for form in parse_forms(soup, page, setup):
            query_keys.setdefault(urlsplit(page).path, set()).update(f.name for f in form.fields)
            if form.key not in forms:
                forms[form.key] = form
                found.append(form)
        return found

    new: list[Form] = []
    visited: set[str] = set()
    while unvisited := sorted(pages - visited)[: MAX_PAGES - len(visited)]:
        for page in unvisited:  # the URLconf's pages, then the pages found only through links
            visited.add(page)
            new += read(visitor().get(page), page, ())

    for _ in range(depth):
        frontier, new = new, []
        for form in frontier:
            # As offered; and, if that differs, with something typed into every empty box.
            for values in dict.fromkeys([form.offered_values(), form.offered_values(typing=True)]):
                client = visitor()
                replay(client, form.setup)
                token = csrf_token(client.get(form.page))
                response = submit(client, form, [*values, *([(CSRF_FIELD, token)] if token else [])], follow=True)
                for url, _status in response.redirect_chain:
                    if (local := site_path(url, form.page)) is not None:
                        note_url(local)
                landed = form.page  # a form re-rendered by its POST: its page is where it is found again
                if response.redirect_chain or form.method == "get":
                    landed = response.request["PATH_INFO"]
                    if response.request.get("QUERY_STRING"):
                        landed += "?" + response.request["QUERY_STRING"]
                step = Submission(page=form.page, form=form, values=values)
                new += read(response, landed, (*form.setup, step))
    return SiteMap(pages=sorted(pages), forms=list(forms.values()), query_keys=query_keys, answers=answers)
