"""Issue #17, finding 7: in production no GET answer carries the HttpOnly session id (or the wire id).

HttpOnly keeps a cookie out of ``document.cookie``; a page that prints it hands it to any script on
the site that fetches the page. Every GET route of the site is fetched with a live session and a wire
panel that has just recorded a ``Set-Cookie: sessionid=…``, and its body is searched for the keys.
"""

from __future__ import annotations

import pytest
from django.test import Client

from cookielab.conf import conf
from cookielab.core import secret_cookies
from tests.site.test_settings import run_python
from tests.support.crawl import argument_free_paths
from tests.support.html import soup
from tests.support.html import text
from tests.support.session_engines import use_engine
from tests.support.wire import text as wire_text

pytestmark = pytest.mark.django_db

CHECK_IN = "/lessons/what-is-a-session/check-in/"
LOGIN = "/lessons/logging-in/login/"
REVEAL_WHAT_IS = "/lessons/what-is-a-session/reveal-key/"
REVEAL_LOGGING_IN = "/lessons/logging-in/reveal-key/"
ACCEPTS = ("text/html", "application/json", "*/*")


def get_routes() -> list[str]:
    """Every route of the site without a path parameter, admin aside (it has its own login)."""
    return sorted(path for path in argument_free_paths() if not path.startswith("/admin/"))


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.COOKIELAB_REVEAL_SESSION_KEYS = None
    return settings


def secrets_of(client: Client) -> dict[str, str]:
    tap_cookie = client.cookies.get(conf.WIRE_COOKIE_NAME)
    found = {"session key": client.cookies["sessionid"].value}
    if tap_cookie is not None:
        found["wire cookie"] = tap_cookie.value
        found["wire id"] = tap_cookie.value.rsplit(":", 1)[0]
    return found


def leaks(body: str, secrets: dict[str, str]) -> list[str]:
    return [name for name, value in secrets.items() if value and value in body]


def start_a_session(client: Client) -> None:
    """A logged-in session with data, a wire id, and a Set-Cookie of the session in the wire history."""
    client.get("/lessons/what-is-a-session/")
    client.post(LOGIN)
    client.post(CHECK_IN, {"note": "blue duffle coat"})


@pytest.mark.parametrize(
    "engine_name", ["db", "signed_cookies", "file", pytest.param("cached_db", marks=pytest.mark.redis)]
)
def test_no_get_answer_contains_the_session_key_or_the_wire_id(engine_name, production, request, monkeypatch, tmp_path):
    use_engine(engine_name, request, production, monkeypatch, tmp_path)
    client = Client()
    start_a_session(client)
    routes = get_routes()
    assert "/wire/" in routes and "/lessons/what-is-a-session/" in routes and len(routes) > 40
    found = []
    for route in routes:
        for accept in ACCEPTS:
            # Saving the session again puts "Set-Cookie: sessionid=<key>" in the wire panel's history.
            client.post(CHECK_IN, {"note": "blue duffle coat"})
            secrets = secrets_of(client)
            response = client.get(route, HTTP_ACCEPT=accept)
            assert response.status_code < 500, route
            body = response.content.decode("utf-8", "replace")
            found += [f"{route} ({accept}): {name}" for name in leaks(body, secrets)]
    assert found == []


def test_the_wire_panel_masks_the_secret_cookies_in_every_header(production):
    client = Client()
    start_a_session(client)
    key = client.cookies["sessionid"].value
    page = soup(client.get("/wire/"))
    header = wire_text(page.select_one("code[data-header='cookie']"))
    assert f"sessionid={secret_cookies.mask_key(key)}" in header
    set_cookies = [wire_text(line) for line in page.select("code[data-header='set-cookie']")]
    assert any(line.startswith(f"Set-Cookie: sessionid={secret_cookies.mask_key(key)};") for line in set_cookies)
    assert "HttpOnly" in " ".join(set_cookies)
    rows = {
        text(row.select_one(".cookie-name")): text(row.select_one("td"))
        for row in page.select(".cookie-table tbody tr")
    }
    assert rows["sessionid"] == secret_cookies.mask_key(key)
    assert rows["cookielab_wire"].startswith(secret_cookies.mask_key(client.cookies["cookielab_wire"].value))


