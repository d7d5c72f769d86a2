"""The "What crossed the wire" panel tells the story of the last action from the real headers.

Every test parses real responses: the chain of requests that led to a page (POST → 303 → GET), each cookie
marked new, changed or deleted against the request before, long values folded, the site's own cookies
grouped, a burst of script requests counted, and this page's own answer filled in by the middleware.
"""

from __future__ import annotations

from http.cookies import SimpleCookie

import pytest
from django.core.cache import caches
from django.urls import reverse

from cookielab.conf import conf
from cookielab.core import wire
from cookielab.lessons import LESSONS
from tests.support import wire as panel
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.wire import text

pytestmark = pytest.mark.django_db
STATELESS = "/lessons/http-is-stateless/"
FLAVOURS = "/lessons/how-cookies-are-sent/"
SCRIPT = {"HTTP_SEC_FETCH_MODE": "cors"}  # what a browser sends with fetch()


def kept(client) -> list[dict]:
    tap = client.cookies[conf.WIRE_COOKIE_NAME].value.rsplit(":", 1)[0]
    return caches[conf.WIRE_CACHE].get(f"cookielab:wire:{tap}") or []


def test_first_visit_has_no_cookie_header_and_starts_the_tap(client):
    response = client.get(reverse("cookielab:http-is-stateless"))
    page = soup(response)
    [step] = panel.steps(page)
    assert text(page.select_one("#wire-intro")).startswith("You loaded this page")
    assert panel.request_line(step) == f"GET {STATELESS}"
    assert "no Cookie header" in text(step.select_one(".wire-request .wire-dir"))
    assert step.select_one("code[data-header=cookie]") is None
    tap = response.cookies["cookielab_wire"]
    assert tap["httponly"] and tap["samesite"] == "Lax" and tap["path"] == "/"
    # This page's own answer, filled in by the middleware: the panel's id is among its cookies, marked new.
    assert panel.answer_line(step).startswith("← The server answered 200 OK: this page")
    shown = dict(panel.set_cookies(step.select_one(".wire-response")))
    [tap_line] = [header for header in shown if header.startswith("cookielab_wire=")]
    assert shown[tap_line] == "new"
    assert "The site's own cookies" in text(step.select_one(".wire-response .wire-own summary"))


def test_this_pages_own_answer_is_filled_in_and_the_length_still_matches(client):
    response = client.get(reverse("cookielab:http-is-stateless"))
    assert int(response["Content-Length"]) == len(response.content)
    assert b"cookielab-wire-response-" not in response.content  # the placeholder is gone


def test_a_form_and_its_redirect_are_told_together(client, settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True  # masked otherwise: see tests/site/test_session_key_exposure.py
    lesson = LESSONS[0]
    client.get(lesson.get_absolute_url())
    answer = client.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": lesson.questions[0].answer})
    sent = set_cookie_headers(answer)
    assert any(header.startswith("cookielab_progress=") for header in sent)  # progress: a cookie of its own
    page = soup(client.get(answer["Location"]))
    assert text(page.select_one("#wire-intro")) == "You sent a form: 2 requests and their answers led to this page."
    assert page.select_one("#wire")["data-first"] == f"POST {reverse('cookielab:check', args=[lesson.slug])}"
    post, get = panel.steps(page)
    assert panel.request_line(post) == f"POST {reverse('cookielab:check', args=[lesson.slug])}"
    assert panel.answer_line(post).startswith(
        f"← The server answered 303 See Other, sending your browser to {answer['Location']}"
    )
    assert panel.answered(post) == sent  # exactly as sent, folded values unfolded
    assert panel.request_line(get) == f"GET {answer['Location'].split('#')[0]}"
    own = get.select_one(".wire-request .wire-own")
    assert "cookielab_progress new" in text(own.select_one("summary"))
    assert "is-last" in get["class"]


def test_new_changed_and_deleted_cookies_are_marked(client):
    client.get(FLAVOURS)
    client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "oatmeal"})
    page = soup(client.get(FLAVOURS))
    post, get = panel.steps(page)
    assert ("demo_flavour=oatmeal; Path=/lessons/how-cookies-are-sent/; SameSite=Lax", "new") in panel.set_cookies(post)
    assert panel.sent(get)["demo_flavour"] == ("oatmeal", "new")

    client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "ginger"})
    page = soup(client.get(FLAVOURS))
    post, get = panel.steps(page)
    assert ("demo_flavour=ginger; Path=/lessons/how-cookies-are-sent/; SameSite=Lax", "changed") in panel.set_cookies(
        post
    )
    assert panel.sent(get)["demo_flavour"] == ("ginger", "changed")
    assert panel.sent(post)["demo_flavour"] == ("oatmeal", "")  # the POST still carried the old value, unchanged

    client.post(reverse("cookielab:reset-lab", args=["how-cookies-are-sent"]))
    del client.cookies["demo_flavour"]  # a browser drops an expired cookie; the test client keeps it, empty
    page = soup(client.get(f"{FLAVOURS}?reset=1"))
    post, get = panel.steps(page)
    [(header, mark)] = [item for item in panel.set_cookies(post) if item[0].startswith("demo_flavour=")]
    assert mark == "deleted" and "Max-Age=0" in header
    assert "Expired: the browser deletes it." in text(post)
    assert "no longer sent: demo_flavour" in text(get.select_one(".wire-request .wire-dir"))


