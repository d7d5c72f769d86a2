"""The lean request path answers exactly what the plain one does.

Decisions kept per distinct header value (Accept negotiation, the CSP header, Cache-Control with
no-store), never_cache's headers written from constants and the message storage made on first use
must not change a single byte of any page.
Each page is rendered twice from the same starting state and the same random draws: once as the
site runs, its caches warm, and once with every cache bypassed and Django's own MessageMiddleware.
"""

from __future__ import annotations

import random
import re
import secrets
from contextlib import contextmanager

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from django.test import RequestFactory
from django.urls import reverse
from django.utils import cache as django_cache
from hypothesis import given
from hypothesis import strategies as st

from cookielab.core import negotiation
from cookielab.core import never_cache
from cookielab.lessons import LESSONS
from sessionsdemo import middleware

PAGES = [
    "/",
    *(lesson.get_absolute_url() for lesson in LESSONS),
    "/counter/",
    "/counter/atomic/",
    "/counter/count/",
    "/storage/",
    "/healthz",
    "/admin/login/",
    "/no-such-page/",
]
ACCEPTS = {
    "none": None,
    "browser": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    "json": "application/json",
    "json-preferred": "text/html;q=0.5, application/json",
}
DJANGO_MESSAGES = "django.contrib.messages.middleware.MessageMiddleware"
# What differs between two renders of one page whatever the code: the clock.
# ISO and HTTP dates, and the dates people read (the `when` filter: "in 5 minutes (1 Dec 2026, 18:27:03 UTC)").
_CLOCK = re.compile(
    rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?|\w{3}, \d\d \w{3} \d{4} [\d:]{8} GMT"
    rb"|(?:in )?\d+ (?:day|hour|minute|second)s?(?: ago)?|\d{1,2} \w{3} \d{4}, \d\d:\d\d(?::\d\d)? UTC"
)


@contextmanager
def plain_path(monkeypatch, settings):
    """Django's own negotiation and MessageMiddleware, and the middleware's caches bypassed."""
    with monkeypatch.context() as patch:
        patch.setattr(negotiation, "preferred_type", lambda request, offered: request.get_preferred_type(offered))
        patch.setattr(middleware, "_with_no_store", middleware._with_no_store.__wrapped__)
        patch.setattr(never_cache, "add_never_cache_headers", django_cache.add_never_cache_headers)
        lean = settings.MIDDLEWARE
        settings.MIDDLEWARE = [DJANGO_MESSAGES if name.endswith(".MessageMiddleware") else name for name in lean]
        yield
        settings.MIDDLEWARE = lean


def visit_twice(path: str, accept: str | None, monkeypatch) -> list[tuple[int, list[tuple[str, str]], bytes]]:
    """A first visit and a second one with the cookies it got, from a clean store and fixed random draws."""
    draws = random.Random(16)  # session keys, CSRF tokens, wire ids: the same in both renders
    monkeypatch.setattr(secrets, "choice", draws.choice)
    monkeypatch.setattr(secrets, "token_bytes", draws.randbytes)
    caches["default"].clear()
    headers = {"Accept": accept} if accept else {}
    answers = []
    with transaction.atomic():
        browser = Client()
        for _ in range(2):
            response = browser.get(path, headers=headers)
            answers.append(
                (
                    response.status_code,
                    sorted((name, _CLOCK.sub(b"<t>", value.encode()).decode()) for name, value in response.items())
                    + sorted(
                        _CLOCK.sub(b"<t>", morsel.OutputString().encode()).decode()
                        for morsel in response.cookies.values()
                    ),
                    _CLOCK.sub(b"<t>", response.content),
                )
            )
        transaction.set_rollback(True)
    return answers


@pytest.mark.django_db
@pytest.mark.parametrize("accept", ACCEPTS.values(), ids=ACCEPTS.keys())
@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_the_same_with_and_without_the_shortcuts(path, accept, monkeypatch, settings):
    visit_twice(path, accept, monkeypatch)  # warms every cache with this page's values
    lean = visit_twice(path, accept, monkeypatch)
    with plain_path(monkeypatch, settings):
        plain = visit_twice(path, accept, monkeypatch)
    assert lean == plain


@pytest.mark.django_db
def test_messages_still_reach_the_next_page(admin_client):
    # The admin adds a message on save and shows it on the page it redirects to.
    response = admin_client.post(reverse("admin:auth_group_add"), {"name": "readers"}, follow=True)
    assert "was added successfully" in response.content.decode()


def test_the_no_store_value_is_djangos():
    for existing in (None, "max-age=0, no-cache, no-store, must-revalidate, private", "public, max-age=60"):
        response = middleware.HttpResponse()
        if existing is not None:
            response.headers["Cache-Control"] = existing
        middleware.patch_cache_control(response, no_store=True)
        assert middleware._with_no_store(existing) == response.headers["Cache-Control"]


_TYPES = st.sampled_from(["text/html", "application/json", "text/*", "*/*", "application/*", "image/png", "text/plain"])
_ACCEPT = st.lists(
    st.tuples(_TYPES, st.sampled_from(["", ";q=0", ";q=0.1", ";q=0.5", ";q=1", ";level=1", ";q=0.9;v=b3"])),
    max_size=5,
).map(lambda parts: ", ".join(media + params for media, params in parts))


@given(accept=_ACCEPT)
def test_negotiation_answers_what_django_answers(accept):
    request = RequestFactory().get("/", headers={"Accept": accept})
    for offered in (("text/html", "application/json"), ("application/json", "text/html")):
        assert negotiation.preferred_type(request, offered) == request.get_preferred_type(offered)


def test_negotiation_without_accept_and_with_a_huge_one(rf):
    assert negotiation.preferred_type(rf.get("/"), ("text/html", "application/json")) == "text/html"
    huge = "application/json, " + "text/x-filler;q=0.1, " * 100
    assert len(huge) > negotiation.LONGEST_CACHED
    before = negotiation._preferred_type.cache_info().currsize
    request = rf.get("/", headers={"Accept": huge})
    assert negotiation.preferred_type(request, ("text/html", "application/json")) == "application/json"
    assert negotiation._preferred_type.cache_info().currsize == before
