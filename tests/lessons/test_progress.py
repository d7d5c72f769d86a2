"""Progress, a signed cookie of its own, survives the demos that end the session; Reset this lab; Start over."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cookielab.core import progress
from cookielab.core.cookies import MAX_COOKIE_BYTES
from cookielab.lessons import LESSONS
from cookielab.lessons import get_lesson
from tests.support.html import PROGRESS_COOKIE
from tests.support.html import expires_at
from tests.support.html import set_cookie_headers
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

INDEX = "/"


def complete(client: Client, lesson) -> None:
    for question, quiz in enumerate(lesson.questions):
        response = client.post(
            reverse("cookielab:check", args=[lesson.slug]), {"question": question, "choice": quiz.answer}
        )
        assert response.status_code == 303


def progress_line(client: Client) -> str:
    return text(soup(client.get(INDEX)).select_one("#progress"))


def test_the_progress_cookie_is_signed_httponly_lax_on_the_app_path_and_long_lived(client):
    complete(client, LESSONS[0])
    cookie = client.cookies[PROGRESS_COOKIE]
    assert cookie["path"] == "/" and cookie["httponly"] and cookie["samesite"] == "Lax"
    assert cookie["max-age"] == 400 * 86400
    assert cookie.value.startswith(f"1|{LESSONS[0].slug}.2|:")  # readable text, then the signature
    assert "sessionid" not in client.cookies  # a quiz answer no longer starts a session


@pytest.mark.urls("tests.support.mounted_urls")
def test_the_progress_cookie_follows_the_mount_point(client):
    lesson = LESSONS[0]
    response = client.post(f"/learn/lessons/{lesson.slug}/check/", {"choice": lesson.questions[0].answer})
    assert response.cookies[PROGRESS_COOKIE]["path"] == "/learn/"
    assert "completed 1 of" in text(soup(client.get("/learn/")).select_one("#progress"))


def test_a_forged_progress_cookie_is_ignored(client):
    client.cookies[PROGRESS_COOKIE] = (
        "1|" + "~".join(f"{lesson.slug}.{'2' * len(lesson.questions)}" for lesson in LESSONS) + "|"
    )
    assert "completed 0 of" in progress_line(client)
    signed = progress.signed_value(progress.Progress(answers={LESSONS[0].slug: "2"}))
    client.cookies[PROGRESS_COOKIE] = signed.replace(f"{LESSONS[0].slug}.2", f"{LESSONS[1].slug}.2", 1)
    assert "completed 0 of" in progress_line(client)
    client.cookies[PROGRESS_COOKIE] = signed
    assert "completed 1 of" in progress_line(client)


def test_with_every_lesson_done_the_cookie_stays_small(client):
    for lesson in LESSONS:
        complete(client, lesson)
    assert f"completed {len(LESSONS)} of {len(LESSONS)}" in progress_line(client)
    header = next(
        h
        for h in set_cookie_headers(
            client.post(reverse("cookielab:check", args=[LESSONS[0].slug]), {"choice": LESSONS[0].questions[0].answer})
        )
        if h.startswith(PROGRESS_COOKIE)
    )
    assert len(header) < 1500 < MAX_COOKIE_BYTES
    assert len(client.cookies[PROGRESS_COOKIE].value) <= progress.MAX_VALUE_BYTES


def test_progress_survives_every_demo_that_ends_the_session(client, settings):
    settings.COOKIELAB_DEMO_LOGIN = True
    complete(client, LESSONS[0])
    complete(client, get_lesson("what-is-a-session"))
    assert "completed 2 of" in progress_line(client)

    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    assert "sessionid" in client.cookies
    collected = client.post(reverse("cookielab:what-is-a-session-collect"))
    assert collected.cookies["sessionid"]["max-age"] == 0  # the session is over
    assert "completed 2 of" in progress_line(client)

    client.post(reverse("cookielab:demo-log-in"))
    logged_out = client.post(reverse("cookielab:demo-log-out"))
    assert logged_out.status_code == 200
    assert "completed 2 of" in progress_line(client)

    client.post(reverse("cookielab:session-timeout-lifetime"), {"seconds": "1"})
    client.cookies.pop("sessionid")  # what the browser does when the short lifetime runs out
    assert "completed 2 of" in progress_line(client)


def test_session_ending_buttons_say_so_before_they_do(client, settings):
    settings.COOKIELAB_DEMO_LOGIN = True
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    coat = soup(client.get(reverse("cookielab:what-is-a-session")))
    assert text(coat.select_one("#collect-coat")) == "Collect your coat (ends your session)"
    login = soup(client.get(reverse("cookielab:logging-in")))
    assert text(login.select_one("#log-out")) == "Log out (ends your session)"
    timeout = soup(client.get(reverse("cookielab:session-timeout")))
    assert "your session ends" in text(timeout.select_one("#set-lifetime"))


def test_the_index_explains_the_progress_cookie_and_offers_start_then_continue(client):
    page = soup(client.get(INDEX))
    assert "kept in a cookie of its own, so ending your session in a demo doesn't erase it" in text(
        page.select_one("#progress-note")
    )
    start = page.select_one("#start")
    assert start["href"] == LESSONS[0].get_absolute_url() and page.select_one("#continue") is None

    complete(client, LESSONS[0])
    complete(client, LESSONS[1])
    complete(client, LESSONS[4])
    page = soup(client.get(INDEX))
    # The first lesson not done after the last one done.
    assert page.select_one("#continue")["href"] == LESSONS[5].get_absolute_url()
    assert page.select_one("#start") is None


def test_continue_goes_back_to_a_gap_when_the_last_lesson_is_done_and_to_the_end_when_all_are(client):
    complete(client, LESSONS[-1])
    assert soup(client.get(INDEX)).select_one("#continue")["href"] == LESSONS[0].get_absolute_url()
    for lesson in LESSONS:
        complete(client, lesson)
    assert soup(client.get(INDEX)).select_one("#continue")["href"] == reverse("cookielab:end")


def test_done_marks_in_the_contents_of_every_lesson_page(client):
    complete(client, LESSONS[2])
    page = soup(client.get(LESSONS[7].get_absolute_url()))
    contents = page.select_one("details#contents")
    assert [a["href"] for a in contents.select("li.is-done > a")] == [LESSONS[2].get_absolute_url()]
    assert "1 of" in text(contents.select_one("summary"))


def test_each_student_sees_their_own_marks_and_the_links_of_their_mount(client, settings):
    """The contents list is rendered once and reused: never one student's marks for another, or stale links."""
    complete(client, LESSONS[2])
    page = LESSONS[7].get_absolute_url()
    done = soup(client.get(page)).select("details#contents li.is-done > a")
    fresh = soup(Client().get(page)).select("details#contents li.is-done > a")
    assert ([a["href"] for a in done], fresh) == ([LESSONS[2].get_absolute_url()], [])

    settings.ROOT_URLCONF = "tests.support.mounted_urls"  # the same app under /learn/
    mounted = soup(Client().get("/learn" + page)).select_one("details#contents nav")
    assert mounted.select_one("a[aria-current=page]")["href"] == "/learn" + page
    assert all(a["href"].startswith("/learn/") for a in mounted.select("a"))