def test_a_cookie_s_lifetime_is_a_date_people_read(client):
    client.get(FLAVOURS)
    page = soup(client.get(reverse("cookielab:setcookie")))
    [step] = panel.steps(page)
    item = next(li for li in step.select("li.set-cookie") if "username=" in text(li))
    when = item.select_one(".lifetime time")
    assert text(when).startswith("in 15 minutes (") and text(when).endswith(" UTC)")
    assert when["datetime"] == when["title"] and when["datetime"].endswith("+00:00")


def test_long_values_are_folded_with_their_size(client):
    value = "v" * 300
    page = soup(client.get(STATELESS, HTTP_COOKIE=f"big={value}; small=1"))
    [step] = panel.steps(page)
    row = next(tr for tr in step.select(".cookie-table tbody tr") if text(tr.select_one("th")) == "big")
    summary = row.select_one("details.fold summary")
    assert text(summary) == f"{'v' * 40}… 304 bytes"
    assert text(row.select_one("details.fold > code")) == value
    assert panel.sent(step)["small"] == ("1", "")


def test_the_site_s_own_cookies_are_grouped_and_folded(client):
    client.get(STATELESS)
    page = soup(client.get(STATELESS, HTTP_COOKIE=client.cookies.output(header="", sep=";") + "; theme=dark"))
    [step] = panel.steps(page)
    own = step.select_one(".wire-request details.wire-own")
    assert own is not None and not own.has_attr("open")
    own_names = {text(name) for name in own.select(".cookie-name")}
    assert "cookielab_wire" in own_names and "theme" not in own_names
    assert set(panel.sent(step)) >= {"theme", "cookielab_wire"}
    assert "theme" in text(step.select_one(".wire-request .cookie-table"))


def test_the_panel_shows_the_cookie_header_this_request_carried(client):
    client.cookies["colour"] = "blue"
    response = client.get(reverse("cookielab:http-is-stateless"))
    header_line = text(soup(response).select_one("#wire .is-last code[data-header=cookie]"))
    assert header_line.startswith("Cookie: ")
    received = SimpleCookie()
    received.load(header_line.removeprefix("Cookie: "))
    assert received["colour"].value == "blue"


def test_the_fragment_tells_what_the_page_s_scripts_sent_counted_by_status(client):
    client.get(reverse("cookielab:races"))
    for _ in range(5):
        client.get("/counter/", HTTP_ACCEPT="application/json", **SCRIPT)
    for _ in range(3):
        client.get("/counter/atomic/", HTTP_ACCEPT="application/json", **SCRIPT)
    history = kept(client)
    assert [(e["path"], e.get("count", 1)) for e in history[:2]] == [("/counter/atomic/", 3), ("/counter/", 5)]
    fragment = soup(client.get(reverse("cookielab:wire")))
    assert text(fragment.select_one("#wire-intro")) == "Since this page loaded, its scripts sent 8 requests:"
    lines = [
        panel.request_line(step) + text(step.select_one(".exchange-line")).split(panel.request_line(step))[1]
        for step in panel.steps(fragment)
    ]
    assert lines[0].startswith("GET /counter/ ×5") and lines[1].startswith("GET /counter/atomic/ ×3")
    assert panel.answer_line(panel.steps(fragment)[0]).startswith("← The server answered 5 × 200 OK")


def test_a_burst_of_script_requests_keeps_the_page_in_the_history(client, settings):
    settings.COOKIELAB_WIRE_HISTORY = 4
    client.get(reverse("cookielab:races"))
    for index in range(60):
        client.get("/counter/" if index % 2 else "/counter/atomic/", HTTP_ACCEPT="application/json", **SCRIPT)
    history = kept(client)
    assert [e["kind"] for e in history] == ["script", "script", "page"]
    assert sorted(e["count"] for e in history[:2]) == [30, 30]
    assert history[2]["path"] == reverse("cookielab:races")


def test_json_counts_asked_by_other_clients_are_not_recorded(client):
    client.get(STATELESS)
    for _ in range(3):
        client.get("/counter/", HTTP_ACCEPT="application/json")  # curl, a load generator: no Sec-Fetch-Mode
    assert [exchange["path"] for exchange in kept(client)] == [STATELESS]
    client.get("/counter/", HTTP_ACCEPT="application/json", **SCRIPT)
    assert [exchange["path"] for exchange in kept(client)] == ["/counter/", STATELESS]


