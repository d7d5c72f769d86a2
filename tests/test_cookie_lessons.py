"""The cookie lessons: each demo's real Set-Cookie headers and what the next request shows."""

from __future__ import annotations

import re
from datetime import datetime
from datetime import timezone
from email.utils import parsedate_to_datetime

import pytest
import requests
from bs4 import BeautifulSoup
from django.test import RequestFactory
from django.urls import NoReverseMatch
from django.urls import reverse

from cookielab import cookie_basics as cb
from cookielab.core import origins
from cookielab.lessons import LESSONS
from cookielab.lessons import get_lesson
from tests.support.html import parse_set_cookie
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

HOSTILE = ["; \r\n", "x" * 5120, "<script>alert(1)</script>"]


def set_cookie(response, name: str):
    """The one Set-Cookie of ``response`` for ``name``, parsed."""
    matching = [header for header in set_cookie_headers(response) if header.startswith(f"{name}=")]
    assert len(matching) == 1, matching
    return parse_set_cookie(matching[0])[name]


def expires_at(morsel) -> datetime:
    return parsedate_to_datetime(morsel["expires"])


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("how-cookies-are-sent", "/lessons/how-cookies-are-sent/"),
        ("myths-and-facts", "/lessons/myths-and-facts/"),
        ("reading-cookies", "/lessons/reading-cookies/"),
        ("getcookie", "/getcookie/"),
        ("expiring-cookies", "/lessons/expiring-cookies/"),
        ("deletecookie", "/deletecookie/"),
        ("session-vs-persistent", "/lessons/session-vs-persistent/"),
        ("where-cookies-live", "/lessons/where-cookies-live/"),
        ("cookie-use-cases", "/lessons/cookie-use-cases/"),
    ],
)
def test_routes_live_at_their_documented_paths(name, path):
    assert reverse(f"cookielab:{name}") == path


# ---- How cookies are sent ---------------------------------------------------------------------


def test_the_first_visit_draws_only_this_request(client):
    page = soup(client.get(reverse("cookielab:how-cookies-are-sent")))
    messages = page.select("svg.sequence g.message")
    assert len(messages) == 1
    assert "(this page)" in text(messages[0].select_one("text.label"))
    assert text(messages[0].select_one("text.header")) == "(no Cookie header)"
    assert "no demo_flavour cookie" in text(page.select_one("#sent-result"))


def test_the_server_sets_the_cookie_and_the_next_request_carries_it(client):
    client.get(reverse("cookielab:how-cookies-are-sent"))
    response = client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "oatmeal"})
    assert response.status_code == 302
    cookie = set_cookie(response, cb.DEMO_COOKIE)
    assert cookie.value == "oatmeal"
    assert cookie["path"] == "/" and cookie["samesite"] == "Lax"
    assert not cookie["max-age"] and not cookie["expires"]  # a session cookie

    page = soup(client.get(response["Location"]))
    assert "This request carried demo_flavour=oatmeal" in text(page.select_one("#sent-result"))
    messages = page.select("svg.sequence g.message")
    labels = [text(message.select_one("text.label")) for message in messages]
    assert labels[-3:] == [
        "→ POST /lessons/how-cookies-are-sent/bake/",
        "← 302 Found",
        "→ GET /lessons/how-cookies-are-sent/ (this page)",
    ]
    set_line = [text(t) for t in messages[-2].select("text.highlight")]
    assert set_line == ["Set-Cookie: demo_flavour=oatmeal; Path=/; SameSite=Lax"]
    sent_back = [text(t) for t in messages[-1].select("text.highlight")]
    assert sent_back == ["demo_flavour=oatmeal"]
    # Before the POST the browser did not send it.
    assert messages[-3].select("text.highlight") == []


def test_another_request_shows_the_cookie_coming_back_again(client):
    client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "ginger"})
    client.get(reverse("cookielab:how-cookies-are-sent"))
    page = soup(client.get(reverse("cookielab:how-cookies-are-sent")))
    requests_sent = page.select("svg.sequence g.is-request")
    assert [text(t) for t in requests_sent[-1].select("text.highlight")] == ["demo_flavour=ginger"]
    assert [text(t) for t in requests_sent[-2].select("text.highlight")] == ["demo_flavour=ginger"]
    assert page.select_one("#sequence-list") is not None  # the same data as text