def test_the_end_page_sums_up_what_the_student_did(client):
    end = reverse("cookielab:end")
    last = soup(client.get(LESSONS[-1].get_absolute_url()))
    assert last.select_one("a[rel=next]")["href"] == end
    fresh = soup(client.get(end))
    assert "0 of" in text(fresh.select_one("#end-verdict"))
    assert "None of the demos" in text(fresh.select_one("#end-did"))

    complete(client, LESSONS[0])
    client.post(
        reverse("cookielab:setting-cookies-set"),
        {"name": "flavour", "value": "oatmeal", "encoding": "none", "path": "/"},
    )
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    client.post(reverse("cookielab:what-is-a-session-collect"))
    client.post(reverse("cookielab:session-attacks-demo"), {"demo": "invented-id"})
    page = soup(client.get(end))
    numbers = text(page.select_one("#end-numbers"))
    assert f"1 of {len(LESSONS)} lessons completed" in numbers
    total = sum(len(lesson.questions) for lesson in LESSONS)
    assert f"1 of {total} quiz questions answered right" in numbers
    did = [" ".join(li.get_text().split()) for li in page.select("#end-did li")]
    assert did == [
        "You had the server set cookies: in 1 lesson (Setting cookies).",
        "You stored something in a session: in 1 lesson (What is a session).",
        "You ended a session: in 1 lesson (What is a session).",
        "You ran attacks on throwaway sessions: in 1 lesson (Fixation, hijacking and replay).",
    ]