def test_the_wire_panel_shows_the_keys_when_reveal_is_on(settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True
    client = Client()
    start_a_session(client)
    body = client.get("/wire/").content.decode()
    assert client.cookies["sessionid"].value in body


def test_other_cookies_and_cookie_deletions_are_shown_as_sent(production):
    assert secret_cookies.shown_cookie_header("theme=dark; sessionid=abcd1234567890wxyz; x=1") == (
        "theme=dark; sessionid=abcd…wxyz; x=1"
    )
    assert secret_cookies.shown_cookie_header("flag; sessionid = abcd1234567890wxyz") == "flag; sessionid = abcd…wxyz"
    deletion = 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'
    assert secret_cookies.shown_set_cookie(deletion) == deletion
    assert secret_cookies.shown_set_cookie("theme=dark; Path=/") == "theme=dark; Path=/"


def test_the_csrf_cookie_is_masked_only_when_it_is_httponly(production):
    assert secret_cookies.shown_value("csrftoken", "abcd1234567890wxyz") == "abcd1234567890wxyz"
    production.CSRF_COOKIE_HTTPONLY = True
    assert secret_cookies.shown_value("csrftoken", "abcd1234567890wxyz") == "abcd…wxyz"


@pytest.mark.parametrize("engine_name", ["db", "signed_cookies"])
def test_what_is_a_session_reveals_the_key_in_a_post_answer_only(
    engine_name, production, request, monkeypatch, tmp_path
):
    use_engine(engine_name, request, production, monkeypatch, tmp_path)
    client = Client(enforce_csrf_checks=True)
    page = soup(client.get("/lessons/what-is-a-session/"))
    token = page.select_one("#coat-check input[name=csrfmiddlewaretoken]")["value"]
    client.post(CHECK_IN, {"note": "blue duffle coat", "csrfmiddlewaretoken": token})
    key = client.cookies["sessionid"].value
    page = soup(client.get("/lessons/what-is-a-session/"))
    assert page.select_one("#inspector-full-key") is None
    form = page.select_one("#reveal-key-form")
    assert form["method"] == "post" and form["action"] == REVEAL_WHAT_IS + "#inspector-key"

    assert client.post(REVEAL_WHAT_IS).status_code == 403  # CSRF-checked
    assert client.get(REVEAL_WHAT_IS).status_code == 405
    answer = client.post(REVEAL_WHAT_IS, {"csrfmiddlewaretoken": token})
    assert answer.status_code == 200
    assert "no-store" in answer["Cache-Control"]
    assert text(soup(answer).select_one("#inspector-full-key")) == key
    assert key not in client.get("/lessons/what-is-a-session/").content.decode()


def test_what_is_a_session_reveals_nothing_without_a_session(production):
    client = Client()
    answer = client.post(REVEAL_WHAT_IS)
    assert answer.status_code == 200
    assert soup(answer).select_one("#inspector-full-key") is None
    assert "sessionid" not in client.cookies


def test_logging_in_reveals_the_key_in_a_post_answer_only(production):
    client = Client()
    client.post(LOGIN)
    key = client.cookies["sessionid"].value
    page = soup(client.get("/lessons/logging-in/"))
    assert text(page.select_one("#current-key")) == secret_cookies.mask_key(key)
    assert page.select_one("#reveal-key-form")["action"] == REVEAL_LOGGING_IN + "#login-state"
    answer = client.post(REVEAL_LOGGING_IN)
    assert answer.status_code == 200 and "no-store" in answer["Cache-Control"]
    assert text(soup(answer).select_one("#current-key")) == key
    assert key not in client.get("/lessons/logging-in/").content.decode()


def test_a_forged_key_is_not_revealed_as_if_it_were_a_session(production):
    client = Client()
    client.cookies["sessionid"] = "forgedkey1234567890forgedkey1234"
    answer = soup(client.post(REVEAL_LOGGING_IN))
    assert text(answer.select_one("#current-key")) == "(none)"
    assert answer.select_one("#key-revealed-now") is None


def test_the_site_masks_keys_in_production():
    code = (
        "import django; django.setup(); from cookielab.conf import conf;"
        "print(conf.REVEAL_SESSION_KEYS, conf.enabled('REVEAL_SESSION_KEYS'))"
    )
    result = run_python(code, DJANGO_ENV="production", SECRET_KEY="x" * 50, ALLOWED_HOSTS="lab.example")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["None", "False"]
    development = run_python(code, DJANGO_ENV="development", DJANGO_DEBUG="1")
    assert development.stdout.split() == ["None", "True"]
