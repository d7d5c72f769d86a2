"""The course frame in real Chromium: progress that survives every demo, Reset this lab, Start over, the quiz."""

from __future__ import annotations

import time

from cookielab.lessons import LESSONS
from cookielab.lessons import get_lesson
from tests.browser.test_accessibility import PHONE
from tests.browser.test_accessibility import axe_in_both_schemes
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_accessibility import report

FIRST = LESSONS[0]


def cookie_names(lab) -> set[str]:
    return {cookie["name"] for cookie in lab.page.context.cookies()}


def progress_line(lab) -> str:
    lab.goto("/")
    return lab.page.inner_text("#progress")


def answer(lab, lesson, question: int = 0, *, right: bool = True) -> None:
    """Pick an answer to one question of the lesson on its page, and send that question's own form."""
    quiz = lesson.questions[question]
    choice = quiz.answer if right else next(i for i in range(len(quiz.choices)) if i != quiz.answer)
    box = lab.page.locator(f"#question-{question + 1}")
    box.locator(f"input[name=choice][value='{choice}']").check()
    box.locator("button[type=submit]").click()
    lab.page.wait_for_url(f"**{lesson.get_absolute_url()}?question={question}&answer={choice}#question-{question + 1}")


def complete(lab, lesson) -> None:
    lab.goto(lesson.get_absolute_url())
    for question in range(len(lesson.questions)):
        answer(lab, lesson, question)


def test_progress_survives_every_demo_that_ends_the_session(lab, settings):
    settings.COOKIELAB_DEMO_LOGIN = True
    complete(lab, FIRST)
    assert progress_line(lab) == f"You have completed 1 of {len(LESSONS)} lessons."

    # Collect your coat: flush() ends the session.
    lab.goto("/lessons/what-is-a-session/")
    lab.page.fill("#id_note", "a green scarf")
    lab.page.click("#coat-check button[type=submit]")
    lab.page.wait_for_selector("#collect-coat")
    assert lab.page.inner_text("#collect-coat") == "Collect your coat (ends your session)"
    assert "sessionid" in cookie_names(lab)
    lab.page.click("#collect-coat")
    lab.page.wait_for_load_state()
    assert "sessionid" not in cookie_names(lab)
    assert progress_line(lab) == f"You have completed 1 of {len(LESSONS)} lessons."

    # Log out: logout() flushes the session too.
    lab.goto("/lessons/logging-in/")
    lab.page.click("#log-in")
    lab.page.wait_for_selector("#key-change")
    assert lab.page.inner_text("#log-out") == "Log out (ends your session)"
    lab.page.click("#log-out")
    lab.page.wait_for_selector("#key-change")
    assert "yes" not in lab.page.inner_text("#logged-in-as")
    assert progress_line(lab) == f"You have completed 1 of {len(LESSONS)} lessons."

    # A short lifetime that runs out: the browser itself drops the session cookie.
    lab.goto("/lessons/session-timeout/")
    assert "your session ends" in lab.page.inner_text("#set-lifetime")
    lab.page.fill("#id_seconds", "2")
    lab.page.click("#set-lifetime")
    lab.page.wait_for_selector("#countdown")
    assert "sessionid" in cookie_names(lab)
    dropped_by = time.monotonic() + 10
    while "sessionid" in cookie_names(lab):  # the browser drops it once its 2 s have run out
        assert time.monotonic() < dropped_by, "the browser still holds the session cookie 10 s later"
        lab.page.wait_for_timeout(100)
    assert progress_line(lab) == f"You have completed 1 of {len(LESSONS)} lessons."
    assert lab.page.locator(".lesson-item.is-done > a").first.get_attribute("href") == FIRST.get_absolute_url()
    lab.watch.assert_clean()


def test_reset_this_lab_removes_the_lessons_demo_cookies_and_keeps_progress(lab):
    lesson = get_lesson("cookie-limits")
    complete(lab, lesson)
    lab.page.click("#send-limits")
    lab.page.wait_for_url("**?sent=1#limits-result")
    kept = {"limit_4096", "limit_control"}
    assert kept <= cookie_names(lab)
    lab.page.click("#reset-lab-button")
    lab.page.wait_for_url(f"**{lesson.get_absolute_url()}?reset=1#reset-result")
    assert "Your progress is kept" in lab.page.inner_text("#reset-result")
    assert not (kept & cookie_names(lab))
    assert "cookielab_progress" in cookie_names(lab)
    assert lab.page.locator("h1 .done-mark").count() == 1
    assert lab.page.locator("#contents li.is-done").count() == 1
    assert axe_violations(lab.page) == []
    lab.watch.assert_clean()


