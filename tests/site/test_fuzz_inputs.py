"""Hostile query strings on every page, hostile values in every field of every form: never a 5xx.

Nothing here names a page or a form: the site is crawled (tests/support/crawl.py) as a visitor
would, so a new lesson's page, sub-pages and forms are fuzzed the day they are added.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence
from copy import deepcopy
from functools import cache
from urllib.parse import quote_from_bytes
from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.test import Client
from django.urls import Resolver404
from django.urls import resolve
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import Phase
from hypothesis import event
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from cookielab.lessons import LESSONS
from tests.support.crawl import CSRF_FIELD
from tests.support.crawl import Field
from tests.support.crawl import Form
from tests.support.crawl import SiteMap
from tests.support.crawl import Submission
from tests.support.crawl import argument_routes
from tests.support.crawl import csrf_token
from tests.support.crawl import discover
from tests.support.crawl import parse_forms
from tests.support.crawl import replay
from tests.support.crawl import submit

pytestmark = pytest.mark.django_db

# Actions no page offers a form for in this test setup, and why (anything else unreachable fails).
UNREACHABLE_ACTIONS = {
    "session-timeout-redis-key": "its form is shown only when Redis is the session cache",
    "races-start": "races.js posts it before the burst of fetches (the race itself needs JavaScript)",
    "classroom-nickname": "its form is on the index only in classroom mode (COOKIELAB_CLASSROOM)",
    "classroom-end": "the teacher's dashboard, behind its key, offers it (tests/classroom fuzz it)",
}


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> SiteMap:
    """The crawled site; whatever the crawl stored in the database is rolled back."""
    with django_db_blocker.unblock(), transaction.atomic():
        found = discover()
        transaction.set_rollback(True)
    return found


# --- What a hostile visitor sends ----------------------------------------------------------------

NASTY_VALUES = [
    "; \r\n",
    "\r\nSet-Cookie: smuggled=1",
    ";",
    "²",  # isdigit() but not int()
    "³⁴",
    "١٢",  # Arabic-Indic digits: int() takes them
    "５",  # fullwidth
    "𝟗",
    "\x00",
    "a\x00b",
    "x" * 5120,
    "9" * 5000,
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999999",
    " 1 ",
    "",
    " ",
    "<script>alert(1)</script>",
    "%",
    "%zz",
    "&",
    "=",
    "../../",
    "\\",
    "'\"",
    "\u202e",
    "\ufeff",
    "\ud800",  # a lone surrogate: sent as its (invalid) UTF-8 bytes, %ED%A0%80
    "\udcff",
]
# Raw bytes that are no UTF-8 at all: a truncated sequence, an encoded surrogate, latin-1.
NASTY_BYTES = [b"\xe2\x82", b"\xed\xa0\x80", b"\xff\xfe", b"\xe9t\xe9", b"\xc0\xaf"]

# Any code point, lone surrogates too (sent as the bytes UTF-8 would give them: never valid UTF-8).
any_char_text = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])), max_size=40)
numbers = st.one_of(st.integers().map(str), st.floats(allow_nan=True, allow_infinity=True).map(str))
nasty = st.one_of(st.sampled_from(NASTY_VALUES), any_char_text, numbers)


def as_bytes(value: str | bytes) -> bytes:
    return value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")


def encoded(value: str | bytes, raw: bool = False) -> str:
    """One key or value on the wire: percent-encoded (any bytes), or ``raw`` (only ``&=%#+`` escaped)."""
    safe = "" if not raw else "".join(c for c in string.printable if c not in "&=%#+")
    return quote_from_bytes(as_bytes(value), safe=safe)


def values_for(field: Field | None) -> st.SearchStrategy[str | bytes]:
    """A value for ``field``: one it offers, one it offers spoiled, or anything nasty."""
    choices: list[st.SearchStrategy[str | bytes]] = [nasty, st.sampled_from(NASTY_BYTES)]
    offered = [*field.options, field.value] if field is not None else []
    offered = [value for value in offered if value]
    if offered:
        good = st.sampled_from(offered)
        choices += [good, st.builds(lambda value, bad: value + bad, good, st.sampled_from(NASTY_VALUES))]
    return st.one_of(choices)


def wire(pairs: Sequence[tuple[str | bytes, str | bytes, bool]]) -> bytes:
    return "&".join(f"{encoded(key, raw)}={encoded(value, raw)}" for key, value, raw in pairs).encode("latin-1")


def random_pairs(keys: tuple[str, ...]) -> st.SearchStrategy[list[tuple[str | bytes, str | bytes, bool]]]:
    key = st.one_of(st.sampled_from(keys), any_char_text, st.sampled_from(NASTY_VALUES)) if keys else any_char_text
    return st.lists(st.tuples(key, values_for(None), st.booleans()), max_size=4)


@cache  # built once per page and form: building strategies again in every example costs seconds
def query_strings(page_keys: tuple[str, ...], site_keys: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """A query string: the page's own keys (its forms', links', redirects'), any key, any value."""
    known = page_keys or site_keys
    own = st.lists(st.tuples(st.sampled_from(known), values_for(None), st.booleans()), max_size=5)
    garbage = st.sampled_from([b"", b"&&&", b"=", b"a", b"a=1=2", b"%", b";a=1;b=2", b"a=%ED%A0%80", b"\xff=\xfe"])
    return st.builds(
        lambda mine, others, junk: b"&".join(part for part in (wire(mine), wire(others), junk) if part),
        own,
        random_pairs(site_keys),
        garbage,
    )


@cache
def form_bodies(form: Form, site_keys: tuple[str, ...]) -> st.SearchStrategy[bytes]:
    """Each field left out, sent once or twice, with any value; some keys the form never had."""
    per_field = [
        st.lists(st.tuples(st.just(field.name), values_for(field), st.booleans()), max_size=2)
        for field in form.fuzzable
    ]
    return st.builds(
        lambda fields, extra: wire([pair for pairs in fields for pair in pairs] + extra),
        st.tuples(*per_field),
        random_pairs(site_keys),
    )


# --- What every answer must be -------------------------------------------------------------------


def assert_answered(response, what: str) -> None:
    body = response.content.decode("utf-8", "replace")
    assert response.status_code < 500, (what, response.status_code, body[:500])
    assert "Traceback" not in body, what
    for name, value in response.items():
        assert "\r" not in value and "\n" not in value, (what, name)
        assert name.lower() != "set-cookie", (what, name)  # cookies go through response.cookies only


# --- The crawl finds everything ------------------------------------------------------------------


def test_the_crawler_reads_a_form_as_a_browser_submits_it():
    html = b"""
    <form method="POST" action="add/#result">
      <input type="hidden" name="csrfmiddlewaretoken" value="t0k3n">
      <input name="nickname" required>
      <select name="size"><option value="s">S</option><option selected>M</option></select>
      <input type="radio" name="pick" value="a"><input type="radio" name="pick" value="b" checked>
      <input type="checkbox" name="agree">
      <textarea name="note">\nhello</textarea>
      <input name="gone" disabled value="x">
      <button name="go" value="now">Go</button>
    </form>
    <form><input type="number" name="n"></form>
    <form action="https://elsewhere.example/steal"><input name="x"></form>
    """
    add, search = parse_forms(html, "/lessons/demo/")
    assert (add.method, add.action) == ("post", "/lessons/demo/add/")  # no fragment, resolved
    assert (search.method, search.action) == ("get", "/lessons/demo/")  # no action: the page itself
    fields = {field.name: field for field in add.fields}
    assert set(fields) == {"csrfmiddlewaretoken", "nickname", "size", "pick", "agree", "note", "go"}
    assert fields["size"].options == ("s", "M") and fields["pick"].options == ("a", "b")
    assert add.has_csrf_token and not search.has_csrf_token
    assert dict(add.offered_values()) == {"nickname": "a", "size": "M", "pick": "b", "note": "hello", "go": "now"}
    assert dict(search.offered_values(typing=True)) == {"n": "1"}


def test_the_crawl_finds_every_lesson_page_and_quiz(site):
    actions = {urlsplit(form.action).path for form in site.forms if form.method == "post"}
    for lesson in LESSONS:
        assert lesson.get_absolute_url() in site.pages
        assert f"/lessons/{lesson.slug}/check/" in actions, lesson.slug
    assert len(site.forms) >= 2 * len(LESSONS) - 5, [str(form) for form in site.forms]


def test_every_action_of_the_site_has_a_form_the_crawl_found(site):
    """An action no form reaches is an action the form fuzz never tries: make it reachable, or say why."""
    posted_to = {urlsplit(form.action).path for form in site.forms}
    missing = [page for page in site.post_only_pages if page not in posted_to]
    names = {resolve(page).url_name for page in missing}
    assert names == set(UNREACHABLE_ACTIONS), missing


def test_the_crawl_itself_never_met_a_5xx(site):
    assert [answer for answer in site.answers if answer[2] >= 500] == []
    assert len(site.answers) > len(site.pages)
    assert reverse("cookielab:setting-cookies-set") in site.post_only_pages
    assert LESSONS[0].get_absolute_url() in site.readable_pages


# --- The fuzz ------------------------------------------------------------------------------------

# Every example walks the whole site, so shrinking one would replay it hundreds of times (minutes):
# a failure names the page or form and the values sent instead.
FUZZ = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


@FUZZ
@given(data=st.data())
def test_hostile_query_strings_on_every_page(site, data):
    site_keys = tuple(sorted(site.all_query_keys - {CSRF_FIELD}))
    client = Client()
    for page in site.readable_pages:
        query = data.draw(query_strings(tuple(sorted(site.query_keys.get(page, ()))), site_keys), label=page)
        response = client.get(page, QUERY_STRING=query.decode("latin-1"))
        assert_answered(response, f"GET {page}?{query[:300]!r}")
        event(f"GET answered {response.status_code}")


ROUTE_ARGUMENT = re.compile(r"<[^>]+>")  # <int:n>, <str:name>…
path_arguments = st.one_of(
    st.integers(min_value=0, max_value=10**30).map(str),
    st.sampled_from(NASTY_VALUES),
    any_char_text,
    st.sampled_from(NASTY_BYTES),
)


def test_the_route_list_has_the_routes_with_arguments():
    assert "/httpbin/redirect/<int:n>" in argument_routes()
    assert all(ROUTE_ARGUMENT.search(route) for route in argument_routes())


@FUZZ
@given(data=st.data())
def test_hostile_path_arguments_on_every_route(data):
    """``/httpbin/cookies/set/<name>/<value>``, ``/httpbin/redirect/<n>``…: any argument, never a 5xx."""
    client = Client()
    for route in argument_routes():
        count = len(ROUTE_ARGUMENT.findall(route))
        arguments = data.draw(st.lists(path_arguments, min_size=count, max_size=count), label=route)
        parts = ROUTE_ARGUMENT.split(route)  # the route's text around its arguments
        path = parts[0] + "".join(
            (encoded(argument) or "x") + text for argument, text in zip(arguments, parts[1:], strict=True)
        )
        response = client.get(path)
        assert_answered(response, f"GET {path[:300]}")
        event(f"path argument answered {response.status_code}")


def by_page(forms: list[Form]) -> dict[tuple[str, tuple[Submission, ...]], list[Form]]:
    """Forms grouped by the page they are on, in the state that shows them."""
    groups: dict[tuple[str, tuple[Submission, ...]], list[Form]] = {}
    for form in forms:
        groups.setdefault((form.page, form.setup), []).append(form)
    return groups


@FUZZ
@given(data=st.data())
def test_hostile_values_in_every_form(site, data):
    site_keys = tuple(sorted(site.all_query_keys - {CSRF_FIELD}))
    for (page, setup), forms in by_page(site.forms).items():
        visitor = Client(enforce_csrf_checks=True)
        replay(visitor, setup)
        token = csrf_token(visitor.get(page))
        for form in forms:
            if not form.fuzzable and data.draw(st.integers(0, 3), label=f"send {form}?") != 0:
                continue  # nothing to fuzz but unknown keys (and some run a benchmark): one example in four
            client = Client(enforce_csrf_checks=True)
            client.cookies = deepcopy(visitor.cookies)  # the same browser, as in another tab
            body = data.draw(form_bodies(form, site_keys), label=str(form))
            if token:
                body = f"{CSRF_FIELD}={token}&".encode() + body
            response = submit(client, form, body)
            what = f"{form}: {body[:300]!r}"
            assert_answered(response, what)
            if form.has_csrf_token:
                assert response.status_code != 403, what  # the page's token was sent: this is no CSRF refusal
            event(f"{form.method.upper()} answered {response.status_code}")


# --- The sweep: each classic bad value in every key of every page and every field of every form ----
# Random examples may miss one value in one field (CI replays the same few); these never do.

CLASSIC_VALUES = ["; \r\n", "²", "9" * 5000, "x" * 5120, "\x00", b"\xed\xa0\x80", "-1"]
CLASSIC_IDS = ["semicolon-crlf", "superscript-two", "5000-digits", "5KB", "NUL", "encoded-surrogate", "minus-one"]


@pytest.mark.parametrize("value", CLASSIC_VALUES, ids=CLASSIC_IDS)
def test_each_classic_value_in_every_query_key_of_every_page(site, value):
    client = Client()
    for page in site.readable_pages:
        keys = sorted(site.query_keys.get(page, set()) - {CSRF_FIELD})
        if not keys:
            continue  # a page that reads no known key meets random ones in the fuzz above
        query = wire([(key, value, False) for key in keys]).decode("latin-1")
        assert_answered(client.get(page, QUERY_STRING=query), f"GET {page}?{query[:300]}")


@pytest.mark.parametrize("value", CLASSIC_VALUES, ids=CLASSIC_IDS)
def test_each_classic_value_in_every_field_of_every_form(site, value):
    """One field at a time gets the value, the others what the form offers: each field's own check runs."""
    for (page, setup), forms in by_page([form for form in site.forms if form.fuzzable]).items():
        visitor = Client(enforce_csrf_checks=True)
        replay(visitor, setup)
        token = csrf_token(visitor.get(page))
        for form in forms:
            for field in form.fuzzable:
                client = Client(enforce_csrf_checks=True)
                client.cookies = deepcopy(visitor.cookies)
                pairs = [(name, offered, False) for name, offered in form.offered_values() if name != field.name]
                pairs += [(field.name, value, False), (CSRF_FIELD, token, False)]
                response = submit(client, form, wire(pairs))
                assert_answered(response, f"{form}: {field.name}={value!r:.80}")


def test_the_fuzz_reaches_every_form_action(site):
    """Guard: the form fuzz posts to real views (a typo'd action would only ever see 404s)."""
    for form in site.forms:
        try:
            resolve(urlsplit(form.action).path)
        except Resolver404:
            pytest.fail(f"{form} posts to a URL the site does not have")
