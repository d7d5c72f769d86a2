"""The httpbin-api lesson: its API (httpbin's paths, redirects and JSON shapes, hard refusals of bad input) and page."""

from __future__ import annotations

import json
import time
from urllib.parse import urlencode

import pytest
import requests
from django.test import Client
from django.test import override_settings
from django.urls import reverse
from django.utils.http import http_date
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text
from tests.support.wire import set_cookies as wire_set_cookies
from tests.support.wire import text as wire_text

# The top-level keys httpbin documents for each endpoint.
GET_KEYS = {"args", "headers", "origin", "url"}


def api(name: str, *args: object) -> str:
    return reverse(f"cookielab:httpbin-{name}", args=args)


def raw_set_cookies(response: requests.Response) -> list[str]:
    return response.raw.headers.getlist("Set-Cookie")


@pytest.fixture
def base(live_server, transactional_db) -> str:
    return live_server.url


# ---- with requests, against the live server ------------------------------------------------------


def test_cookies_set_then_cookies_shows_them(base):
    with requests.Session() as session:
        response = session.get(base + api("cookies-set"), params={"flavour": "oatmeal", "batch": "2"})
        assert response.status_code == 200
        [hop] = response.history
        assert hop.status_code == 302
        assert hop.headers["Location"] == "/httpbin/cookies"  # relative, as httpbin sends it
        sent = {morsel.key: morsel for header in raw_set_cookies(hop) for morsel in parse_set_cookie(header).values()}
        assert {name: morsel.value for name, morsel in sent.items()} == {"flavour": "oatmeal", "batch": "2"}
        for morsel in sent.values():
            assert morsel["path"] == "/httpbin" and not morsel["domain"] and not morsel["httponly"]
            assert morsel["max-age"] == "3600"  # an hour at most: no session cookie outlives a browser restore
        assert response.json() == {"cookies": {"flavour": "oatmeal", "batch": "2"}}
        assert session.get(base + api("cookies")).json() == {"cookies": {"flavour": "oatmeal", "batch": "2"}}


def test_cookies_set_by_path(base):
    with requests.Session() as session:
        response = session.get(base + api("cookies-set-one", "flavour", "ginger"))
        assert response.history[0].headers["Location"] == "/httpbin/cookies"
        assert response.json() == {"cookies": {"flavour": "ginger"}}


def test_cookies_delete_expires_them(base):
    with requests.Session() as session:
        session.get(base + api("cookies-set"), params={"flavour": "oatmeal", "batch": "2"})
        response = session.get(base + api("cookies-delete") + "?flavour")
        [hop] = response.history
        assert hop.status_code == 302 and hop.headers["Location"] == "/httpbin/cookies"
        [header] = raw_set_cookies(hop)
        expired = parse_set_cookie(header)["flavour"]
        assert expired["max-age"] == "0" and "1970" in expired["expires"]
        assert response.json() == {"cookies": {"batch": "2"}}


def test_a_bare_get_keeps_the_cookie_for_the_redirect_only(base):
    """The quiz's claim: requests.get() carries the cookie across its own redirect, then forgets it."""
    assert requests.get(base + api("cookies-set"), params={"flavour": "oatmeal"}).json() == {
        "cookies": {"flavour": "oatmeal"}
    }
    assert requests.get(base + api("cookies")).json() == {"cookies": {}}


def test_redirect_3_ends_at_get_after_three_relative_hops(base):
    response = requests.get(base + api("redirect", 3))
    assert response.status_code == 200
    assert response.url == base + "/httpbin/get"
    assert [hop.status_code for hop in response.history] == [302, 302, 302]
    assert [hop.headers["Location"] for hop in response.history] == [
        "/httpbin/relative-redirect/2",
        "/httpbin/relative-redirect/1",
        "/httpbin/get",
    ]
    assert set(response.json()) == GET_KEYS


@pytest.mark.parametrize("path", ["/httpbin/absolute-redirect/2", "/httpbin/redirect/2?absolute=true"])
def test_absolute_redirects_send_full_urls(base, path):
    response = requests.get(base + path)
    assert [hop.headers["Location"] for hop in response.history] == [
        base + "/httpbin/absolute-redirect/1",
        base + "/httpbin/get",
    ]


@pytest.mark.parametrize("method", ["get", "post"])
def test_response_headers_are_sent_and_listed(base, method):
    with requests.Session() as session:
        response = getattr(session, method)(
            base + api("response-headers"),
            params=[("X-Lesson", "httpbin"), ("X-Tag", "a"), ("X-Tag", "b"), ("Set-Cookie", "theme=dark; Max-Age=600")],
        )
        assert response.status_code == 200
        assert response.headers["X-Lesson"] == "httpbin"
        assert response.headers["X-Tag"] == "a, b"
        [header] = raw_set_cookies(response)
        theme = parse_set_cookie(header)["theme"]
        assert (theme.value, theme["max-age"], theme["path"]) == ("dark", "600", "/httpbin")
        assert session.cookies["theme"] == "dark"
        assert response.json() == {
            "Content-Length": str(len(response.content)),
            "Content-Type": "application/json",
            "Set-Cookie": header,  # the header as sent, its Path and Expires added by the API
            "X-Lesson": "httpbin",
            "X-Tag": ["a", "b"],
        }
        assert response.headers["Content-Length"] == str(len(response.content))