def test_start_over_clears_everything_only_after_confirming(lab):
    complete(lab, FIRST)
    lab.goto("/lessons/signed-cookies/")
    lab.page.click("#sign-form button[type=submit] >> nth=0")
    lab.page.wait_for_url("**#signed-result")
    lab.goto("/lessons/what-is-a-session/")
    lab.page.fill("#id_note", "a green scarf")
    lab.page.click("#coat-check button[type=submit]")
    lab.page.wait_for_selector("#collect-coat")
    before = cookie_names(lab)
    assert {"cookielab_progress", "signed_demo", "sessionid"} <= before

    lab.goto("/")
    lab.page.click("#start-over-button")  # not confirmed: nothing happens but a message
    lab.page.wait_for_selector("#confirm-error")
    assert "Tick the box first" in lab.page.inner_text("#confirm-error")
    assert cookie_names(lab) >= {"cookielab_progress", "signed_demo", "sessionid"}
    assert axe_violations(lab.page) == []

    lab.page.check("#id_confirm")
    lab.page.click("#start-over-button")
    lab.page.wait_for_url("**/?started-over=1#progress")
    assert not ({"cookielab_progress", "signed_demo", "sessionid"} & cookie_names(lab))
    assert lab.page.inner_text("#progress") == f"You have completed 0 of {len(LESSONS)} lessons."
    assert lab.page.locator("#start").get_attribute("href") == FIRST.get_absolute_url()
    lab.watch.assert_clean()


def test_the_quiz_offers_the_answer_after_a_wrong_try_and_explains_a_right_one(lab):
    lesson = get_lesson("setting-cookies")
    assert len(lesson.questions) == 3
    lab.goto(lesson.get_absolute_url())
    assert lab.page.locator("section.quiz details").count() == 0
    answer(lab, lesson, 1, right=False)
    result = lab.page.locator("#question-2 .quiz-result")
    assert result.inner_text().startswith("Not quite")
    show = lab.page.locator("#question-2 details.answer")
    assert show.locator("summary").inner_text() == "Show the answer"
    assert not show.locator("p").first.is_visible()
    show.locator("summary").click()
    assert show.locator("p").first.inner_text() == lesson.questions[1].answer_text
    assert axe_violations(lab.page) == []

    answer(lab, lesson, 1)
    assert lab.page.locator("#question-2 .quiz-result").inner_text().startswith("Correct. 1 of 3 answered right")
    explanation = lab.page.locator("#question-2 .quiz-explanation")
    assert explanation.is_visible() and lesson.questions[1].explanation in explanation.inner_text()
    assert lab.page.locator("h1 .done-mark").count() == 0  # one of three is not the lesson

    answer(lab, lesson, 0)
    assert lab.page.locator("h1 .done-mark").count() == 0
    answer(lab, lesson, 2)
    assert lab.page.locator("#question-3 .quiz-result").inner_text() == "Correct — lesson completed."
    assert lab.page.locator("h1 .done-mark").count() == 1
    assert "completed 1 of" in progress_line(lab)
    lab.watch.assert_clean()


def test_the_contents_are_a_sidebar_on_a_desktop_and_a_disclosure_on_a_phone(lab):
    lesson = get_lesson("cookie-flags")
    lab.page.set_viewport_size({"width": 1440, "height": 900})
    lab.goto(lesson.get_absolute_url())
    assert lab.page.inner_text("#lesson-position") == f"Part 1: Cookies · Lesson 6 of {len(LESSONS)}"
    contents = lab.page.locator("details#contents")
    current = contents.locator("a[aria-current=page]")
    assert contents.get_attribute("open") is not None and current.is_visible()
    assert current.inner_text() == lesson.title
    article = lab.page.locator("article.lesson").bounding_box()
    assert contents.bounding_box()["x"] >= article["x"] + article["width"]  # beside the lesson, not above it
    lab.page.set_viewport_size(PHONE)
    # The page's matchMedia "change" handler closes it at the next frame, not during the resize itself.
    lab.page.wait_for_function("() => !document.getElementById('contents').open")
    assert contents.get_attribute("open") is None and not current.is_visible()
    assert contents.bounding_box()["y"] < lab.page.locator("#lesson-position").bounding_box()["y"]
    contents.locator("summary").click()
    assert current.is_visible()
    assert lab.page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    lab.watch.assert_clean()


def test_the_end_page_and_a_busy_frame_pass_axe_light_and_dark(lab):
    complete(lab, FIRST)
    lab.goto("/lessons/what-is-a-session/")
    lab.page.fill("#id_note", "a green scarf")
    lab.page.click("#coat-check button[type=submit]")
    lab.page.wait_for_selector("#collect-coat")
    found = {}
    for path in ("/end/", "/", LESSONS[-1].get_absolute_url()):
        lab.goto(path)
        for scheme, violations in axe_in_both_schemes(lab.page).items():
            found[f"{path} ({scheme})"] = violations
    assert found == {}, report(found)
    lab.goto(LESSONS[-1].get_absolute_url())
    lab.page.click("a[rel=next]")
    lab.page.wait_for_url("**/end/")
    assert "You stored something in a session" in lab.page.inner_text("#end-did")
    lab.watch.assert_clean()