def test_page_loads_are_never_merged(client):
    for _ in range(3):
        client.get(STATELESS)
    assert [e.get("count", 1) for e in kept(client)] == [1, 1, 1]


def test_a_redirect_keeps_where_it_sent_the_browser_bounded(client):
    client.get(STATELESS)
    client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "oatmeal"})
    [post, *_] = kept(client)
    assert post["location"] == f"{FLAVOURS}#sent-result" and post["kind"] == "page"
    assert wire.merged([], {**post, "location": "x" * 10})[0]["location"] == "x" * 10


def test_a_page_that_is_not_a_redirect_target_starts_its_own_story(client):
    client.get(FLAVOURS)
    client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "oatmeal"})
    page = soup(client.get(STATELESS))  # not where the 303 pointed
    assert len(panel.steps(page)) == 1
    assert "POST /lessons/how-cookies-are-sent/bake/" in text(page.select_one(".wire-earlier"))


def test_a_form_error_is_its_own_answer(client):
    client.get(FLAVOURS)
    page = soup(client.post(reverse("cookielab:how-cookies-are-sent-bake"), {"flavour": "cardboard"}))
    [step] = panel.steps(page)
    assert (
        text(page.select_one("#wire-intro"))
        == "You sent a form, and the server answered it with this page (no redirect)."
    )
    assert panel.answer_line(step).startswith("← The server answered 200 OK: this page")


def test_wire_fragment_is_not_itself_recorded(client):
    client.get(reverse("cookielab:http-is-stateless"))
    client.get(reverse("cookielab:http-is-stateless"))  # with the site's cookies: the fragment's are the same
    client.get(reverse("cookielab:wire"))
    fragment = soup(client.get(reverse("cookielab:wire")))
    assert text(fragment.select_one("#wire-intro")) == "The requests that loaded this page:"
    [step] = panel.steps(fragment)
    assert panel.request_line(step) == f"GET {STATELESS}"
    assert [e["path"] for e in kept(client)] == [STATELESS, STATELESS]


def test_the_fragment_shows_cookies_a_script_changed_without_a_request(client):
    client.get(STATELESS)
    client.cookies["js_written"] = "1"  # as document.cookie would: no request carried it yet
    fragment = soup(client.get(reverse("cookielab:wire")))
    _page_load, now = panel.steps(fragment)
    assert panel.request_line(now) == "GET /wire/"
    assert panel.sent(now)["js_written"] == ("1", "new")
    assert "(not recorded)" in panel.answer_line(now)


def test_a_forged_tap_id_is_ignored(client):
    client.cookies["cookielab_wire"] = "../../etc/passwd; x"
    response = client.get(reverse("cookielab:http-is-stateless"))
    assert response.status_code == 200
    assert "cookielab_wire" in response.cookies  # a fresh, well-formed id replaces it


def wire_keys() -> set[str]:
    from django.core.cache import caches

    from cookielab.conf import conf

    cache = caches[conf.WIRE_CACHE]
    return {key for key in cache._cache if "cookielab:wire:" in key}  # the local-memory cache's own keys


@pytest.mark.parametrize("made_up", ["w" * 22, "A" * 22, "abc:def", "x" * 5000])
def test_a_made_up_wire_id_is_ignored_and_stores_nothing(client, made_up):
    before = wire_keys()
    client.cookies["cookielab_wire"] = made_up
    response = client.get(reverse("cookielab:http-is-stateless"))
    issued = response.cookies["cookielab_wire"].value  # the browser gets a real one instead
    assert issued != made_up and ":" in issued
    created = wire_keys() - before
    assert len(created) == 1  # this exchange, kept under the issued id alone
    assert not any(made_up in key for key in created)


def test_an_issued_wire_id_with_a_changed_character_is_refused(client):
    first = client.get(reverse("cookielab:http-is-stateless")).cookies["cookielab_wire"].value
    forged = first[:-1] + ("A" if first[-1] != "A" else "B")
    client.cookies["cookielab_wire"] = forged
    response = client.get(reverse("cookielab:http-is-stateless"))
    assert response.cookies["cookielab_wire"].value not in {forged, first}


def test_the_panel_lists_the_first_cookies_and_counts_the_rest(client):
    header = "; ".join(f"c{index}=v{index}" for index in range(300))
    page = soup(client.get(reverse("cookielab:http-is-stateless"), HTTP_COOKIE=header))
    rows = page.select("#wire .is-last .wire-request .cookie-table tbody tr")
    assert len(rows) == 51  # 50 cookies, then the count of the others
    assert text(rows[-1]) == "… and 250 more cookies."