def test_get_and_headers_have_httpbins_shapes(base):
    response = requests.get(
        base + api("get"), params=[("lang", "en"), ("tag", "a"), ("tag", "b")], headers={"x-my-header": "42"}
    )
    assert response.headers["Content-Type"] == "application/json"
    body = response.json()
    assert set(body) == GET_KEYS
    assert body["args"] == {"lang": "en", "tag": ["a", "b"]}
    assert body["url"] == base + "/httpbin/get?lang=en&tag=a&tag=b"
    assert body["origin"] == "127.0.0.1"
    sent = response.request.headers
    assert body["headers"]["User-Agent"] == sent["User-Agent"]
    assert body["headers"]["Accept-Encoding"] == sent["Accept-Encoding"]
    assert body["headers"]["X-My-Header"] == "42"  # title-cased, as httpbin names them
    assert body["headers"]["Host"] == base.removeprefix("http://")
    assert "Content-Type" not in body["headers"]  # requests sent none; the dev server's invented one is dropped
    headers = requests.get(base + api("headers"), headers={"x-my-header": "42", "Content-Type": "text/csv"}).json()
    assert set(headers) == {"headers"}
    assert headers["headers"]["X-My-Header"] == "42"
    assert headers["headers"]["Content-Type"] == "text/csv"
    assert response.text.endswith("}\n") and '\n  "args": {' in response.text  # httpbin's indent and newline


def test_injected_line_breaks_never_reach_the_wire(base):
    response = requests.get(base + api("response-headers"), params={"X-A": "1\r\nX-Injected: 1"})
    assert response.status_code == 400
    assert "X-Injected" not in response.headers
    assert "line break" in response.json()["error"]


# ---- the site's own cookies ------------------------------------------------------------------------


def test_the_sites_httponly_cookies_are_never_echoed(client, settings):
    client.cookies["sessionid"] = "secret-session"
    client.cookies["cookielab_wire"] = "w" * 22
    client.cookies["csrftoken"] = "t" * 32
    client.cookies["flavour"] = "oatmeal"
    cookies = json.loads(client.get(api("cookies")).content)["cookies"]
    assert cookies == {"csrftoken": "t" * 32, "flavour": "oatmeal"}  # csrftoken is not HttpOnly here
    for path in (api("headers"), api("get")):
        echoed = json.loads(client.get(path).content)["headers"]["Cookie"]
        assert "secret-session" not in echoed and "cookielab_wire" not in echoed
        assert "flavour=oatmeal" in echoed and f"csrftoken={'t' * 32}" in echoed


def test_only_hidden_cookies_means_no_cookie_header_is_echoed(client):
    client.cookies["sessionid"] = "secret-session"
    assert "Cookie" not in json.loads(client.get(api("headers")).content)["headers"]


def test_proxy_headers_are_hidden_unless_show_env(client):
    assert "X-Forwarded-For" not in json.loads(client.get(api("headers"), HTTP_X_FORWARDED_FOR="10.0.0.1").content)
    shown = json.loads(client.get(api("headers") + "?show_env=1", HTTP_X_FORWARDED_FOR="10.0.0.1").content)
    assert shown["headers"]["X-Forwarded-For"] == "10.0.0.1"


# ---- bad input: 400 JSON, nothing set ------------------------------------------------------------

BAD_INPUT = [
    ("/httpbin/cookies/set?" + urlencode({"bad name": "1"}), "not an HTTP token"),
    ("/httpbin/cookies/set?" + urlencode({"a;b": "1"}), "not an HTTP token"),
    ("/httpbin/cookies/set?" + urlencode({"Path": "1"}), "attribute word"),
    ("/httpbin/cookies/set?sessionid=evil", "belongs to this site"),
    ("/httpbin/cookies/set?csrftoken=evil", "belongs to this site"),
    ("/httpbin/cookies/set?cookielab_wire=evil", "belongs to this site"),
    ("/httpbin/cookies/set?" + urlencode({"ok": "1", "a": "b;c"}), "character cookies cannot carry"),
    ("/httpbin/cookies/set?" + urlencode({"a": "x y"}), "character cookies cannot carry"),
    ("/httpbin/cookies/set?" + urlencode({"a": "é"}), "character cookies cannot carry"),
    ("/httpbin/cookies/set?" + urlencode({"a": "1\r\nX-Injected: 1"}), "character cookies cannot carry"),
    ("/httpbin/cookies/set?" + urlencode({"big": "x" * 5000}), "browsers drop cookies over 4096"),
    ("/httpbin/cookies/set?" + urlencode({f"c{i}": "1" for i in range(21)}), "At most 20"),
    ("/httpbin/cookies/set/a%3Bb/1", "not an HTTP token"),
    ("/httpbin/cookies/set/a/b%0D%0AX-Injected:%201", "character cookies cannot carry"),
    ("/httpbin/cookies/delete?sessionid", "belongs to this site"),
    ("/httpbin/cookies/delete?" + urlencode({"a b": ""}), "not an HTTP token"),
    ("/httpbin/response-headers?" + urlencode({"X-A": "1\r\nX-Injected: 1"}), "line break"),
    ("/httpbin/response-headers?" + urlencode({"X-A": "1\nX-Injected: 1"}), "line break"),
    ("/httpbin/response-headers?X-A=%00", "control character"),
    ("/httpbin/response-headers?" + urlencode({"X-A": "ü"}), "non-ASCII"),
    ("/httpbin/response-headers?" + urlencode({"X-A": "x" * 5000}), "over 4096"),
    ("/httpbin/response-headers?" + urlencode({"Bad Name": "1"}), "not an HTTP token"),
    ("/httpbin/response-headers?Content-Length=0", "frames the HTTP message"),
    ("/httpbin/response-headers?Transfer-Encoding=chunked", "frames the HTTP message"),
    ("/httpbin/response-headers?connection=close", "frames the HTTP message"),
    ("/httpbin/response-headers?Host=evil.example", "frames the HTTP message"),
    ("/httpbin/response-headers?Content-Type=text/html", "treats this site"),
    ("/httpbin/response-headers?" + urlencode({"Refresh": "0; url=https://evil.example/"}), "treats this site"),
    ("/httpbin/response-headers?Location=https://evil.example/", "treats this site"),
    ("/httpbin/response-headers?Access-Control-Allow-Origin=*", "treats this site"),
    ("/httpbin/response-headers?" + urlencode({"Set-Cookie": "sessionid=evil"}), "belongs to this site"),
    ("/httpbin/response-headers?" + urlencode({"Set-Cookie": "a=1; b=2"}), "one name=value pair"),
    ("/httpbin/response-headers?" + urlencode({"Set-Cookie": "a=1; nonsense"}), "one name=value pair"),
    ("/httpbin/response-headers?" + urlencode({"Set-Cookie": 'a="x y"'}), "character cookies cannot carry"),
    ("/httpbin/response-headers?" + urlencode({"Set-Cookie": "a=1\r\nX-Injected: 1"}), "line break"),
    ("/httpbin/redirect/0", "between 1 and 20"),
    ("/httpbin/redirect/21", "between 1 and 20"),
    ("/httpbin/redirect/99999999999999999999999999", "between 1 and 20"),
    ("/httpbin/relative-redirect/0", "between 1 and 20"),
    ("/httpbin/absolute-redirect/21", "between 1 and 20"),
    ("/httpbin/get?" + "a&" * 1100, "too many parameters"),
    ("/httpbin/get?q=" + "x" * 9000, "over 8192 bytes"),
]


