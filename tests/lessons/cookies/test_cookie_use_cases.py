"""What cookies are used for: a theme the server renders from a cookie, and a cookie that stays on its host."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cookielab.lessons.cookies.cookie_use_cases import HOST_MARKER
from cookielab.lessons.cookies.cookie_use_cases import THEME_COOKIE
from cookielab.lessons.cookies.cookie_use_cases import THEME_MAX_AGE
from tests.support.html import parsed_set_cookie
from tests.support.html import soup
from tests.support.html import text
from tests.support.inputs import HOSTILE

pytestmark = pytest.mark.django_db

URL = "/lessons/cookie-use-cases/"


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:cookie-use-cases") == URL


def test_the_theme_cookie_is_rendered_on_the_body_without_a_script(client):
    assert soup(client.get(URL)).body["class"] == ["theme-system"]
    response = client.post(reverse("cookielab:cookie-use-cases-theme"), {"theme": "dark"})
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#theme-result"
    cookie = parsed_set_cookie(response, THEME_COOKIE)
    assert cookie.value == "dark" and cookie["httponly"] and cookie["max-age"] == str(THEME_MAX_AGE)
    page = soup(client.get(response["Location"]))
    assert page.body["class"] == ["theme-dark"]
    assert page.select_one("#id_theme_1").has_attr("checked")


def test_a_tampered_theme_cookie_falls_back_to_system(client):
    page = soup(client.get(URL, HTTP_COOKIE='cookielab_theme="x onload=1"'))
    assert page.body["class"] == ["theme-system"]


@pytest.mark.parametrize("theme", [*HOSTILE, ""])
def test_a_bad_theme_re_renders_with_a_field_error(client, theme):
    response = client.post(reverse("cookielab:cookie-use-cases-theme"), {"theme": theme})
    assert response.status_code == 200
    assert THEME_COOKIE not in response.cookies
    page = soup(response)
    assert text(page.select_one("#id_theme_error")) in {
        "Choose light, dark or system: nothing else is a theme here.",
        "Choose a theme first.",
    }
    assert page.select_one("#id_theme_0")["aria-invalid"] == "true"
    assert page.select_one("#theme-form")["action"].endswith("#theme-form")  # the page opens at the error


def test_the_page_links_the_other_host_and_allows_only_its_image(client):
    response = client.get(URL, HTTP_HOST="localhost:8000")
    page = soup(response)
    assert page.select_one("#other-host-link")["href"] == "http://127.0.0.1:8000/lessons/cookie-use-cases/#host-result"
    assert page.select_one("#cross-site-pixel")["src"] == "http://127.0.0.1:8000/lessons/cookie-use-cases/pixel.svg"
    policy = dict(part.split(" ", 1) for part in response["Content-Security-Policy"].split("; "))
    assert policy["img-src"] == "'self' data: http://127.0.0.1:8000"
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'"


def test_an_unknown_host_gets_no_two_host_demo(client, settings):
    settings.ALLOWED_HOSTS = ["example.com"]
    response = client.get(URL, HTTP_HOST="example.com")
    assert soup(response).select_one("#cross-site-pixel") is None
    assert "img-src 'self' data:;" in response["Content-Security-Policy"]


def test_the_host_marker_is_host_only(client):
    response = client.post(reverse("cookielab:cookie-use-cases-mark"), HTTP_HOST="127.0.0.1:8000")
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#host-result"
    cookie = parsed_set_cookie(response, HOST_MARKER)
    assert cookie.value == "set-on-127.0.0.1"
    assert not cookie["domain"]
    page = soup(client.get(response["Location"], HTTP_HOST="127.0.0.1:8000"))
    assert "sent host_marker=set-on-127.0.0.1" in text(page.select_one("#host-result"))


def test_the_image_draws_the_cookies_its_request_carried(client):
    response = client.get(reverse("cookielab:cookie-use-cases-pixel"), HTTP_COOKIE="host_marker=set-on-x; b=<i>")
    assert response["Content-Type"] == "image/svg+xml"
    assert "no-cache" in response["Cache-Control"]
    image = soup(response)
    assert [text(line) for line in image.select("text.cookie-line")] == ["host_marker=set-on-x", "b=<i>"]
    assert b"<i>" not in response.content
    nothing = client.get(reverse("cookielab:cookie-use-cases-pixel"), HTTP_COOKIE="")
    empty = soup(nothing)
    assert text(empty.select_one("text.no-cookies")) == "no cookies"


def test_the_image_shortens_what_does_not_fit(client):
    cookies = "; ".join(f"cookie_with_a_long_name_{i}={'v' * 40}" for i in range(8))
    image = soup(client.get(reverse("cookielab:cookie-use-cases-pixel"), HTTP_COOKIE=cookies))
    lines = [text(line) for line in image.select("text.cookie-line")]
    assert len(lines) == 7 and lines[-1] == "… and 2 more"
    assert lines[0] == "cookie_with_a_long_name…=vvvvvvvvvvvvvvv…"
    assert int(image.svg["height"]) == 38 + 16 * 7


def test_the_image_is_left_out_of_the_wire_panel(client):
    client.get(URL)
    client.get(reverse("cookielab:cookie-use-cases-pixel"))
    page = soup(client.get(URL))
    assert "pixel.svg" not in text(page.select_one("aside#wire"))


@pytest.mark.urls("tests.support.mounted_urls")
def test_the_two_host_demo_follows_the_mount_point(client):
    page = soup(client.get("/learn/lessons/cookie-use-cases/", HTTP_HOST="localhost:8000"))
    assert (
        page.select_one("#cross-site-pixel")["src"] == "http://127.0.0.1:8000/learn/lessons/cookie-use-cases/pixel.svg"
    )
    theme = client.post("/learn/lessons/cookie-use-cases/theme/", {"theme": "light"})
    assert parsed_set_cookie(theme, THEME_COOKIE)["path"] == "/learn/lessons/cookie-use-cases/"
    marker = client.post("/learn/lessons/cookie-use-cases/mark-host/")
    assert parsed_set_cookie(marker, "host_marker")["path"] == "/learn/lessons/cookie-use-cases/"


def test_the_early_theme_script_blocks_in_the_head_and_the_text_names_the_real_difference(client):
    page = soup(client.get(URL))
    head_scripts = page.head.select("script[src]")
    early = [s for s in head_scripts if s["src"].endswith("cookie-use-cases-head.js")]
    assert len(early) == 1
    # Blocking on purpose: no async, no defer, no type=module (modules are deferred).
    assert not early[0].has_attr("async") and not early[0].has_attr("defer") and not early[0].has_attr("type")
    words = text(page.select_one(".lesson"))
    assert "blocking script" in words and "first byte" in words
    assert "so the page shows the default first and then changes" not in words  # the old, too-strong claim
    assert page.select_one("#early-theme-card") is not None
