"""The httpbin-api lesson: its API (httpbin's paths, redirects and JSON shapes, hard refusals of bad input) and page."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
import requests
from django.test import Client
from django.test import override_settings
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

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
        assert all(morsel["path"] == "/" and not morsel["httponly"] for morsel in sent.values())
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
        assert parse_set_cookie(header)["theme"]["max-age"] == "600"
        assert session.cookies["theme"] == "dark"
        assert response.json() == {
            "Content-Length": str(len(response.content)),
            "Content-Type": "application/json",
            "Set-Cookie": "theme=dark; Max-Age=600",
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
    assert response.cookies["flavour"]["path"] == "/learn/"
    assert client.get("/learn/httpbin/cookies/delete?flavour").cookies["flavour"]["path"] == "/learn/"
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
    assert text(page.select_one("#wire .wire-response .exchange-line")) == "GET /httpbin/cookies → 200"
    earlier = [text(code) for code in page.select("#wire .wire-earlier code[data-header=set-cookie]")]
    assert "Set-Cookie: flavour=oatmeal; Path=/" in earlier


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