@pytest.mark.parametrize(("path", "error"), BAD_INPUT, ids=[path[:60] for path, _ in BAD_INPUT])
def test_bad_input_is_a_400_json_error_and_sets_nothing(client, path, error):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert error in json.loads(response.content)["error"]
    assert set_cookie_headers(response) == []
    assert "X-Injected" not in response.headers
    assert not any(name.lower() in {"refresh", "location", "access-control-allow-origin"} for name in response.headers)


def test_setting_stops_when_the_jar_is_full(client):
    for i in range(50):
        client.cookies[f"c{i}"] = "1"
    response = client.get(api("cookies-set") + "?one_more=1")
    assert response.status_code == 400
    assert "stops at 50" in json.loads(response.content)["error"]
    assert client.get(api("cookies-delete") + "?c0").status_code == 302  # deleting always works


# ---- paths, methods, prefix -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/httpbin/cookies", "/httpbin/get", "/httpbin/headers", "/httpbin/response-headers"])
def test_paths_have_no_trailing_slash_and_are_not_redirected(client, path):
    assert client.get(path).status_code == 200
    assert client.get(path + "/").status_code == 404


def test_read_only_endpoints_refuse_post_and_response_headers_needs_no_csrf_token(client):
    assert client.post(api("cookies-set") + "?a=1").status_code == 405
    assert client.head(api("cookies")).status_code == 200
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(api("response-headers") + "?X-A=1")["X-A"] == "1"


@pytest.mark.django_db
@override_settings(ROOT_URLCONF="tests.support.mounted_urls")
def test_everything_stays_under_the_mount_prefix(client):
    response = client.get("/learn/httpbin/cookies/set?flavour=oatmeal")
    assert response["Location"] == "/learn/httpbin/cookies"
    assert response.cookies["flavour"]["path"] == "/learn/httpbin"
    assert client.get("/learn/httpbin/cookies/delete?flavour").cookies["flavour"]["path"] == "/learn/httpbin"
    headers = client.get("/learn/httpbin/response-headers?" + urlencode({"Set-Cookie": "a=1; Path=/learn/"}))
    assert headers.cookies["a"]["path"] == "/learn/httpbin"
    hops = []
    path = "/learn/httpbin/redirect/3"
    while path:
        hops.append(path)
        path = client.get(path).get("Location")
    assert hops == [
        "/learn/httpbin/redirect/3",
        "/learn/httpbin/relative-redirect/2",
        "/learn/httpbin/relative-redirect/1",
        "/learn/httpbin/get",
    ]
    absolute = client.get("/learn/httpbin/absolute-redirect/2")["Location"]
    assert absolute == "http://testserver/learn/httpbin/absolute-redirect/1"
    page = soup(client.get("/learn/lessons/httpbin-api/"))
    assert "http://testserver/learn/httpbin/cookies/set?flavour=oatmeal" in text(page.select_one(".httpbin-endpoints"))
    links = [a["href"] for a in page.select("a.httpbin-call")]
    assert links and all(href.startswith("/learn/httpbin/") for href in links)