@pytest.mark.parametrize("flavour", [*HOSTILE, ""])
def test_a_bad_flavour_re_renders_with_a_field_error(client, flavour):
    response = client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": flavour})
    assert response.status_code == 400
    assert cb.DEMO_COOKIE not in response.cookies
    page = soup(response)
    error = page.select_one("#id_flavour_error")
    assert text(error) in {"Choose one of the flavours in the list.", "Choose a flavour first."}
    assert page.select_one("#id_flavour")["aria-invalid"] == "true"
    assert "<script>alert(1)" not in response.content.decode()


def test_the_diagram_shortens_long_headers():
    exchange = {"method": "GET", "path": "/" + "p" * 300, "status": 200, "cookie": "", "set_cookie": ["a=" + "v" * 300]}
    cookie_header = "; ".join(f"c{i}={'v' * 100}" for i in range(12))
    diagram = cb.sequence_diagram([exchange], "GET", "/here/", cookie_header)
    texts = [line.text for message in diagram.messages for line in (message.label, *message.lines)]
    assert max(len(line) for line in texts) <= 90
    assert "… and 4 more" in texts
    assert diagram.height > diagram.messages[-1].lines[-1].y


# ---- Myths and facts --------------------------------------------------------------------------


def answers(**overrides: str) -> dict[str, str]:
    return {statement.key: statement.answer for statement in cb.STATEMENTS} | overrides


def test_all_right_answers_score_full_marks_with_explanations_and_links(client):
    response = client.get(reverse("cookielab:myths-and-facts"), answers())
    assert response.status_code == 200
    page = soup(response)
    assert text(page.select_one("#myths-score")) == f"You got {len(cb.STATEMENTS)} of {len(cb.STATEMENTS)} right."
    for statement in cb.STATEMENTS:
        item = page.select_one(f"li.verdict[data-statement={statement.key}]")
        assert "is-correct" in item["class"]
        assert statement.explanation in text(item)
        hrefs = [a["href"] for a in item.select(".proofs a")]
        present = [get_lesson(slug) for slug in statement.proven_by if get_lesson(slug)]
        assert hrefs == [lesson.get_absolute_url() for lesson in present]


def test_every_proof_names_a_lesson_of_the_course():
    for statement in cb.STATEMENTS:
        assert statement.proven_by
        assert set(statement.proven_by) <= {lesson.slug for lesson in LESSONS}, statement.key


def test_the_lecture_is_corrected_where_it_is_loose(client):
    anonymous = next(statement for statement in cb.STATEMENTS if statement.key == "anonymous")
    assert anonymous.answer == cb.MYTH
    assert "GDPR" in anonymous.explanation
    page = soup(client.get(reverse("cookielab:myths-and-facts"), answers(anonymous=cb.FACT)))
    item = page.select_one("li.verdict[data-statement=anonymous]")
    assert "is-wrong" in item["class"]
    assert "The lecture lists" in text(item)
    assert text(page.select_one("#myths-score")).startswith(f"You got {len(cb.STATEMENTS) - 1} of")


@pytest.mark.parametrize("bad", HOSTILE)
def test_bad_answers_re_render_the_form_with_errors(client, bad):
    response = client.get(reverse("cookielab:myths-and-facts"), answers(worms=bad, data=""))
    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("#verdicts") is None
    worms = page.select_one("fieldset[data-statement=worms]")
    assert text(worms.select_one(".field-error")) == "Only Myth or Fact can be an answer."
    assert worms["aria-describedby"] == "id_worms_error"
    data = page.select_one("fieldset[data-statement=data]")
    assert text(data.select_one(".field-error")) == "Pick Myth or Fact for this statement."
    assert page.select_one("fieldset[data-statement=track] .field-error") is None
    assert "<script>alert(1)" not in response.content.decode()


# ---- Reading cookies --------------------------------------------------------------------------


def test_getcookie_without_the_cookie_says_no_cookie_found(client):
    page = soup(client.get(reverse("cookielab:getcookie")))
    assert text(page.select_one("#getcookie-result")) == "No cookie found"


