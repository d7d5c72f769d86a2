"""The whole Content-Security-Policy, every directive and every source, on every page.

Checking a few directives let ``connect-src *`` and a missing ``base-uri 'none'`` through: here the
header is parsed into directives and compared with the complete expected policy, in development
(in this process) and with the real production settings (in a subprocess, as deployed).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from cookielab.lessons import LESSONS
from tests.site.test_security_settings import run_in_production
from tests.support.crawl import argument_free_paths

Policy = dict[str, tuple[str, ...]]

# The policy of sessionsdemo/middleware.py, written out in full: any change to it must change this.
BASE_POLICY: Policy = {
    "default-src": ("'self'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "connect-src": ("'self'",),
    "font-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}


def expected_policy(*, twin: str | None = None, production: bool = False) -> Policy:
    """The base policy; the loopback twin may receive forms and serve images; production upgrades."""
    policy = dict(BASE_POLICY)
    if twin:
        policy["img-src"] = (*policy["img-src"], twin)
        policy["form-action"] = (*policy["form-action"], twin)
    if production:
        policy["upgrade-insecure-requests"] = ()
    return policy


def parse_policy(header: str) -> Policy:
    """Directives and their sources, in order. A directive given twice fails: browsers obey the first."""
    directives: Policy = {}
    for part in header.split(";"):
        name, *sources = part.split() or [""]
        if not name:
            continue
        name = name.lower()
        assert name not in directives, f"{name} appears twice in {header!r}"
        directives[name] = tuple(sources)
    return directives


def every_page() -> list[str]:
    pages = {*argument_free_paths(), *(lesson.get_absolute_url() for lesson in LESSONS)}
    return sorted(pages | {"/lessons/no-such-lesson/"})  # a 404 page is a page too


PAGES = every_page()
# The one page made to be framed (by this site only): the expiring-cookies lesson reads a cookie of
# another path through it. Its policy is its own, stricter everywhere else.
FRAMED_PAGE = "/lessons/expiring-cookies/lab/frame/"
FRAMED_POLICY: Policy = {
    "default-src": ("'none'",),
    "base-uri": ("'none'",),
    "form-action": ("'none'",),
    "frame-ancestors": ("'self'",),
}


def expected_for(path: str, **options: Any) -> Policy:
    return FRAMED_POLICY if path == FRAMED_PAGE else expected_policy(**options)


def test_parse_policy_reads_every_directive_and_refuses_a_repeated_one():
    assert parse_policy("default-src 'self';  img-src 'self' data: ; upgrade-insecure-requests") == {
        "default-src": ("'self'",),
        "img-src": ("'self'", "data:"),
        "upgrade-insecure-requests": (),
    }
    with pytest.raises(AssertionError, match="twice"):
        parse_policy("connect-src 'self'; connect-src *")


def test_the_expected_policy_is_strict():
    """The expectation itself: nothing from elsewhere, no inline code, no plugins, no <base>, no framing."""
    for directive, sources in expected_policy(twin="http://localhost:8000", production=True).items():
        assert "*" not in sources and "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, directive
        assert not any(source.startswith(("http:", "https:")) and source.endswith(":") for source in sources)
    assert BASE_POLICY["object-src"] == BASE_POLICY["base-uri"] == BASE_POLICY["frame-ancestors"] == ("'none'",)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("host", "twin"),
    [
        ("testserver", None),
        ("127.0.0.1:8000", "http://localhost:8000"),
        ("localhost:8000", "http://127.0.0.1:8000"),
        ("localhost", "http://127.0.0.1"),
    ],
)
def test_every_page_has_exactly_the_development_policy(host, twin):
    client = Client()
    assert FRAMED_PAGE in PAGES
    for path in PAGES:
        response = client.get(path, HTTP_HOST=host)
        expected = expected_for(path, twin=twin)
        assert parse_policy(response["Content-Security-Policy"]) == expected, (host, path, response.status_code)


@pytest.mark.django_db
def test_answers_that_are_not_pages_have_the_policy_too():
    lesson = LESSONS[0]
    answers = {
        "CSRF refusal": Client(enforce_csrf_checks=True).post(reverse("cookielab:check", args=[lesson.slug])),
        "quiz redirect": Client().post(reverse("cookielab:check", args=[lesson.slug]), {"choice": 0}),
        "quiz error": Client().post(reverse("cookielab:check", args=[lesson.slug]), {"choice": "x"}),
        "disallowed host": Client().get("/", HTTP_HOST="evil.example"),
        "method not allowed": Client().delete(lesson.get_absolute_url()),
    }
    assert [answer.status_code for answer in answers.values()] == [403, 303, 200, 400, 405]
    for name, answer in answers.items():
        assert parse_policy(answer["Content-Security-Policy"]) == expected_policy(), name


# Runs in a subprocess with DJANGO_ENV=production: the settings module as deployed, an in-memory
# test database, HTTPS (production redirects plain HTTP), every page under the production host.
PRODUCTION_PROBE = """
import json, sys
import django
django.setup()
from django.test.utils import setup_databases, setup_test_environment
setup_test_environment()
setup_databases(verbosity=0, interactive=False)
from django.test import Client
client = Client(raise_request_exception=False)
answers = {}
for path in json.loads(sys.argv[1]):
    response = client.get(path, secure=True, HTTP_HOST="lab.example.org")
    answers[path] = [response.status_code, response.get("Content-Security-Policy")]
for host in ["evil.example", "127.0.0.1:8000"]:
    response = client.get("/", secure=True, HTTP_HOST=host)
    answers[host] = [response.status_code, response.get("Content-Security-Policy")]
print(json.dumps(answers))
"""


@pytest.fixture(scope="module")
def production_answers() -> dict[str, list]:
    result = run_in_production("-c", PRODUCTION_PROBE, json.dumps(PAGES))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_every_page_has_exactly_the_production_policy(production_answers):
    assert set(PAGES) <= set(production_answers)
    for path in PAGES:
        status, header = production_answers[path]
        assert status < 500, (path, status)
        assert header is not None, path
        assert parse_policy(header) == expected_for(path, production=True), (path, status)


def test_production_gives_no_loopback_twin_and_a_policy_to_refused_hosts(production_answers):
    # 127.0.0.1 is no allowed host in production: refused (400), with the production policy, no twin.
    for host in ["evil.example", "127.0.0.1:8000"]:
        status, header = production_answers[host]
        assert status == 400, host
        assert parse_policy(header) == expected_policy(production=True), host
