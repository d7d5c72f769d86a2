"""Hostile Cookie headers on every page: never a 5xx, nothing smuggled into the response, nothing echoed raw."""

from __future__ import annotations

import string
from http.cookies import SimpleCookie

import pytest
from django.core import signing
from django.test import Client
from django.urls import URLPattern
from django.urls import reverse
from hypothesis import HealthCheck
from hypothesis import event
from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from cookielab import urls as lab_urls
from cookielab.lessons import LESSONS

pytestmark = pytest.mark.django_db


def every_page() -> list[str]:
    """Every URL of the app that takes no argument, and every lesson (whatever lessons exist now)."""
    paths = {
        reverse(f"cookielab:{pattern.name}")
        for pattern in lab_urls.urlpatterns
        if isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.converters
    }
    paths.update(lesson.get_absolute_url() for lesson in LESSONS)
    return sorted(paths)


PAGES = every_page()
COOKIE_NAMES = [
    "sessionid",
    "csrftoken",
    "cookielab_wire",
    "cookielab_progress",
    "messages",
    "lab_httponly",
    "a",
    "",
    "__Host-x",
]
HOSTILE_TOKENS = [
    "<script>alert(1)</script>",
    '"><img src=x>',
    "\r\nX-Injected: 1",
    "\nSet-Cookie: smuggled=1",
    "; Path=/; Domain=evil.example",
    "\x00",
    "\\",
    "=",
    ";;;",
    '"',
]

session_ids = st.one_of(
    st.text(alphabet=string.ascii_lowercase + string.digits, min_size=32, max_size=32),
    st.text(min_size=0, max_size=80),
)
tampered_signed = st.builds(
    lambda value, position: _flip(signing.dumps(value), position),
    st.text(max_size=30),
    st.integers(min_value=0, max_value=200),
)


def _flip(signed: str, position: int) -> str:
    index = position % len(signed)
    replacement = "A" if signed[index] != "A" else "B"
    return signed[:index] + replacement + signed[index + 1 :]


values = st.one_of(
    st.text(max_size=60),
    st.sampled_from(HOSTILE_TOKENS),
    session_ids,
    tampered_signed,
    st.binary(max_size=60).map(lambda raw: raw.decode("latin-1")),  # any bytes, most not UTF-8
)
pairs = st.tuples(st.one_of(st.sampled_from(COOKIE_NAMES), st.text(max_size=12)), values)
structured = st.lists(pairs, max_size=8).map(lambda items: "; ".join(f"{name}={value}" for name, value in items))
duplicates = st.builds(lambda a, b: f"sessionid={a}; csrftoken=x; sessionid={b}", session_ids, session_ids)
huge = st.sampled_from(["big=" + "x" * 16_384, "; ".join(f"c{i}=v" for i in range(2_000)), "a" * 16_384])
raw_bytes = st.binary(max_size=400).map(lambda raw: raw.decode("latin-1"))


def as_wire(header: str) -> str:
    """What a WSGI server hands Django: the header's bytes (here UTF-8, or any) decoded as latin-1."""
    return header.encode("utf-8", "surrogatepass").decode("latin-1")


cookie_headers = st.one_of(
    st.one_of(structured, duplicates, huge, st.sampled_from(HOSTILE_TOKENS)).map(as_wire),
    raw_bytes,
)

ECHO_MARKERS = ("<script", "<img", '">')


def is_renewed_csrf_secret(morsel) -> bool:
    """Django renews a well-formed CSRF secret it was sent (a double-submit value, by design)."""
    value = morsel.value
    return morsel.key == "csrftoken" and len(value) == 32 and value.isascii() and value.isalnum()


def assert_safe_response(response, header: str, path: str) -> None:
    assert response.status_code < 500, (path, header[:200], response.status_code)
    for name, value in response.items():
        assert "\r" not in value and "\n" not in value, (path, name)
        assert name.lower() not in {"x-injected", "smuggled"}, (path, name)
    sent_values = {part.split("=", 1)[-1].strip() for part in header.split(";")}
    for morsel in response.cookies.values():
        assert morsel.key != "smuggled", path
        if len(morsel.value) >= 6 and not is_renewed_csrf_secret(morsel):
            assert morsel.value not in sent_values, (path, morsel.key)  # the server never sets what it was sent
    body = response.content.decode("utf-8", "replace")
    for token in header.split(";"):
        if any(marker in token for marker in ECHO_MARKERS):
            assert token.strip() not in body, (path, token)


# Each example is one header on one page: Hypothesis spreads 250 of them over the pages (about six a page)
# and shrinks a failure to the simplest header on the page that broke.
@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=cookie_headers, path=st.sampled_from(PAGES))
def test_hostile_cookie_headers_on_every_page(header, path):
    assert_safe_response(Client().get(path, HTTP_COOKIE=header), header, path)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(header=cookie_headers)