def test_getcookie_shows_the_username_cookie(client):
    client.cookies["username"] = "john doe"
    response = client.get(reverse("cookielab:getcookie"))
    page = soup(response)
    assert text(page.select_one("#getcookie-result")) == "Server: john doe"
    assert text(page.select_one("h1")).startswith("Reading cookies on the server")


def test_a_hostile_username_is_escaped(client):
    client.cookies["username"] = "<script>alert(1)</script>"
    body = client.get(reverse("cookielab:getcookie")).content.decode()
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body


def test_the_page_shows_request_cookies_beside_the_raw_header(client):
    header = 'colour=blue; quoted="a\\073 b"; username=ada'
    page = soup(client.get(reverse("cookielab:reading-cookies"), HTTP_COOKIE=header))
    assert text(page.select_one("#raw-cookie-header")) == f"Cookie: {header}"
    rows = {text(row.th): text(row.td) for row in page.select("#request-cookies tbody tr")}
    assert rows == {"colour": "blue", "quoted": "a; b", "username": "ada"}


def test_setting_duplicates_sends_two_cookies_of_one_name_with_different_paths(client):
    response = client.post(reverse("cookielab:reading-cookies-duplicates"))
    assert response.status_code == 302
    headers = [h for h in set_cookie_headers(response) if h.startswith(f"{cb.DUPLICATE_COOKIE}=")]
    parsed = [parse_set_cookie(header)[cb.DUPLICATE_COOKIE] for header in headers]
    assert [(m.value, m["path"]) for m in parsed] == [
        ("site-wide", "/"),
        ("this-lesson", "/lessons/reading-cookies/"),
    ]
    cleared = client.post(reverse("cookielab:reading-cookies-clear"))
    expired = [parse_set_cookie(h)[cb.DUPLICATE_COOKIE] for h in set_cookie_headers(cleared)]
    assert [(m["path"], m["max-age"]) for m in expired] == [("/", "0"), ("/lessons/reading-cookies/", "0")]
    assert all(expires_at(m) < datetime.now(timezone.utc) for m in expired)


def test_django_keeps_the_last_duplicate_and_a_first_wins_parser_the_first(client):
    # As a browser sends them: the longer path first (RFC 6265bis 5.8.3).
    header = f"{cb.DUPLICATE_COOKIE}=this-lesson; csrftoken=x; {cb.DUPLICATE_COOKIE}=site-wide"
    page = soup(client.get(reverse("cookielab:reading-cookies"), HTTP_COOKIE=header))
    report = page.select_one("#duplicate-report")
    assert text(report.select("dd")[0]) == "dup_demo=this-lesson , then dup_demo=site-wide"
    assert text(page.select_one("#django-kept")) == "site-wide"
    assert text(page.select_one("#first-wins-kept")) == "this-lesson"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("a=1; a=2", {"a": "1"}),
        ('a="quoted"; b=x', {"a": "quoted", "b": "x"}),
        ("a=%E2%9C%93; b=%ZZ; c=%FF", {"a": "✓", "b": "%ZZ", "c": "%FF"}),
        ("junk; a = 1 ;b=2=3", {"a": "1", "b": "2=3"}),
        ("", {}),
    ],
)
def test_first_wins_parse_mirrors_the_npm_cookie_package(header, expected):
    assert cb.first_wins_parse(header) == expected


def test_the_setcookie_link_appears_only_when_the_route_exists(client):
    page = soup(client.get(reverse("cookielab:reading-cookies")))
    explanation = page.select_one("section.explanation")
    try:
        setcookie = reverse("cookielab:setcookie")
    except NoReverseMatch:
        setcookie = None
    hrefs = [a["href"] for a in explanation.select("a")]
    assert (setcookie in hrefs) if setcookie else all("setcookie" not in href for href in hrefs)


# ---- Deleting means expiring ------------------------------------------------------------------