# ---- the lesson page ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_lesson_page_uses_this_sites_absolute_urls(client):
    page = soup(client.get(reverse("cookielab:httpbin-api")))
    snippets = text(page.select_one(".httpbin-endpoints"))
    for url in (
        "http://testserver/httpbin/cookies/set?flavour=oatmeal",
        "http://testserver/httpbin/redirect/3",
        "http://testserver/httpbin/response-headers",
        "http://testserver/httpbin/get",
    ):
        assert url in snippets
    demo = page.select_one("#httpbin-demo")
    form = demo.select_one("form")
    assert form["data-set-url"] == api("cookies-set")
    assert form["method"] == "get" and form["action"] == reverse("cookielab:httpbin-api") + "#httpbin-cookie-form"
    assert page.select_one("script[type=module][src$='js/lessons/httpbin-api.js']") is not None


@pytest.mark.django_db
def test_every_demo_link_answers_without_javascript(client):
    page = soup(client.get(reverse("cookielab:httpbin-api")))
    for link in page.select("a.httpbin-call"):
        response = client.get(link["href"], follow=True)
        assert response.status_code == 200, link["href"]
        assert response["Content-Type"] == "application/json"
        json.loads(response.content)


@pytest.mark.django_db
def test_the_form_sends_a_valid_cookie_through_the_api(client):
    response = client.get(reverse("cookielab:httpbin-api"), {"cookie_name": "flavour", "cookie_value": "oat/meal"})
    assert response.status_code == 302
    assert response["Location"] == api("cookies-set") + "?flavour=oat%2Fmeal"
    final = client.get(response["Location"], follow=True)
    assert json.loads(final.content)["cookies"]["flavour"] == "oat/meal"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "field", "error"),
    [
        ({"cookie_name": "<b>bad; name</b>", "cookie_value": "1"}, "cookie_name", "not an HTTP token"),
        ({"cookie_name": "sessionid", "cookie_value": "1"}, "cookie_name", "belongs to this site"),
        ({"cookie_name": "a", "cookie_value": "x; \r\n"}, "cookie_value", "cannot carry"),
        ({"cookie_name": "a", "cookie_value": "x" * 5000}, "cookie_value", "at most 4096"),
        ({"cookie_name": "", "cookie_value": "1"}, "cookie_name", "required"),
    ],
)
def test_the_form_re_renders_bad_input_with_field_errors(client, data, field, error):
    response = client.get(reverse("cookielab:httpbin-api"), data)
    assert response.status_code == 200
    assert set(response.cookies) <= {"csrftoken", "cookielab_wire"}  # the quiz's token and the panel's id only
    page = soup(response)
    assert error in text(page.select_one(f"#{field}-error"))
    assert page.select_one(f"#id_{field}")["aria-invalid"] == "true"
    assert "<b>bad" not in response.content.decode()


@pytest.mark.django_db
def test_the_wire_panel_records_api_calls_and_leaves_the_json_intact(client):
    client.get(reverse("cookielab:httpbin-api"))  # starts the wire tap
    response = client.get(api("cookies-set") + "?flavour=oatmeal", follow=True)
    assert response["Content-Type"] == "application/json"
    cookies = json.loads(response.content)["cookies"]
    assert cookies["flavour"] == "oatmeal"
    assert "cookielab_wire" not in cookies  # the panel's own id is HttpOnly: never echoed
    page = soup(client.get(reverse("cookielab:httpbin-api")))
    earlier = page.select("#wire .wire-earlier .exchange")
    assert [wire_text(exchange.select_one(".exchange-line")) for exchange in earlier[:2]] == [
        "GET /httpbin/cookies",
        "GET /httpbin/cookies/set?flavour=oatmeal",
    ]
    assert "302 Found, sending your browser to /httpbin/cookies" in wire_text(earlier[1])
    [sent] = [header for header, _mark in wire_set_cookies(earlier[1]) if header.startswith("flavour=oatmeal;")]
    assert sent.endswith("; Max-Age=3600; Path=/httpbin")


# ---- property: whatever the query, no 5xx, no smuggled header, no HTML -------------------------------

TRICKY_TEXT = st.one_of(
    st.sampled_from(
        [
            "Set-Cookie",
            "set-cookie",
            "X-Injected",
            "Content-Type",
            "Location",
            "sessionid",
            "a=1; Path=/",
            "a=1\r\nX-Injected: 1",
            "x\nSet-Cookie: sessionid=evil",
            "<script>alert(1)</script>",
            "1; Domain=evil.example",
            "\x00",
        ]
    ),
    st.text(max_size=40),
)
QUERIES = st.lists(st.tuples(TRICKY_TEXT, TRICKY_TEXT), max_size=6)
ENDPOINTS = st.sampled_from(["cookies-set", "response-headers", "get"])


def sent_headers(response) -> list[tuple[str, str]]:
    return [*response.headers.items(), *(("Set-Cookie", header) for header in set_cookie_headers(response))]


@hypothesis_settings(max_examples=100, deadline=None)
@given(endpoint=ENDPOINTS, query=QUERIES)
def test_no_query_string_breaks_the_api_or_smuggles_a_header(endpoint, query):
    client = Client()  # a fresh cookie jar for every example
    baseline = {name.lower() for name in client.get(api(endpoint)).headers}
    response = client.get(f"{api(endpoint)}?{urlencode(query)}")  # a 5xx would raise here
    assert response.status_code in {200, 302, 400}
    for name, value in sent_headers(response):
        assert not any(char in name + value for char in "\r\n\x00"), (name, value)
    asked = {name.lower() for name, _ in query}
    new_headers = {name.lower() for name in response.headers} - baseline
    if endpoint == "response-headers" and response.status_code == 200:
        assert new_headers <= asked
    else:
        assert new_headers == set()
    cookie_names = set(response.cookies)
    assert not cookie_names & {"sessionid", "csrftoken", "cookielab_wire"}
    if endpoint == "cookies-set":
        assert cookie_names <= {name for name, _ in query}
    elif endpoint == "response-headers":
        asked_cookies = [value for name, value in query if name.lower() == "set-cookie"]
        assert all(any(value.startswith(f"{name}=") for value in asked_cookies) for name in cookie_names)
    else:
        assert cookie_names == set()
    if response.status_code == 302:
        assert response.content == b""
    else:
        assert response["Content-Type"] == "application/json"  # never HTML: nothing echoed can run
        body = json.loads(response.content)
        assert response.status_code == 200 or body["error"]