def test_hostile_cookie_headers_on_the_quiz_and_demo_forms(header):
    client = Client()
    lesson = LESSONS[0]
    targets = [
        (reverse("cookielab:check", args=[lesson.slug]), {"choice": lesson.questions[0].answer}),
        (reverse("cookielab:csrf-transfer"), {}),
        (reverse("cookielab:session-attacks-demo"), {"demo": "hijack"}),
        (reverse("cookielab:cookie-flags-set"), {}),
        (reverse("cookielab:reset-lab", args=["setting-cookies"]), {}),
        (reverse("cookielab:reset-lab", args=["cookies-in-javascript"]), {}),
        (reverse("cookielab:start-over"), {"confirm": "on"}),
    ]
    for path, data in targets:
        assert_safe_response(client.post(path, data, HTTP_COOKIE=header), header, path)


def test_the_page_list_covers_the_lessons_and_the_extras():
    assert set(PAGES) >= {lesson.get_absolute_url() for lesson in LESSONS}
    assert reverse("cookielab:index") in PAGES


HOSTILE_ATTRIBUTE_VALUES = [
    "\r\nX-Injected: 1",
    "; Domain=evil.example",
    "\n",
    "\x00",
    "<script>x</script>",
    "x" * 5000,
]
token_names = st.text(alphabet=string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~", min_size=1, max_size=20)
workbench_forms = st.fixed_dictionaries(
    {
        "name": st.one_of(token_names, st.text(max_size=30), st.sampled_from([*COOKIE_NAMES, *HOSTILE_TOKENS])),
        "value": st.one_of(st.text(max_size=80), st.sampled_from(HOSTILE_TOKENS), st.just("v" * 5000)),
        "encoding": st.sampled_from(["none", "base64", "percent", "rot13", ""]),
        "max_age": st.sampled_from(["", "0", "10", "-1", "abc", "1e20", "inf", "NaN", "34560001", " 5 "]),
        "expires": st.sampled_from(["", "2030-01-31T12:00", "1999-01-01T00:00", "not a date", "2030-01-31T12:00\r\n"]),
        "path": st.one_of(st.sampled_from(["/", "/lessons/", ""]), st.sampled_from(HOSTILE_ATTRIBUTE_VALUES)),
        "domain": st.one_of(st.sampled_from(["", "testserver", "evil.example", ".com"]), st.text(max_size=20)),
        "secure": st.sampled_from(["", "on"]),
        "httponly": st.sampled_from(["", "on"]),
        "samesite": st.sampled_from(["", "Lax", "Strict", "None", "bogus", "lax\r\n"]),
    }
)


cookie_octets = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '",;\\')
plausible_workbench_forms = st.fixed_dictionaries(
    {
        "name": token_names,
        "value": st.text(alphabet=cookie_octets, max_size=40),
        "encoding": st.sampled_from(["none", "base64", "percent"]),
        "max_age": st.sampled_from(["", "0", "60", "34560000"]),
        "path": st.sampled_from(["/", "/lessons/", "/a/b"]),
        "domain": st.sampled_from(["", "testserver"]),
        "secure": st.sampled_from(["", "on"]),
        "httponly": st.sampled_from(["", "on"]),
        "samesite": st.sampled_from(["", "Lax", "Strict"]),
    }
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.one_of(workbench_forms, plausible_workbench_forms))
def test_random_cookies_into_the_workbench(form):
    """Whatever is typed: a clear answer (303 set, or 200 with errors), one well-formed cookie at most."""
    client = Client()
    client.cookies["keep"] = "me"
    response = client.post(reverse("cookielab:setting-cookies-set"), {k: v for k, v in form.items() if v})
    assert response.status_code in {303, 200}, response.status_code
    event(f"workbench answered {response.status_code}")
    for name, value in response.items():
        assert "\r" not in value and "\n" not in value, name
        assert name.lower() != "x-injected"
    assert "keep" not in response.cookies and "sessionid" not in response.cookies
    set_names = set(response.cookies) - {"cookielab_workbench", "cookielab_wire", "csrftoken", "cookielab_progress"}
    if response.status_code == 200:
        assert set_names == set()
        assert b"<script>x</script>" not in response.content
        return
    assert len(set_names) == 1
    [morsel] = [response.cookies[name] for name in set_names]
    reparsed = SimpleCookie()
    reparsed.load(morsel.OutputString())
    assert list(reparsed) == [morsel.key]  # no attribute or second cookie smuggled in
    assert morsel["domain"] in {"", "testserver"}
    assert morsel["path"].startswith("/")