def test_deletecookie_expires_username_with_matching_attributes(client):
    client.cookies["username"] = "john doe"
    response = client.get(reverse("cookielab:deletecookie"))
    assert response.status_code == 200
    cookie = set_cookie(response, "username")
    assert cookie.value == ""
    assert cookie["max-age"] == "0"
    assert expires_at(cookie) < datetime.now(timezone.utc)
    assert cookie["path"] == "/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert "Cookie username has been deleted." in text(soup(response).select_one("#deletecookie-result"))
    assert "no-cache" in response["Cache-Control"]


def test_deletecookie_without_a_cookie_says_so(client):
    response = client.get(reverse("cookielab:deletecookie"))
    assert "There was no username cookie to delete." in text(soup(response).select_one("#deletecookie-result"))
    assert set_cookie(response, "username")["max-age"] == "0"


def test_the_lesson_page_itself_deletes_nothing(client):
    client.cookies["username"] = "ada"
    response = client.get(reverse("cookielab:expiring-cookies"))
    assert "username" not in response.cookies
    assert soup(response).select_one("#deletecookie-result") is None


LAB = "/lessons/expiring-cookies/lab/"


@pytest.mark.parametrize(
    ("route", "attempt", "path", "max_age"),
    [
        ("expiring-cookies-lab-set", "set", LAB, ""),
        ("expiring-cookies-lab-wrong", "wrong-path", "/", "0"),
        ("expiring-cookies-lab-right", "right-path", LAB, "0"),
    ],
)
def test_each_lab_step_sends_its_set_cookie(client, route, attempt, path, max_age):
    client.get(reverse("cookielab:expiring-cookies"))  # the student is on the lesson page (the wire tap starts)
    response = client.post(reverse(f"cookielab:{route}"))
    assert response.status_code == 302
    assert response["Location"] == f"{LAB}?attempt={attempt}#lab"
    cookie = set_cookie(response, cb.LAB_COOKIE)
    assert cookie["path"] == path
    assert cookie["max-age"] == max_age
    page = soup(client.get(response["Location"]))
    assert text(page.select_one("#lab-result pre")) == f"Set-Cookie: {set_cookie_headers(response)[0]}"
    assert cb.LAB_ATTEMPTS[attempt] in text(page.select_one("#lab-result"))


def test_the_lab_page_reports_what_the_sub_path_received(client):
    page = soup(client.get(LAB, HTTP_COOKIE=f"{cb.LAB_COOKIE}=path-scoped"))
    assert "still sent lab_path_demo=path-scoped" in text(page.select_one("#lab-verdict"))
    page = soup(client.get(LAB))
    assert "sent no lab_path_demo" in text(page.select_one("#lab-verdict"))
    outside = soup(client.get(reverse("cookielab:expiring-cookies")))
    assert "outside the cookie's path" in text(outside.select_one("#lab-verdict"))


def test_an_unknown_attempt_is_ignored(client):
    response = client.get(LAB, {"attempt": "<b>; \r\n" + "x" * 5000})
    assert response.status_code == 200
    assert "<b>;" not in response.content.decode()


# ---- Session and persistent cookies -----------------------------------------------------------


def test_three_lifetimes_are_set_and_shown(client):
    client.get(reverse("cookielab:session-vs-persistent"))
    response = client.post(reverse("cookielab:session-vs-persistent-set"))
    now = datetime.now(timezone.utc)
    session = set_cookie(response, "demo_session")
    week = set_cookie(response, "demo_week")
    decade = set_cookie(response, "demo_decade")
    assert not session["max-age"] and not session["expires"]
    assert week["max-age"] == str(7 * 86400)
    assert decade["max-age"] == str(3650 * 86400)
    assert (expires_at(decade) - now).days in range(3649, 3651)
    for cookie in (session, week, decade):
        assert not cookie["httponly"]  # a page script must be able to see them
        assert cookie["path"] == "/"
    page = soup(client.get(response["Location"]))
    shown = [text(code).removeprefix("Set-Cookie: ") for code in page.select("#lifetime-headers code")]
    assert sorted(shown) == sorted(h for h in set_cookie_headers(response) if h.startswith("demo_"))
    rows = {row["data-cookie"]: text(row.select("td")[1]) for row in page.select("#lifetimes tr[data-cookie]")}
    assert rows == {"demo_session": "session", "demo_week": "week", "demo_decade": "decade"}