@pytest.mark.django_db
def test_the_lesson_page_answers_head_and_refuses_post(client):
    assert client.head(reverse("cookielab:httpbin-api")).status_code == 200
    assert client.post(reverse("cookielab:httpbin-api"), {"cookie_name": "a"}).status_code == 405


# ---- every cookie the API sets is normalised: the API's Path, no Domain, an hour at most -------------

API_PATH = "/httpbin"
HOUR = 3600


def rfc6265_default_path(request_path: str) -> str:
    """RFC 6265, 5.1.4: the Path a browser gives a cookie whose Set-Cookie has none."""
    if not request_path.startswith("/") or request_path.count("/") <= 1:
        return "/"
    return request_path[: request_path.rindex("/")]


def only_morsel(header: str):
    jar = parse_set_cookie(header)
    [morsel] = jar.values()
    return morsel


def assert_normalised(header: str, path: str = API_PATH) -> None:
    morsel = only_morsel(header)
    assert morsel["path"] == path, header
    assert morsel["domain"] == "", header
    assert 0 <= int(morsel["max-age"]) <= HOUR, header
    assert morsel["expires"], header  # Expires agrees with Max-Age for clients that only read Expires
    assert "comment" not in header.lower() and "version" not in header.lower()


def test_the_api_path_is_the_default_path_of_response_headers():
    """So a pathless Set-Cookie from /response-headers replaces or deletes the API's cookies, as on httpbin."""
    assert rfc6265_default_path(api("response-headers")) == API_PATH


def in_a_minute() -> str:
    return http_date(time.time() + 60)


NORMALISED = [
    # (Set-Cookie asked for, expected (max-age, samesite, secure, httponly)); Path and Domain are always the API's.
    ("a=1; Domain=example.org; Path=/lessons; Max-Age=34560000", (HOUR, "", "", "")),
    ("a=1; Domain=testserver; Path=/", (HOUR, "", "", "")),
    ("a=1; Path=/httpbin/cookies", (HOUR, "", "", "")),
    ("a=1", (HOUR, "", "", "")),
    ("a=1; Max-Age=600", (600, "", "", "")),
    ("a=1; Max-Age=abc,def", (HOUR, "", "", "")),
    ("a=1; Max-Age=+60", (HOUR, "", "", "")),
    ("a=1; Max-Age=60s", (HOUR, "", "", "")),
    ("a=1; Max-Age=" + "9" * 400, (HOUR, "", "", "")),
    ("a=1; Max-Age=-5", (0, "", "", "")),
    ("a=1; Max-Age=600; Max-Age=30", (30, "", "", "")),  # the last one counts, as in browsers
    ("a=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT", (HOUR, "", "", "")),
    ("a=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT", (0, "", "", "")),
    ("a=1; Expires=soon", (HOUR, "", "", "")),
    ("a=1; Max-Age=abc; Expires=Thu, 01 Jan 1970 00:00:00 GMT", (0, "", "", "")),
    ("a=1; Max-Age=120; Expires=Thu, 01 Jan 1970 00:00:00 GMT", (120, "", "", "")),  # Max-Age wins
    ("a=1; SameSite=strict; Secure; HttpOnly", (HOUR, "Strict", True, True)),
    ("a=1; SameSite=None; Secure", (HOUR, "None", True, "")),
    ("a=1; SameSite=sometimes", (HOUR, "", "", "")),
    ("a=1;; ;", (HOUR, "", "", "")),
]


@pytest.mark.parametrize(("asked", "expected"), NORMALISED, ids=[asked[:50] for asked, _ in NORMALISED])
def test_response_headers_normalises_every_set_cookie(client, asked, expected):
    response = client.get(api("response-headers") + "?" + urlencode({"Set-Cookie": asked}))
    assert response.status_code == 200
    [header] = set_cookie_headers(response)
    assert_normalised(header)
    morsel = only_morsel(header)
    assert (morsel.value, int(morsel["max-age"]), morsel["samesite"], morsel["secure"], morsel["httponly"]) == (
        "1",
        *expected,
    )
    if expected[0] == 0:
        assert morsel["expires"] == "Thu, 01 Jan 1970 00:00:00 GMT"
    assert json.loads(response.content)["Set-Cookie"] == header  # the body lists what was really sent


def test_an_expires_within_the_hour_is_kept_as_its_max_age(client):
    response = client.get(api("response-headers") + "?" + urlencode({"Set-Cookie": f"a=1; Expires={in_a_minute()}"}))
    assert 55 <= int(only_morsel(set_cookie_headers(response)[0])["max-age"]) <= 60