def test_a_mark_is_sent_once(client):
    bake = reverse("cookielab:how-cookies-are-sent-bake")
    first = client.post(bake, {"flavour": "oatmeal"})
    assert PROGRESS_COOKIE in first.cookies
    assert PROGRESS_COOKIE not in client.post(bake, {"flavour": "ginger"}).cookies


# ---- Reset this lab ----


def reset(client: Client, lesson):
    return client.post(reverse("cookielab:reset-lab", args=[lesson.slug]))


def test_reset_expires_the_lessons_demo_cookies_keeps_progress_and_returns_to_the_top(client):
    lesson = get_lesson("cookie-limits")
    complete(client, lesson)
    client.post(reverse("cookielab:cookie-limits-send"))
    response = reset(client, lesson)
    assert response.status_code == 303
    assert response["Location"] == f"{lesson.get_absolute_url()}?reset=1#reset-result"
    expired = {m.key: m for m in response.cookies.values()}
    assert set(expired) == {"limit_4096", "limit_4097", "limit_samesite_none", "__Host-limit_broken", "limit_control"}
    assert all(m["max-age"] == 0 and m["path"] == lesson.get_absolute_url() for m in expired.values())
    assert PROGRESS_COOKIE not in response.cookies
    page = soup(client.get(response["Location"]))
    assert "Your progress is kept" in text(page.select_one("#reset-result"))
    assert page.select_one("h1 .done-mark") is not None


def test_reset_expires_cookies_on_every_path_the_demo_used(client):
    lesson = get_lesson("reading-cookies")
    response = reset(client, lesson)
    paths = sorted(m["path"] for m in response.cookies.values() if m.key == "dup_demo")
    assert paths == ["/", "/lessons/reading-cookies/"]
    expiring = reset(client, get_lesson("expiring-cookies"))
    assert [m["path"] for m in expiring.cookies.values()] == ["/lessons/expiring-cookies/lab/"]


def test_reset_removes_the_lessons_session_keys_and_nothing_else(client):
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    client.post(reverse("cookielab:cart-add"), {"product": "recipe-book", "quantity": "2"})
    key = client.cookies["sessionid"].value
    reset(client, get_lesson("what-is-a-session"))
    assert "coat_check" not in client.session and "cart" in client.session
    assert client.cookies["sessionid"].value == key  # the session itself goes on


def test_reset_of_the_workbench_expires_the_cookies_the_student_named(client):
    client.post(
        reverse("cookielab:setting-cookies-set"), {"name": "mine", "value": "1", "encoding": "none", "path": "/"}
    )
    response = reset(client, get_lesson("setting-cookies"))
    expired = {m.key: m["path"] for m in response.cookies.values() if m["max-age"] in (0, "0")}
    assert expired["mine"] == "/"
    assert "cookielab_workbench" in expired