def test_expire_all_three(client):
    response = client.post(reverse("cookielab:session-vs-persistent-expire"))
    for name in cb.LIFETIME_NAMES:
        assert set_cookie(response, name)["max-age"] == "0"


# ---- Where cookies live -----------------------------------------------------------------------


def test_the_page_lists_every_cookie_the_server_received(client):
    page = soup(client.get(reverse("cookielab:where-cookies-live"), HTTP_COOKIE="a=1; sessionid=x"))
    assert [row["data-cookie"] for row in page.select("#cookie-views tr[data-cookie]")] == ["a", "sessionid"]
    assert "cookies.sqlite" in text(page.select_one("section.explanation"))
    assert "moz_cookies" in text(page.select_one("section.explanation"))


# ---- What cookies are used for ----------------------------------------------------------------


def test_the_theme_cookie_is_rendered_on_the_body_without_a_script(client):
    assert soup(client.get(reverse("cookielab:cookie-use-cases"))).body["class"] == ["theme-system"]
    response = client.post(reverse("cookielab:cookie-use-cases-theme"), {"theme": "dark"})
    cookie = set_cookie(response, cb.THEME_COOKIE)
    assert cookie.value == "dark" and cookie["httponly"] and cookie["max-age"] == str(cb.THEME_MAX_AGE)
    page = soup(client.get(response["Location"]))
    assert page.body["class"] == ["theme-dark"]
    assert page.select_one("#id_theme_1").has_attr("checked")


def test_a_tampered_theme_cookie_falls_back_to_system(client):
    page = soup(client.get(reverse("cookielab:cookie-use-cases"), HTTP_COOKIE='cookielab_theme="x onload=1"'))
    assert page.body["class"] == ["theme-system"]


@pytest.mark.parametrize("theme", [*HOSTILE, ""])
def test_a_bad_theme_re_renders_with_a_field_error(client, theme):
    response = client.post(reverse("cookielab:cookie-use-cases-theme"), {"theme": theme})
    assert response.status_code == 400
    assert cb.THEME_COOKIE not in response.cookies
    page = soup(response)
    assert text(page.select_one("#id_theme_error")) in {
        "Choose light, dark or system: nothing else is a theme here.",
        "Choose a theme first.",
    }
    assert page.select_one("#id_theme_0")["aria-invalid"] == "true"


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        ("localhost:8000", "http://127.0.0.1:8000"),
        ("127.0.0.1:41234", "http://localhost:41234"),
        ("LOCALHOST", "http://127.0.0.1"),
        ("[::1]:8000", None),
        ("example.com", None),
    ],
)
def test_the_other_loopback_origin_keeps_the_port(rf: RequestFactory, settings, host, origin):
    settings.ALLOWED_HOSTS = ["*"]
    assert origins.twin_origin(rf.get("/", HTTP_HOST=host)) == origin


def test_the_page_links_the_other_host_and_allows_only_its_image(client):
    response = client.get(reverse("cookielab:cookie-use-cases"), HTTP_HOST="localhost:8000")
    page = soup(response)
    assert page.select_one("#other-host-link")["href"] == "http://127.0.0.1:8000/lessons/cookie-use-cases/#hosts"
    assert page.select_one("#cross-site-pixel")["src"] == "http://127.0.0.1:8000/lessons/cookie-use-cases/pixel.svg"
    policy = dict(part.split(" ", 1) for part in response["Content-Security-Policy"].split("; "))
    assert policy["img-src"] == "'self' data: http://127.0.0.1:8000"
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'"


def test_an_unknown_host_gets_no_two_host_demo(client, settings):
    settings.ALLOWED_HOSTS = ["example.com"]
    response = client.get(reverse("cookielab:cookie-use-cases"), HTTP_HOST="example.com")
    assert soup(response).select_one("#cross-site-pixel") is None
    assert "img-src 'self' data:;" in response["Content-Security-Policy"]


def test_the_host_marker_is_host_only(client):
    response = client.post(reverse("cookielab:cookie-use-cases-mark"), HTTP_HOST="127.0.0.1:8000")
    cookie = set_cookie(response, cb.HOST_MARKER)
    assert cookie.value == "set-on-127.0.0.1"
    assert not cookie["domain"]