@pytest.mark.parametrize(
    "path",
    [
        "/httpbin/cookies/set?" + urlencode({"flavour": "oatmeal", "batch": "2"}),
        "/httpbin/cookies/set/flavour/oatmeal",
        "/httpbin/cookies/delete?flavour&batch",
    ],
)
def test_cookies_set_and_delete_use_the_api_path_too(client, path):
    response = client.get(path)
    assert response.status_code == 302
    headers = set_cookie_headers(response)
    assert headers
    for header in headers:
        assert_normalised(header)


def test_cookies_set_through_the_api_never_ride_along_to_the_lessons(base):
    lesson = reverse("cookielab:httpbin-api")
    with requests.Session() as session:
        session.get(base + api("cookies-set"), params={"flavour": "oatmeal"})
        session.get(base + api("response-headers"), params={"Set-Cookie": "theme=dark; Path=/lessons; Max-Age=600"})
        assert {(cookie.name, cookie.path) for cookie in session.cookies} >= {
            ("flavour", API_PATH),
            ("theme", API_PATH),
        }
        page = session.get(base + lesson)
        assert page.status_code == 200
        sent = page.request.headers.get("Cookie", "")
        assert "flavour=" not in sent and "theme=" not in sent
        echoed = session.get(base + api("cookies")).json()["cookies"]
        assert echoed.items() >= {"flavour": "oatmeal", "theme": "dark"}.items()


def test_a_pathless_set_cookie_from_response_headers_deletes_api_cookies(base):
    with requests.Session() as session:
        session.get(base + api("cookies-set"), params={"flavour": "oatmeal", "batch": "2"})
        response = session.get(base + api("response-headers"), params={"Set-Cookie": "flavour=; Max-Age=0"})
        [header] = raw_set_cookies(response)
        assert only_morsel(header)["path"] == API_PATH
        assert session.get(base + api("cookies")).json() == {"cookies": {"batch": "2"}}
        session.get(base + api("cookies-delete") + "?batch")
        assert session.get(base + api("cookies")).json() == {"cookies": {}}
        assert len(session.cookies) == 0


# ---- the jar cap counts every cookie the request carries, whatever its path -------------------------


def test_the_cap_counts_cookies_of_every_path(client):
    """Fifty cookies the browser holds at / (or the same name at two paths) leave no room for more."""
    carried = "; ".join(f"c{i}=1" for i in range(25)) + "; " + "; ".join(f"c{i}=2" for i in range(25))
    for path in (
        api("cookies-set") + "?one_more=1",
        api("cookies-set-one", "one_more", "1"),
        api("response-headers") + "?" + urlencode({"Set-Cookie": "one_more=1"}),
    ):
        response = client.get(path, HTTP_COOKIE=carried)
        assert response.status_code == 400, path
        assert "stops at 50" in json.loads(response.content)["error"]
        assert set_cookie_headers(response) == []
    # Replacing a cookie already sent adds none, and expiring one always works.
    assert client.get(api("cookies-set") + "?c0=3", HTTP_COOKIE=carried).status_code == 302
    expire = urlencode({"Set-Cookie": "c1=; Max-Age=0"})
    assert client.get(api("response-headers") + "?" + expire, HTTP_COOKIE=carried).status_code == 200


def test_the_cap_counts_bytes_too(client):
    carried = "; ".join(f"big{i}={'x' * 1000}" for i in range(5))
    response = client.get(api("cookies-set") + "?" + urlencode({"more": "y" * 1200}), HTTP_COOKIE=carried)
    assert response.status_code == 400
    assert "stops at 6,144" in json.loads(response.content)["error"]
    assert client.get(api("cookies-set") + "?" + urlencode({"more": "y" * 900}), HTTP_COOKIE=carried).status_code == 302


# ---- the cookie bomb of issue #17: links on another site that try to fill the visitor's jar ----------


def bomb_link(base: str, link: int, value_size: int) -> str:
    """One of the attacker's links: 16 cookies for /lessons, for the attacker's chosen domain, for 400 days."""
    query = [
        ("Set-Cookie", f"bomb{link}_{i}={'x' * value_size}; Path=/lessons; Domain=example.org; Max-Age=34560000")
        for i in range(16)
    ]
    return f"{base}{api('response-headers')}?{urlencode(query)}"


@pytest.mark.parametrize(
    ("value_size", "cap"), [(8, "stops at 50"), (300, "stops at 6,144")], ids=["small-values", "300-byte-values"]
)
def test_eleven_bomb_links_leave_the_lessons_untouched(base, value_size, cap):
    """With small values the 50-cookie cap stops the bomb, with big ones the byte cap (as in the report)."""
    lesson = reverse("cookielab:httpbin-api")
    with requests.Session() as browser:
        statuses = []
        for link in range(11):
            response = browser.get(bomb_link(base, link, value_size))
            statuses.append(response.status_code)
            for header in raw_set_cookies(response):
                assert_normalised(header)
                assert int(only_morsel(header)["max-age"]) <= HOUR
            if response.status_code == 400:
                assert raw_set_cookies(response) == []
                assert cap in response.json()["error"]
        assert statuses[0] == 200 and set(statuses) == {200, 400}  # the first links pass, normalised; then refused
        held = list(browser.cookies)
        assert held and all(cookie.path == API_PATH and cookie.domain_specified is False for cookie in held)
        assert len(held) <= 50
        assert sum(len(cookie.name) + len(cookie.value or "") + 2 for cookie in held) <= 6144
        assert all(cookie.expires is not None and cookie.expires <= time.time() + HOUR + 5 for cookie in held)
        page = browser.get(base + lesson)
        assert page.status_code == 200
        assert "bomb" not in page.request.headers.get("Cookie", "")
        # And the API itself still answers, and can clear them.
        assert browser.get(base + api("cookies")).status_code == 200


