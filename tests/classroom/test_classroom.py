"""Classroom mode over HTTP: students recorded anonymously, the teacher's key, the dashboard, ending the class."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from cookielab.classroom import students
from cookielab.lessons import LESSONS
from cookielab.lessons import get_lesson
from cookielab.models import ClassroomAnswer
from cookielab.models import ClassroomCompletion
from cookielab.models import ClassroomStudent
from tests.support.classroom import TEACHER_KEY
from tests.support.classroom import answer
from tests.support.classroom import new_student
from tests.support.classroom import teacher
from tests.support.html import PROGRESS_COOKIE
from tests.support.html import set_cookie_jar
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

DASHBOARD = "/classroom/teacher/"
DATA = "/classroom/teacher/data.json"
END = "/classroom/teacher/end/"
FLAGS = get_lesson("cookie-flags")


def wrong_choice(quiz) -> int:
    return next(index for index in range(len(quiz.choices)) if index != quiz.answer)


def test_the_routes_live_at_their_documented_paths():
    assert reverse("cookielab:classroom-teacher") == DASHBOARD
    assert reverse("cookielab:classroom-data") == DATA
    assert reverse("cookielab:classroom-end") == END
    assert reverse("cookielab:classroom-nickname") == "/classroom/nickname/"


@pytest.mark.usefixtures("classroom")
@pytest.mark.parametrize(
    ("method", "path", "query"),
    [
        ("get", DASHBOARD, {}),
        ("get", DASHBOARD, {"key": "not-the-key"}),
        ("get", DASHBOARD, {"key": ""}),
        ("get", DASHBOARD, {"key": TEACHER_KEY[:-1]}),
        ("get", DATA, {}),
        ("get", DATA, {"key": TEACHER_KEY}),  # the key lets the teacher in at the dashboard's own address only
        ("post", END, {"confirm": "on"}),
    ],
)
def test_without_the_teacher_key_there_is_no_dashboard_and_no_count(method, path, query):
    for _ in range(3):
        answer(new_student(), LESSONS[0], 0, LESSONS[0].questions[0].answer)
    response = getattr(Client(), method)(path, query)
    assert response.status_code == 404
    body = response.content.decode().lower()
    assert "student" not in body and "3" not in re.sub(r"<[^>]+>", "", body).replace("404", "")
    assert ClassroomStudent.objects.count() == 3  # and nothing was ended


def test_a_forged_or_stale_teacher_cookie_opens_nothing(classroom, settings):
    client = teacher()
    assert client.get(DASHBOARD).status_code == 200
    client.cookies["cookielab_teacher"] = client.cookies["cookielab_teacher"].value[:-2] + "xx"
    assert client.get(DASHBOARD).status_code == 404
    client = teacher()
    settings.COOKIELAB_TEACHER_KEY = "a-new-run-has-a-new-key-0123456789"  # the server was restarted
    assert client.get(DASHBOARD).status_code == 404
    assert client.get(DATA).status_code == 404


@pytest.mark.parametrize(("on", "key"), [(False, TEACHER_KEY), (True, None), (True, "short")])
def test_without_classroom_mode_or_a_usable_key_nobody_is_a_teacher(settings, on, key):
    settings.COOKIELAB_CLASSROOM = on
    settings.COOKIELAB_TEACHER_KEY = key
    response = Client().get(DASHBOARD, {"key": key or ""})
    assert response.status_code == 404
    assert "cookielab_teacher" not in response.cookies


def test_outside_classroom_mode_nothing_is_recorded_and_no_student_cookie_is_given(client):
    page = client.get(reverse("cookielab:index"))
    assert "cookielab_student" not in page.cookies and 'id="classroom"' not in page.content.decode()
    answer(client, FLAGS, 0, FLAGS.questions[0].answer)
    assert ClassroomStudent.objects.count() == ClassroomAnswer.objects.count() == 0
    assert client.post("/classroom/nickname/", {"nickname": "x"}).status_code == 404


def test_the_teacher_link_lets_the_teacher_in_with_a_strict_cookie_and_drops_the_key(classroom):
    client = Client()
    response = client.get(DASHBOARD, {"key": TEACHER_KEY})
    assert response.status_code == 303 and response["Location"] == DASHBOARD  # the key leaves the address bar
    cookie = set_cookie_jar(response)["cookielab_teacher"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Strict" and cookie["path"] == DASHBOARD
    assert int(cookie["max-age"]) == 12 * 3600
    assert TEACHER_KEY not in cookie.value
    page = client.get(DASHBOARD)
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    assert client.get(DATA).status_code == 200


def test_three_students_answering_show_as_three_students_and_in_the_answer_counts(classroom):
    quiz = FLAGS.questions[0]
    wrong = wrong_choice(quiz)
    jars = [new_student() for _ in range(3)]
    for jar, choice in zip(jars, [quiz.answer, wrong, wrong], strict=True):
        assert answer(jar, FLAGS, 0, choice).status_code == 303
    client = teacher()
    page = soup(client.get(DASHBOARD))
    assert text(page.select_one("#active-count")) == "3 students"
    box = page.select_one("[data-question=cookie-flags-1]")
    counts = {int(row["data-choice"]): int(text(row.select_one(".count"))) for row in box.select("tr[data-choice]")}
    assert counts == {index: {quiz.answer: 1, wrong: 2}.get(index, 0) for index in range(len(quiz.choices))}
    assert text(box.select_one(".answered")) == "3" and text(box.select_one(".right")) == "1"
    assert box.select_one(f"tr[data-choice='{wrong}']")["class"] == ["is-popular-wrong"]

    data = client.get(DATA).json()
    assert (data["active"], data["students"]) == (3, 3)
    assert data["questions"]["cookie-flags-1"] == {
        "answered": 3,
        "right": 1,
        "first_choices": [{quiz.answer: 1, wrong: 2}.get(index, 0) for index in range(len(quiz.choices))],
    }
    assert [student["name"] for student in data["roster"]] == ["Student 1", "Student 2", "Student 3"]
    # Never a student's cookie, session id or the digest of their id.
    body = client.get(DASHBOARD).content.decode() + client.get(DATA).content.decode()
    for jar in jars:
        for name in ("cookielab_student", "sessionid", "csrftoken", PROGRESS_COOKIE, "cookielab_wire"):
            if name in jar.cookies:
                assert jar.cookies[name].value not in body, name
        assert students.digest(jar.cookies["cookielab_student"].value) not in body


def test_lessons_finished_are_counted_when_every_question_is_right(classroom):
    jar = new_student()
    for index, quiz in enumerate(FLAGS.questions):
        answer(jar, FLAGS, index, quiz.answer)
    other = new_student()
    answer(other, FLAGS, 0, FLAGS.questions[0].answer)
    data = teacher().get(DATA).json()
    assert data["lessons"]["cookie-flags"] == 1
    assert sorted(student["finished"] for student in data["roster"]) == [0, 1]
    assert ClassroomCompletion.objects.count() == 1


def test_one_row_per_question_updated_in_place_keeps_the_first_choice(classroom):
    jar = new_student()
    quiz = FLAGS.questions[1]
    wrong = wrong_choice(quiz)
    for choice in (wrong, wrong, quiz.answer, wrong, quiz.answer):
        answer(jar, FLAGS, 1, choice)
    [row] = ClassroomAnswer.objects.all()
    assert (row.first_choice, row.choice, row.correct, row.tries) == (wrong, quiz.answer, True, 5)


def test_storage_is_bounded_per_class(classroom, settings):
    settings.COOKIELAB_CLASSROOM_MAX_STUDENTS = 2
    for _ in range(4):
        jar = new_student()
        jar.get(reverse("cookielab:index"))  # the second page: counted, if there is room
        answer(jar, LESSONS[0], 0, 0)
    assert ClassroomStudent.objects.count() == 2
    assert ClassroomAnswer.objects.count() == 2


def test_a_client_that_keeps_no_cookie_is_never_counted(classroom):
    for _ in range(3):
        response = Client().get(reverse("cookielab:index"))
        assert "cookielab_student" in response.cookies
    assert ClassroomStudent.objects.count() == 0


def test_a_student_is_counted_from_their_second_page_with_a_cookie_of_their_own(classroom):
    client = Client()
    first = client.get(reverse("cookielab:index"))
    cookie = set_cookie_jar(first)["cookielab_student"]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax" and cookie["path"] == "/"
    assert int(cookie["max-age"]) == students.COOKIE_AGE
    assert re.fullmatch(r"[A-Za-z0-9_-]{22}", cookie.value)
    assert ClassroomStudent.objects.count() == 0
    second = client.get(FLAGS.get_absolute_url())
    assert "cookielab_student" not in second.cookies  # given once
    [row] = ClassroomStudent.objects.all()
    assert row.key_digest == students.digest(cookie.value) and cookie.value not in row.key_digest
    assert client.get("/static/cookielab/css/cookielab.css").status_code in {200, 404}


def test_the_wire_panel_masks_the_student_cookie(classroom, settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = False
    client = new_student()
    value = client.cookies["cookielab_student"].value
    page = client.get(FLAGS.get_absolute_url()).content.decode()
    assert "cookielab_student" in page and value not in page


def test_a_nickname_is_optional_shown_to_the_teacher_and_escaped(classroom):
    jar = new_student()
    index = soup(jar.get(reverse("cookielab:index")))
    assert index.select_one("#classroom form")["action"] == "/classroom/nickname/"
    response = jar.post("/classroom/nickname/", {"nickname": "  <b>Ada</b>\x07  L. "})
    assert response.status_code == 303 and response["Location"] == "/?nickname=saved#classroom"
    assert soup(jar.get(reverse("cookielab:index")))("input", id="nickname")[0]["value"] == "<b>Ada</b> L."
    client = teacher()
    page = client.get(DASHBOARD).content.decode()
    assert "&lt;b&gt;Ada&lt;/b&gt; L." in page and "<b>Ada" not in page
    assert client.get(DATA).json()["roster"][0]["name"] == "<b>Ada</b> L."
    too_long = jar.post("/classroom/nickname/", {"nickname": "x" * 31})
    assert too_long["Location"] == "/?nickname=too-long#classroom"
    assert "at most 30 characters" in text(soup(jar.get(too_long["Location"])).select_one("#nickname-outcome"))


def test_ending_the_class_needs_a_confirmation_and_removes_only_the_class_records(classroom):
    jars = [new_student() for _ in range(3)]
    for jar in jars:
        for index, quiz in enumerate(FLAGS.questions):
            answer(jar, FLAGS, index, quiz.answer)
    progress_before = [jar.cookies[PROGRESS_COOKIE].value for jar in jars]
    sessions_before = [jar.cookies["sessionid"].value if "sessionid" in jar.cookies else None for jar in jars]
    client = teacher()

    refused = client.post(END, {})
    assert refused.status_code == 200 and "Tick the box first" in text(soup(refused).select_one("#end-confirm-error"))
    assert ClassroomStudent.objects.count() == 3

    ended = client.post(END, {"confirm": "on"})
    assert ended.status_code == 303 and ended["Location"] == f"{DASHBOARD}?ended=3#end"
    assert set_cookie_jar(ended).keys() <= {"csrftoken"}  # no student's cookie is touched from here
    assert ClassroomStudent.objects.count() == ClassroomAnswer.objects.count() == ClassroomCompletion.objects.count()
    assert ClassroomStudent.objects.count() == 0
    page = soup(client.get(ended["Location"]))
    assert text(page.select_one("#active-count")) == "0 students"
    assert "3 students" in text(page.select_one("#ended"))
    # Each student still has their progress: the lesson is still done for them.
    for jar, before in zip(jars, progress_before, strict=True):
        assert jar.cookies[PROGRESS_COOKIE].value == before
        index = jar.get(reverse("cookielab:index"))
        assert "You have completed 1 of" in text(soup(index).select_one("#progress"))
        assert PROGRESS_COOKIE not in set_cookie_jar(index)
    assert sessions_before == [jar.cookies["sessionid"].value if "sessionid" in jar.cookies else None for jar in jars]


def test_the_end_button_is_a_csrf_checked_post(classroom):
    client = teacher(enforce_csrf_checks=True)
    assert client.get(END).status_code == 405
    assert client.post(END, {"confirm": "on"}).status_code == 403


def test_the_dashboard_shows_the_session_store_as_the_course_teaches_it(classroom):
    jar = new_student()
    jar.get("/counter/")  # a page that stores a session
    page = soup(teacher().get(DASHBOARD))
    labels, values = page.select("#store-facts dt"), page.select("#store-facts dd")
    facts = {text(dt): text(dd) for dt, dd in zip(labels, values, strict=True)}
    assert facts["Engine"].startswith("Database")
    assert int(facts["Rows in django_session"].split()[0]) >= 1
    assert "session_key + session_data" in facts["Bytes of those rows"]
    assert facts["Next row to expire"].startswith("in 1 week") or facts["Next row to expire"].startswith("in 2 weeks")


def test_with_redis_the_dashboard_counts_the_session_keys_and_their_ttls(classroom, redis_cache, settings):
    settings.SESSION_ENGINE = "cookielab.sessions.backends.cached_db"
    jar = new_student()
    jar.get("/counter/")  # a page that stores a session
    page = soup(teacher().get(DASHBOARD))
    labels, values = page.select("#store-facts dt"), page.select("#store-facts dd")
    facts = {text(dt): text(dd) for dt, dd in zip(labels, values, strict=True)}
    assert int(facts["Session keys in Redis"]) >= 1
    assert facts["Bytes of those keys"].startswith("about ") and "MEMORY USAGE" in facts["Bytes of those keys"]
    assert facts["Next key to expire"].startswith("in 1 week") or facts["Next key to expire"].startswith("in 2 weeks")
    assert int(facts["Rows in django_session"].split()[0]) >= 1  # cached_db: both layers


def test_a_store_that_does_not_answer_is_said_so_on_the_dashboard(classroom, settings, monkeypatch):
    from cookielab.sessions import maintenance

    def broken(*args, **kwargs):
        raise ConnectionError("down")

    monkeypatch.setattr(maintenance, "_database_overview", broken)
    page = soup(teacher().get(DASHBOARD))
    assert "did not answer (ConnectionError)" in text(page.select_one("#store-facts"))


def test_the_store_is_described_for_file_and_signed_cookie_sessions(classroom, settings, tmp_path):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.file"
    settings.SESSION_FILE_PATH = str(tmp_path)
    new_student().get("/counter/")
    facts = dict(teacher().get(DATA).json()["store"])
    assert facts["Session files"] == "1" and int(facts["Bytes of those files"].replace(",", "")) > 0
    assert facts["Next file to expire"].startswith("in ")
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    facts = dict(teacher().get(DATA).json()["store"])
    assert "Nothing is stored on the server" in facts["Note"]


def test_only_the_course_counts_not_the_sites_other_pages_nor_the_dashboard(classroom):
    client = Client()
    for path in ("/healthz", "/admin/login/", "/no-such-page/"):
        assert "cookielab_student" not in client.get(path).cookies, path
    assert "cookielab_student" not in teacher().get(DASHBOARD).cookies
    assert ClassroomStudent.objects.count() == 0