def test_the_image_draws_the_cookies_its_request_carried(client):
    response = client.get(reverse("cookielab:cookie-use-cases-pixel"), HTTP_COOKIE="host_marker=set-on-x; b=<i>")
    assert response["Content-Type"] == "image/svg+xml"
    image = soup(response)
    assert [text(line) for line in image.select("text.cookie-line")] == ["host_marker=set-on-x", "b=<i>"]
    assert b"<i>" not in response.content
    nothing = client.get(reverse("cookielab:cookie-use-cases-pixel"), HTTP_COOKIE="")
    empty = soup(nothing)
    assert text(empty.select_one("text.no-cookies")) == "no cookies"


# ---- A plain HTTP client with a real cookie jar -----------------------------------------------


def form_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert match
    return match.group(1)


def result(html: str, selector: str) -> str:
    return text(BeautifulSoup(html, "html.parser").select_one(selector))


@pytest.mark.usefixtures("transactional_db")
def test_getcookie_then_deletecookie_with_a_real_cookie_jar(live_server):
    with requests.Session() as browser:
        domain = "localhost.local"  # how http.cookiejar stores cookies of a dotless host
        browser.cookies.set("username", "john", domain=domain, path="/")
        got = browser.get(live_server.url + reverse("cookielab:getcookie"))
        assert result(got.text, "#getcookie-result") == "Server: john"
        deleted = browser.get(live_server.url + reverse("cookielab:deletecookie"))
        assert "Cookie username has been deleted." in result(deleted.text, "#deletecookie-result")
        assert "username" not in browser.cookies  # the jar honoured Max-Age=0
        again = browser.get(live_server.url + reverse("cookielab:getcookie"))
        assert result(again.text, "#getcookie-result") == "No cookie found"


@pytest.mark.usefixtures("transactional_db")
def test_the_path_lab_with_a_real_cookie_jar(live_server):
    with requests.Session() as browser:
        lesson = browser.get(live_server.url + reverse("cookielab:expiring-cookies"))
        token = form_token(lesson.text)

        def press(route: str) -> str:
            response = browser.post(live_server.url + reverse(f"cookielab:{route}"), {"csrfmiddlewaretoken": token})
            assert response.status_code == 200, response.status_code
            return result(response.text, "#lab-verdict")

        assert "still sent" in press("expiring-cookies-lab-set")
        assert [c.path for c in browser.cookies if c.name == cb.LAB_COOKIE] == [LAB]
        assert "still sent" in press("expiring-cookies-lab-wrong")
        assert "sent no" in press("expiring-cookies-lab-right")
        assert cb.LAB_COOKIE not in browser.cookies


# ---- Mounted under a prefix -------------------------------------------------------------------


@pytest.mark.urls("tests.support.mounted_urls")
def test_cookie_paths_follow_the_mount_point(client):
    assert reverse("cookielab:getcookie") == "/learn/getcookie/"
    client.get("/learn/lessons/reading-cookies/")
    duplicates = client.post("/learn/lessons/reading-cookies/duplicates/")
    paths = [parse_set_cookie(h)[cb.DUPLICATE_COOKIE]["path"] for h in set_cookie_headers(duplicates)]
    assert paths == ["/learn/", "/learn/lessons/reading-cookies/"]
    lab = client.post("/learn/lessons/expiring-cookies/lab/set/")
    assert set_cookie(lab, cb.LAB_COOKIE)["path"] == "/learn/lessons/expiring-cookies/lab/"
    assert lab["Location"].startswith("/learn/lessons/expiring-cookies/lab/")
    baked = client.post("/learn/lessons/how-cookies-are-sent/bake/", {"flavour": "oatmeal"})
    assert set_cookie(baked, cb.DEMO_COOKIE)["path"] == "/learn/"
    page = soup(client.get("/learn/lessons/cookie-use-cases/", HTTP_HOST="localhost:8000"))
    assert (
        page.select_one("#cross-site-pixel")["src"] == "http://127.0.0.1:8000/learn/lessons/cookie-use-cases/pixel.svg"
    )
    assert text(soup(client.get("/learn/getcookie/")).select_one("#getcookie-result")) == "No cookie found"