def test_a_bomb_link_sets_nothing_when_the_request_already_carries_50_cookies(base):
    with requests.Session() as browser:
        browser.get(base + api("cookies-set") + "?probe=1")
        [probe] = list(browser.cookies)  # the jar's name for this host ("localhost.local" for localhost)
        browser.cookies.clear()
        for i in range(50):
            browser.cookies.set(f"site{i}", "1", domain=probe.domain, path="/")  # another path than the API's
        response = browser.get(bomb_link(base, 0, 8))
        assert response.request.headers["Cookie"].count("site") == 50
        assert response.status_code == 400
        assert "stops at 50" in response.json()["error"]
        assert raw_set_cookies(response) == []
        assert not any(cookie.name.startswith("bomb") for cookie in browser.cookies)


# ---- response-headers sends an allow-list of headers, never proxy or browser control headers --------

REFUSED_HEADERS = [
    ("X-Accel-Redirect", "/internal/secret", "proxy or server"),
    ("x-accel-expires", "0", "proxy or server"),
    ("X-Accel-Buffering", "no", "proxy or server"),
    ("X-Sendfile", "/etc/passwd", "proxy or server"),
    ("X-Sendfile-Type", "X-Accel-Redirect", "proxy or server"),
    ("X-LiteSpeed-Location", "/internal", "proxy or server"),
    ("X-Lighttpd-Send-File", "/etc/passwd", "proxy or server"),
    ("X-Forwarded-Host", "evil.example", "proxy or server"),
    ("X-Real-IP", "10.0.0.1", "proxy or server"),
    ("Status", "302 Found", "not a header the API sends"),
    ("NEL", '{"report_to":"a","max_age":31536000}', "not a header the API sends"),
    ("Report-To", '{"group":"a","max_age":31536000,"endpoints":[{"url":"https://evil.example/r"}]}', "not a header"),
    ("Reporting-Endpoints", 'a="https://evil.example/r"', "not a header the API sends"),
    ("Alt-Svc", 'h2="evil.example:443"; ma=2592000', "not a header the API sends"),
    ("Cache-Control", "public, max-age=31536000", "not a header the API sends"),
    ("Expires", "Fri, 31 Dec 9999 23:59:59 GMT", "not a header the API sends"),
    ("Vary", "*", "not a header the API sends"),
    ("Link", "<https://evil.example/x.css>; rel=stylesheet", "not a header the API sends"),
    ("Server-Timing", "a;dur=1", "not a header the API sends"),
    ("Accept-CH", "Sec-CH-UA-Full-Version-List", "not a header the API sends"),
    ("X-Frame-Options", "ALLOWALL", "treats this site"),
    ("X-Content-Type-Options", "sniff", "treats this site"),
    ("X-Robots-Tag", "noindex", "treats this site"),
    ("X-XSS-Protection", "1; report=https://evil.example/", "treats this site"),
    ("Content-Type", "text/html", "treats this site"),
    ("Content-Type", "image/svg+xml", "treats this site"),
    ("Content-Type", "application/json; charset=utf-7", "treats this site"),
    ("Content-Language", "en<script>", "language tags"),
]


@pytest.mark.parametrize(
    ("name", "value", "error"), REFUSED_HEADERS, ids=[f"{n}={v[:20]}" for n, v, _ in REFUSED_HEADERS]
)
def test_control_headers_are_refused_with_a_json_error(client, name, value, error):
    response = client.get(api("response-headers") + "?" + urlencode([("X-Lesson", "1"), (name, value)]))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert error in json.loads(response.content)["error"]
    assert "X-Lesson" not in response.headers  # a refusal sends nothing that was asked for
    if name.lower() != "content-type":
        assert name not in response.headers or response[name] != value


def test_nel_with_report_to_never_reaches_the_wire(base):
    """Over TLS these two would make the visitor's browser report to another site for a year."""
    response = requests.get(
        base + api("response-headers"),
        params=[
            ("Report-To", '{"group":"g","max_age":31536000,"endpoints":[{"url":"https://evil.example/"}]}'),
            ("NEL", '{"report_to":"g","max_age":31536000}'),
        ],
    )
    assert response.status_code == 400
    assert "NEL" not in response.headers and "Report-To" not in response.headers
    assert set(response.json()) == {"error"}


def test_x_accel_redirect_never_reaches_the_proxy(base):
    response = requests.get(base + api("response-headers"), params={"X-Accel-Redirect": "/protected/file"})
    assert response.status_code == 400
    assert "X-Accel-Redirect" not in response.headers


ALLOWED_HEADERS = [
    ("X-Lesson", "httpbin"),
    ("X-Custom-Thing", "a, b"),
    ("x-request-id", "42"),
    ("freeform", "hello"),  # httpbin's own example
    ("Content-Language", "en, de-CH"),
    ("Content-Type", "text/plain"),
    ("Content-Type", "application/json; charset=utf-8"),
]


@pytest.mark.parametrize(("name", "value"), ALLOWED_HEADERS)
def test_allowed_headers_are_sent_and_listed(base, name, value):
    response = requests.get(base + api("response-headers"), params={name: value})
    assert response.status_code == 200
    assert response.headers[name] == value
    listed = json.loads(response.text)
    listed_name = "Content-Type" if name.lower() == "content-type" else name
    assert listed[listed_name] == value
    assert listed["Content-Length"] == str(len(response.content)) == response.headers["Content-Length"]


