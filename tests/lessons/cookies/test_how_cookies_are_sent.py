"""How cookies are sent: the demo's real Set-Cookie, the Cookie header that comes back, and the sequence diagram."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cookielab.lessons.cookies.how_cookies_are_sent import DEMO_COOKIE
from cookielab.lessons.cookies.how_cookies_are_sent.diagram import sequence_diagram
from tests.support.html import parsed_set_cookie
from tests.support.html import soup
from tests.support.html import text
from tests.support.inputs import HOSTILE

pytestmark = pytest.mark.django_db

URL = "/lessons/how-cookies-are-sent/"


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:how-cookies-are-sent") == URL


def test_the_first_visit_draws_only_this_request(client):
    page = soup(client.get(URL))
    messages = page.select("svg.sequence g.message")
    assert len(messages) == 1
    assert "(this page)" in text(messages[0].select_one("text.label"))
    assert text(messages[0].select_one("text.header")) == "(no Cookie header)"
    assert "no demo_flavour cookie" in text(page.select_one("#sent-result"))


def test_the_server_sets_the_cookie_and_the_next_request_carries_it(client):
    client.get(URL)
    response = client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "oatmeal"})
    assert response.status_code == 303
    assert response["Location"] == f"{URL}#sent-result"
    cookie = parsed_set_cookie(response, DEMO_COOKIE)
    assert cookie.value == "oatmeal"
    assert cookie["path"] == URL and cookie["samesite"] == "Lax"  # the lesson's own path
    assert not cookie["max-age"] and not cookie["expires"]  # a session cookie

    page = soup(client.get(response["Location"]))
    assert "This request carried demo_flavour=oatmeal" in text(page.select_one("#sent-result"))
    assert [text(code) for code in page.select("#sent-result pre code")] == [
        f"Set-Cookie: demo_flavour=oatmeal; Path={URL}; SameSite=Lax"
    ]
    messages = page.select("svg.sequence g.message")
    labels = [text(message.select_one("text.label")) for message in messages]
    assert labels[-3:] == [
        "→ POST /lessons/how-cookies-are-sent/bake/",
        "← 303 See Other",
        "→ GET /lessons/how-cookies-are-sent/ (this page)",
    ]
    set_line = [text(t) for t in messages[-2].select("text.highlight")]
    assert set_line == [f"Set-Cookie: demo_flavour=oatmeal; Path={URL}; SameSite=Lax"]
    sent_back = [text(t) for t in messages[-1].select("text.highlight")]
    assert sent_back == ["demo_flavour=oatmeal"]
    # Before the POST the browser did not send it.
    assert messages[-3].select("text.highlight") == []


def test_another_request_shows_the_cookie_coming_back_again(client):
    client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "ginger"})
    client.get(URL)
    page = soup(client.get(URL))
    requests_sent = page.select("svg.sequence g.is-request")
    assert [text(t) for t in requests_sent[-1].select("text.highlight")] == ["demo_flavour=ginger"]
    assert [text(t) for t in requests_sent[-2].select("text.highlight")] == ["demo_flavour=ginger"]
    assert page.select_one("#sequence-list") is not None  # the same data as text


@pytest.mark.parametrize("flavour", [*HOSTILE, ""])
def test_a_bad_flavour_re_renders_with_a_field_error(client, flavour):
    response = client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": flavour})
    assert response.status_code == 200
    assert DEMO_COOKIE not in response.cookies
    page = soup(response)
    error = page.select_one("#id_flavour_error")
    assert text(error) in {"Choose one of the flavours in the list.", "Choose a flavour first."}
    assert page.select_one("#id_flavour")["aria-invalid"] == "true"
    assert error.find_parent("form")["action"].endswith("#bake-form")  # the page opens at the error
    assert "<script>alert(1)" not in response.content.decode()


def test_the_diagram_shortens_long_headers():
    exchange = {"method": "GET", "path": "/" + "p" * 300, "status": 200, "cookie": "", "set_cookie": ["a=" + "v" * 300]}
    cookie_header = "; ".join(f"c{i}={'v' * 100}" for i in range(12))
    diagram = sequence_diagram([exchange], "GET", "/here/", cookie_header, highlighted="c1")
    texts = [line.text for message in diagram.messages for line in (message.label, *message.lines)]
    assert max(len(line) for line in texts) <= 90
    assert "… and 4 more" in texts
    assert [line.text[:3] for line in diagram.messages[-1].lines if line.highlight] == ["c1="]
    assert diagram.height > diagram.messages[-1].lines[-1].y


def test_an_unknown_status_is_drawn_as_its_number():
    exchange = {"method": "GET", "path": "/", "status": 599, "cookie": "", "set_cookie": []}
    diagram = sequence_diagram([exchange], "GET", "/", "", highlighted=DEMO_COOKIE)
    assert diagram.messages[1].label.text == "599"
    assert [line.text for line in diagram.messages[1].lines] == ["(no Set-Cookie)"]


@pytest.mark.urls("tests.support.mounted_urls")
def test_the_cookie_covers_the_mount_point(client):
    baked = client.post("/learn/lessons/how-cookies-are-sent/bake/", {"flavour": "oatmeal"})
    assert parsed_set_cookie(baked, DEMO_COOKIE)["path"] == "/learn/lessons/how-cookies-are-sent/"
    assert baked["Location"] == "/learn/lessons/how-cookies-are-sent/#sent-result"