def test_a_lesson_with_nothing_to_reset_says_so(client):
    page = soup(client.get(get_lesson("where-cookies-live").get_absolute_url()))
    assert page.select_one("#reset-lab form") is None
    assert "nothing" in text(page.select_one("#reset-lab-note"))
    with_state = soup(client.get(get_lesson("signed-cookies").get_absolute_url()))
    assert text(with_state.select_one("#reset-lab button")) == "Reset this lab"
    assert "signed_demo" in text(with_state.select_one("#reset-lab-note"))


def test_reset_takes_post_only_and_knows_its_lessons(client):
    assert client.get(reverse("cookielab:reset-lab", args=["cookie-limits"])).status_code == 405
    assert client.post(reverse("cookielab:reset-lab", args=["no-such-lesson"])).status_code == 404


# ---- Start over ----


def test_start_over_needs_the_confirmation(client):
    complete(client, LESSONS[0])
    refused = client.post(reverse("cookielab:start-over"))
    assert refused.status_code == 200
    assert "Tick the box first" in text(soup(refused).select_one("#confirm-error"))
    assert "completed 1 of" in progress_line(client)


def test_start_over_clears_progress_demo_cookies_and_the_session(client):
    complete(client, LESSONS[0])
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    old_key = client.cookies["sessionid"].value
    response = client.post(reverse("cookielab:start-over"), {"confirm": "on"})
    assert response.status_code == 303
    assert response["Location"] == "/?started-over=1#progress"
    assert response.cookies[PROGRESS_COOKIE]["max-age"] == 0
    assert response.cookies["sessionid"]["max-age"] == 0
    expired = {m.key for m in response.cookies.values()}
    assert {"limit_4096", "demo_flavour", "signed_demo", "lab_none", "cookielab_theme"} <= expired
    from django.contrib.sessions.backends.db import SessionStore

    assert not SessionStore().exists(old_key)
    page = soup(client.get(response["Location"]))
    assert "completed 0 of" in text(page.select_one("#progress"))
    assert page.select_one("#started-over") is not None
    assert expires_at(response.cookies[PROGRESS_COOKIE]).year == 1970


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_lessons_reset_answers_at_the_top_of_the_lesson(client, settings, lesson):
    settings.COOKIELAB_DEMO_LOGIN = True
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    complete(client, lesson)
    response = reset(client, lesson)
    assert response.status_code == 303
    assert response["Location"] == f"{lesson.get_absolute_url()}?reset=1#reset-result"
    assert PROGRESS_COOKIE not in response.cookies
    for cookie in lesson.cookies:
        assert any(m.key == cookie.name and m["max-age"] in (0, "0") for m in response.cookies.values()), cookie
    assert client.get(response["Location"]).status_code == 200
    assert "completed 1 of" in progress_line(client)


def test_resetting_the_login_lab_logs_the_demo_account_out_and_keeps_the_session(client, settings):
    settings.COOKIELAB_DEMO_LOGIN = True
    client.post(reverse("cookielab:what-is-a-session-check-in"), {"note": "scarf"})
    client.post(reverse("cookielab:demo-log-in"))
    key = client.cookies["sessionid"].value
    assert "_auth_user_id" in client.session
    reset(client, get_lesson("logging-in"))
    assert "_auth_user_id" not in client.session
    assert client.session["coat_check"] == "scarf"
    assert client.cookies["sessionid"].value == key
    assert text(soup(client.get(reverse("cookielab:logging-in"))).select_one("#logged-in-as")) == "no"


def test_the_progress_cookie_name_is_a_setting(client, settings):
    settings.COOKIELAB_PROGRESS_COOKIE_NAME = "course_progress"
    complete(client, LESSONS[0])
    assert "course_progress" in client.cookies and PROGRESS_COOKIE not in client.cookies
    assert "completed 1 of" in progress_line(client)
    assert "course_progress" in text(soup(client.get(INDEX)).select_one("#progress-note"))