def test_content_type_is_given_once(client):
    query = urlencode([("Content-Type", "text/plain"), ("Content-Type", "application/json")])
    response = client.get(api("response-headers") + "?" + query)
    assert response.status_code == 400
    assert "given once" in json.loads(response.content)["error"]


# ---- quoted cookie values (issue #13): accepted, the quotes part of the value ----------------------


def test_a_quoted_value_is_set_verbatim_and_echoed_with_its_quotes(base):
    with requests.Session() as session:
        response = session.get(base + api("cookies-set"), params={"foo": '"bar:baz"', "plain": "oat/meal"})
        assert response.status_code == 200
        sent = {
            morsel.key: morsel for h in raw_set_cookies(response.history[0]) for morsel in parse_set_cookie(h).values()
        }
        assert sent["foo"].coded_value == '"bar:baz"'  # as given: RFC 6265 allows DQUOTE *cookie-octet DQUOTE
        assert sent["plain"].coded_value == "oat/meal"  # not quoted by the API ('"oat/meal"' would keep the quotes)
        assert response.json() == {"cookies": {"foo": '"bar:baz"', "plain": "oat/meal"}}
        by_path = session.get(base + api("cookies-set-one", "q", '"bar:baz"'))
        assert by_path.json()["cookies"]["q"] == '"bar:baz"'


def test_a_quoted_value_through_response_headers(client):
    response = client.get(api("response-headers") + "?" + urlencode({"Set-Cookie": 'foo="bar:baz"; Max-Age=60'}))
    assert response.status_code == 200
    [header] = set_cookie_headers(response)
    assert header.startswith('foo="bar:baz";')
    assert json.loads(client.get(api("cookies")).content)["cookies"] == {"foo": '"bar:baz"'}


def test_the_echo_shows_values_as_the_client_sent_them(client):
    cookies = json.loads(client.get(api("cookies"), HTTP_COOKIE='a="x"; b=1; a=shadowed; c=').content)["cookies"]
    assert cookies == {"a": '"x"', "b": "1", "c": ""}  # the first of a repeated name: the most specific path


@pytest.mark.parametrize(
    "value", ['"bar baz"', '"bar;baz"', '"bar', 'bar"', '"a"b"', '"\\"x\\""', '"é"', '"a,b"', '"', '"x\r\n"']
)
def test_quotes_do_not_let_in_what_breaks_headers(client, value):
    for path in (
        api("cookies-set") + "?" + urlencode({"foo": value}),
        api("response-headers") + "?" + urlencode({"Set-Cookie": f"foo={value}"}),
    ):
        response = client.get(path)
        assert response.status_code == 400, (path, response.content)
        assert set_cookie_headers(response) == []


# ---- the site's HttpOnly cookies are left out of every echo ------------------------------------------


@pytest.mark.django_db
def test_httponly_cookies_the_site_sets_are_never_echoed(client):
    """Visit the pages that set HttpOnly cookies, then ask the API what it sees."""
    client.get(reverse("cookielab:setcookie"))  # the lecture's username
    client.get("/lessons/cookies-in-javascript/")
    client.post(reverse("cookielab:cookie-use-cases-theme"), {"theme": "dark"})
    client.post(reverse("cookielab:cookie-flags-set"))
    client.post(
        reverse("cookielab:setting-cookies-set"),
        {"name": "flavour", "value": "oatmeal", "encoding": "none", "max_age": "900", "path": "/", "domain": ""},
    )
    client.get(api("cookies-set") + "?mine=1")
    httponly = {name for name, morsel in client.cookies.items() if morsel["httponly"] and morsel.value}
    assert httponly >= {"username", "js_demo_httponly", "cookielab_theme", "lab_httponly", "cookielab_workbench"}
    echoed = json.loads(client.get(api("cookies")).content)["cookies"]
    assert not httponly & set(echoed)
    assert {"mine", "flavour", "lab_plain"} <= set(echoed)  # cookies scripts may read are still echoed
    cookie_header = json.loads(client.get(api("headers")).content)["headers"]["Cookie"]
    assert not any(pair.split("=")[0] in httponly for pair in cookie_header.split("; "))


@pytest.mark.parametrize("name", ["username", "js_demo_httponly", "cookielab_theme", "lab_httponly", "messages"])
def test_the_api_will_not_set_a_name_it_would_hide(client, name):
    response = client.get(api("cookies-set") + f"?{name}=1")
    assert response.status_code == 400
    assert set_cookie_headers(response) == []


def test_host_prefixed_cookies_are_refused(client):
    response = client.get(api("cookies-set") + "?__Host-id=1")
    assert response.status_code == 400
    assert "__Host-" in json.loads(response.content)["error"]


@pytest.mark.django_db
def test_the_compatibility_table_says_what_the_api_does(client):
    table = text(soup(client.get(reverse("cookielab:httpbin-api"))).select_one(".httpbin-compat"))
    assert "Path=/httpbin , the API's own folder" in table
    assert "Max-Age=3600" in table and "50 cookies" in table and "6,144 bytes" in table
    assert "cannot see which cookies are HttpOnly" in table and "username" in table
    assert "X-Accel-Redirect" in table and "NEL" in table
    assert "Path=/ " not in table and "the app's root" not in table
