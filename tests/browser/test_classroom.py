"""Classroom mode in real Chromium: the teacher's dashboard counts live, and a student on the classroom network
(a made-up name mapped to this machine: not a potentially trustworthy origin) is told what became of Secure cookies."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect

from cookielab.lessons import get_lesson
from cookielab.models import ClassroomAnswer
from cookielab.models import ClassroomStudent
from tests.browser.conftest import ConsoleWatch
from tests.browser.test_accessibility import PHONE
from tests.browser.test_accessibility import axe_violations
from tests.support.chromium import RECORD_CSP_VIOLATIONS
from tests.support.chromium import csp_violations
from tests.support.classroom import TEACHER_KEY
from tests.support.classroom import answer
from tests.support.classroom import classroom  # noqa: F401  (the fixture)
from tests.support.classroom import new_student

FLAGS = get_lesson("cookie-flags")
# Chromium ignores the Cross-Origin-Opener-Policy on an untrustworthy origin and says so in the console: the same
# verdict as the Secure cookies', from another feature. Anything else is a real problem.
UNTRUSTWORTHY_NOTE = "origin was untrustworthy"


def test_the_teacher_dashboard_counts_the_class_live_and_ends_it(lab, classroom):  # noqa: F811
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto(f"/classroom/teacher/?key={TEACHER_KEY}")
    assert urlsplit(lab.page.url).query == ""  # the key left the address bar
    teacher_cookie = next(c for c in lab.page.context.cookies() if c["name"] == "cookielab_teacher")
    assert teacher_cookie["httpOnly"] and teacher_cookie["sameSite"] == "Strict"
    expect(lab.page.locator("#active-count")).to_have_text("0 students")
    lab.page.evaluate("() => { window.notReloaded = true; }")

    wrong = next(i for i in range(len(FLAGS.questions[0].choices)) if i != FLAGS.questions[0].answer)
    for _ in range(2):
        answer(new_student(), FLAGS, 0, wrong)
    # No reload: the page's module asks the JSON endpoint again within a few seconds.
    expect(lab.page.locator("#active-count")).to_have_text("2 students", timeout=15_000)
    assert lab.page.evaluate("() => window.notReloaded === true")
    row = lab.page.locator(f"[data-question=cookie-flags-1] tr[data-choice='{wrong}']")
    expect(row.locator(".count")).to_have_text("2")
    expect(row).to_have_class("is-popular-wrong")
    expect(lab.page.locator("#roster tbody tr")).to_have_count(2)
    assert lab.page.locator("#classroom").get_attribute("data-refresh-error") is None
    assert axe_violations(lab.page) == []
    lab.page.emulate_media(color_scheme="dark")
    lab.page.set_viewport_size(PHONE)
    assert axe_violations(lab.page) == []
    assert lab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    lab.page.check("#id_confirm")
    lab.page.click("#end-class-button")
    expect(lab.page.locator("#ended")).to_contain_text("2 students")
    expect(lab.page.locator("#active-count")).to_have_text("0 students")
    assert ClassroomStudent.objects.count() == 0
    assert csp_violations(lab.page) == []
    lab.watch.assert_clean()


def test_without_the_key_the_dashboard_and_its_data_say_nothing(lab, classroom):  # noqa: F811
    answer(new_student(), FLAGS, 0, 0)
    for path in ("/classroom/teacher/", "/classroom/teacher/?key=guess", "/classroom/teacher/data.json"):
        response = lab.goto(path)
        assert response.status == 404
        assert "student" not in lab.page.content().lower()
    assert not any(c["name"] == "cookielab_teacher" for c in lab.page.context.cookies())


def test_a_student_on_the_classroom_network_is_told_what_became_of_secure_cookies(
    launch_browser,
    browser_type_launch_args,
    live_server,
    transactional_db,
    settings,
    classroom,  # noqa: F811
):
    """http://classroom.test is how another computer reaches the teacher's laptop: only loopback and HTTPS are
    trustworthy, so Chromium really drops Secure cookies there. Every request still goes to 127.0.0.1."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "classroom.test"]
    port = urlsplit(live_server.url).port
    base = f"http://classroom.test:{port}"
    args = [*browser_type_launch_args.get("args", []), "--host-resolver-rules=MAP classroom.test 127.0.0.1"]
    browser = launch_browser(args=args)
    try:
        page = browser.new_page()
        watch = ConsoleWatch(page)
        page.set_default_timeout(10_000)
        page.add_init_script(RECORD_CSP_VIOLATIONS)

        page.goto(base + "/")
        assert page.evaluate("() => window.isSecureContext") is False  # Chromium's own verdict on this origin
        page.fill("#nickname", "Ada")
        page.click("#classroom button[type=submit]")
        expect(page.locator("#nickname-outcome")).to_have_text("Saved.")
        kept = {c["name"] for c in page.context.cookies()}
        assert {"cookielab_student", "cookielab_progress", "csrftoken"} - kept == {"cookielab_progress"}

        # cookie-flags: the drop is announced before the click and explained after it.
        page.goto(base + FLAGS.get_absolute_url())
        expect(page.locator("#secure-prediction")).to_contain_text("expect your browser to drop lab_secure")
        page.click("#set-flag-cookies")
        page.wait_for_url("**?set=1*")
        verdict = page.locator("#secure-verdict")
        expect(verdict).to_contain_text("Your browser dropped lab_secure")
        expect(verdict).to_contain_text("not a potentially trustworthy origin")
        assert "lab_secure" not in {c["name"] for c in page.context.cookies()}

        # The quiz still counts for the teacher: the student's own cookie is not Secure.
        page.locator("#question-1 input[name=choice][value='1']").check()
        page.locator("#question-1 button[type=submit]").click()
        page.wait_for_url("**question=0&answer=1*")
        [student] = ClassroomStudent.objects.all()
        assert student.nickname == "Ada"
        assert ClassroomAnswer.objects.get(student=student, lesson_slug="cookie-flags", question=0).first_choice == 1

        # cookie-limits: no SameSite=None or __Host- cookie can be set from this address at all.
        page.goto(base + "/lessons/cookie-limits/")
        expect(page.locator("#secure-notice")).to_contain_text("even a Secure cookie would be dropped")

        # The workbench: a Secure cookie ticked here is refused, and the page says why.
        page.goto(base + "/lessons/setting-cookies/")
        expect(page.locator("#secure-notice")).to_be_visible()
        page.fill("#id_name", "flavour")
        page.fill("#id_value", "oatmeal")
        page.check("#id_secure")
        page.click("#workbench-form button[type=submit]")
        expect(page.locator("#outcome")).to_contain_text("plain http://classroom.test, which is not a potentially")
        assert "flavour" not in {c["name"] for c in page.context.cookies()}

        assert csp_violations(page) == []
        watch.problems = [problem for problem in watch.problems if UNTRUSTWORTHY_NOTE not in problem]
        watch.assert_clean()
    finally:
        browser.close()


def test_the_index_in_classroom_mode_offers_a_nickname_and_passes_axe(lab, classroom):  # noqa: F811
    lab.goto("/")
    expect(lab.page.locator("#classroom")).to_contain_text("cookielab_student")
    assert axe_violations(lab.page) == []
    lab.page.fill("#nickname", "x" * 40)  # maxlength keeps it to 30 in a browser
    assert lab.page.input_value("#nickname") == "x" * 30
    lab.page.click("#classroom button[type=submit]")
    expect(lab.page.locator("#nickname-outcome")).to_have_text("Saved.")
    assert lab.page.input_value("#nickname") == "x" * 30
    lab.page.emulate_media(color_scheme="dark")
    assert axe_violations(lab.page) == []
    lab.watch.assert_clean()
