"""The lesson index, lesson frame, quiz, progress (a signed cookie of its own), Reset this lab, Start over, the end."""

from __future__ import annotations

import pkgutil
import re
from pathlib import Path

import pytest
from django.urls import reverse

import cookielab.lessons
from cookielab.core import progress
from cookielab.lessons import LECTURE_TOPICS
from cookielab.lessons import LESSONS
from cookielab.lessons import PART_TITLES
from cookielab.lessons import TEACHING_ORDER
from cookielab.lessons import parts
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db


def test_index_lists_every_lesson_in_order(client):
    page = soup(client.get(reverse("cookielab:index")))
    links = [a["href"] for a in page.select(".lesson-item > a")]
    assert links == [lesson.get_absolute_url() for lesson in LESSONS]
    summaries = [text(p) for p in page.select(".lesson-item > p")]
    assert summaries == [lesson.summary for lesson in LESSONS]


def test_every_topic_of_the_lecture_has_a_lesson():
    covered = {topic for lesson in LESSONS for topic in lesson.topics}
    assert set(LECTURE_TOPICS) - covered == set()


def test_the_teaching_order_names_every_lesson_module_once():
    modules = [
        f"{part}.{info.name}"
        for part in PART_TITLES
        for info in pkgutil.iter_modules([str(Path(cookielab.lessons.__file__).parent / part)])
    ]
    assert sorted(TEACHING_ORDER) == sorted(modules)
    assert len(set(TEACHING_ORDER)) == len(TEACHING_ORDER)


def test_the_teaching_order_motivates_first_and_keeps_the_tools_for_the_end():
    slugs = [lesson.slug for lesson in LESSONS]
    assert slugs[:3] == ["http-is-stateless", "how-cookies-are-sent", "cookie-use-cases"]
    assert slugs[slugs.index("setting-cookies") + 1] == "cookie-flags"
    assert [part for part, _ in parts()] == ["Cookies", "Sessions", "Browser storage", "Security", "Tools"]
    assert [lesson.slug for lesson in LESSONS if lesson.part == "Tools"] == ["httpbin-api"] == slugs[-1:]


def test_registry_is_consistent():
    slugs = [lesson.slug for lesson in LESSONS]
    assert len(slugs) == len(set(slugs))
    for lesson in LESSONS:
        assert set(lesson.topics) <= set(LECTURE_TOPICS), lesson.slug
        assert 1 <= len(lesson.questions) <= progress.MAX_QUESTIONS, lesson.slug
        for quiz in lesson.questions:
            assert 0 <= quiz.answer < len(quiz.choices), lesson.slug
        assert 2 <= len(lesson.learn) <= 3 and 2 <= len(lesson.recap) <= 3, lesson.slug
        assert len(lesson.slug) <= progress.MAX_SLUG_LENGTH


def test_the_big_lessons_ask_several_questions():
    several = {lesson.slug for lesson in LESSONS if len(lesson.questions) > 1}
    assert several >= {
        "setting-cookies",
        "cookie-flags",
        "what-is-a-session",
        "session-timeout",
        "storage-lab",
        "session-attacks",
    }


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_lesson_page_has_the_frame(client, lesson):
    response = client.get(lesson.get_absolute_url())
    assert response.status_code == 200
    page = soup(response)
    assert text(page.select_one("h1")).startswith(lesson.title)
    for selector in ("section.demo", "aside#wire", "section.try-it", "section.quiz", "nav.lesson-nav"):
        assert page.select_one(selector) is not None, selector
    index = LESSONS.index(lesson)
    prev_link = page.select_one("a[rel=prev]")
    next_link = page.select_one("a[rel=next]")
    assert (prev_link["href"] if prev_link else None) == (LESSONS[index - 1].get_absolute_url() if index else None)
    # The last lesson's Next goes to the end page.
    expected_next = LESSONS[index + 1].get_absolute_url() if index + 1 < len(LESSONS) else reverse("cookielab:end")
    assert next_link["href"] == expected_next
    # Lesson N of M, and its part.
    part_number = [title for title, _ in parts()].index(lesson.part) + 1
    assert text(page.select_one("#lesson-position")) == (
        f"Part {part_number}: {lesson.part} · Lesson {index + 1} of {len(LESSONS)}"
    )
    # You'll learn at the top, What you learned at the end.
    assert [text(li) for li in page.select("section.learn li")] == list(lesson.learn)
    assert [text(li) for li in page.select("section.recap li")] == list(lesson.recap)
    # The contents, once (a sidebar on a desktop, a disclosure on a phone): every lesson, this one marked current.
    contents = page.select_one("details#contents nav")
    assert [a["href"] for a in contents.select("a")] == [each.get_absolute_url() for each in LESSONS]
    assert [a["href"] for a in contents.select("a[aria-current=page]")] == [lesson.get_absolute_url()]


def answer(client, lesson, question: int = 0, *, right: bool = True):
    quiz = lesson.questions[question]
    choice = quiz.answer if right else next(i for i in range(len(quiz.choices)) if i != quiz.answer)
    return client.post(reverse("cookielab:check", args=[lesson.slug]), {"question": question, "choice": choice})


def complete(client, lesson) -> None:
    for question in range(len(lesson.questions)):
        assert answer(client, lesson, question).status_code == 303


def test_a_right_answer_marks_the_lesson_done(client):
    lesson = LESSONS[0]
    response = answer(client, lesson)
    assert response.status_code == 303
    assert (
        response["Location"] == f"{lesson.get_absolute_url()}?question=0&answer={lesson.questions[0].answer}#question-1"
    )
    page = soup(client.get(response["Location"]))
    assert text(page.select_one(".quiz-result")) == "Correct — lesson completed."
    assert text(page.select_one("#question-1 .quiz-explanation")).endswith(lesson.questions[0].explanation)
    index = soup(client.get(reverse("cookielab:index")))
    assert index.select_one(".lesson-item.is-done > a")["href"] == lesson.get_absolute_url()
    assert "completed 1 of" in text(index.select_one("#progress"))


def test_a_wrong_answer_does_not(client):
    lesson = LESSONS[0]
    response = answer(client, lesson, right=False)
    page = soup(client.get(response["Location"]))
    assert "Not quite" in text(page.select_one(".quiz-result"))
    assert page.select_one("#question-1 .quiz-explanation") is None
    assert soup(client.get(reverse("cookielab:index"))).select(".lesson-item.is-done") == []


def test_the_answer_is_offered_only_after_a_wrong_try(client):
    lesson = LESSONS[0]
    assert soup(client.get(lesson.get_absolute_url())).select_one("section.quiz details") is None
    answer(client, lesson, right=False)
    # Offered from then on, also without the ?answer= of the redirect: the try is in the progress cookie.
    details = soup(client.get(lesson.get_absolute_url())).select_one("#question-1 details.answer")
    assert text(details.select_one("summary")) == "Show the answer"
    assert lesson.questions[0].answer_text in text(details)
    # Once right, the explanation is shown instead.
    answer(client, lesson)
    page = soup(client.get(lesson.get_absolute_url()))
    assert page.select_one("section.quiz details") is None
    assert lesson.questions[0].explanation in text(page.select_one("#question-1 .quiz-explanation"))


def test_a_lesson_of_several_questions_is_done_only_when_all_are_right(client):
    lesson = next(lesson for lesson in LESSONS if len(lesson.questions) == 3)
    page = soup(client.get(lesson.get_absolute_url()))
    forms = page.select("section.quiz form")
    assert len(forms) == 3  # each question is its own form
    assert [form.select_one("input[name=question]")["value"] for form in forms] == ["0", "1", "2"]
    assert [form["action"] for form in forms] == [
        f"{reverse('cookielab:check', args=[lesson.slug])}#question-{n}" for n in (1, 2, 3)
    ]

    first = soup(client.get(answer(client, lesson, 0)["Location"]))
    assert text(first.select_one("#question-1 .quiz-result")).startswith("Correct. 1 of 3 answered right")
    answer(client, lesson, 2)
    answer(client, lesson, 1, right=False)
    index = soup(client.get(reverse("cookielab:index")))
    assert index.select(".lesson-item.is-done") == []
    last = soup(client.get(answer(client, lesson, 1)["Location"]))
    assert text(last.select_one("#question-2 .quiz-result")) == "Correct — lesson completed."
    index = soup(client.get(reverse("cookielab:index")))
    assert [a["href"] for a in index.select(".lesson-item.is-done > a")] == [lesson.get_absolute_url()]


@pytest.mark.parametrize("question", ["3", "-1", "x", "²", "1" * 10])
def test_a_question_the_lesson_does_not_have_is_refused(client, question):
    lesson = next(lesson for lesson in LESSONS if len(lesson.questions) == 3)
    response = client.post(reverse("cookielab:check", args=[lesson.slug]), {"question": question, "choice": 0})
    assert response.status_code == 400
    assert "not part of this lesson" in text(soup(response).select_one("#quiz-error"))
    assert "cookielab_progress" not in response.cookies


@pytest.mark.parametrize("data", [{}, {"choice": "99"}, {"choice": "; \r\n"}, {"choice": "x" * 5000}])
def test_bad_answers_re_render_the_form_with_an_error(client, data):
    lesson = LESSONS[0]
    response = client.post(reverse("cookielab:check", args=[lesson.slug]), data)
    assert response.status_code == 200
    errors = text(soup(response).select_one("#quiz-errors"))
    assert errors in {"Pick one of the answers first.", "That is not one of the answers offered."}


@pytest.mark.parametrize("answer", ["²", "١", "５", "9" * 5000, "0" * 5000, "-1", " 1", "1\x00", "99", ""])
def test_an_answer_in_the_query_that_no_quiz_offers_shows_no_result(client, answer):
    """Not a 500 (issue #17: ``?answer=²``, then 5,000 digits), and no result for an answer never given."""
    lesson = LESSONS[0]
    response = client.get(lesson.get_absolute_url(), {"answer": answer})
    assert response.status_code == 200
    assert soup(response).select_one(".quiz-result") is None


def test_an_answer_in_the_query_shows_its_result(client):
    lesson = LESSONS[0]
    response = client.get(lesson.get_absolute_url(), {"answer": str(lesson.quiz.answer)})
    assert "Correct" in text(soup(response).select_one(".quiz-result"))


def test_unknown_lessons_are_404(client):
    assert client.get("/lessons/no-such-lesson/").status_code == 404
    assert client.post("/lessons/no-such-lesson/check/", {"choice": 0}).status_code == 404


def test_the_quiz_offers_every_choice_and_marks_them_invalid_after_an_error(client):
    lesson = LESSONS[0]
    radios = soup(client.get(lesson.get_absolute_url())).select("#check input[type=radio][name=choice]")
    assert [text(radio.parent) for radio in radios] == list(lesson.questions[0].choices)
    assert [radio["value"] for radio in radios] == [str(i) for i in range(len(lesson.questions[0].choices))]
    assert not any(radio.has_attr("checked") or radio.has_attr("aria-invalid") for radio in radios)

    refused = soup(client.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": "99"}))
    radios = refused.select("#check input[type=radio][name=choice]")
    assert all(radio["aria-invalid"] == "true" and radio["aria-describedby"] == "quiz-errors" for radio in radios)
    assert not any(radio.has_attr("checked") for radio in radios)


_LOCAL_URL = re.compile(r"https?://(?:127\.0\.0\.1|localhost)(:\d+)?(/[^\s\"'<]*)?")


@pytest.mark.urls("tests.support.mounted_urls")
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_snippets_use_the_address_the_page_was_served_from(client, lesson):
    """A site on another port, or mounted under /learn/, gets snippets students can paste as they are."""
    response = client.get(lesson.get_absolute_url(), HTTP_HOST="localhost:8123")
    assert response.status_code == 200
    snippets = " ".join(text(section) for section in soup(response).select("section.try-it, section.card"))
    assert "8000" not in snippets
    for match in _LOCAL_URL.finditer(snippets):
        if lesson.slug == "cookie-use-cases" and match.group(1) == ":8001":
            continue  # the exercise that shows a cookie ignoring ports names another port on purpose
        assert match.group(0).startswith("http://localhost:8123"), match.group(0)
        assert (match.group(2) or "/learn/").startswith("/learn/"), match.group(0)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_a_quiz_re_render_keeps_the_lesson_demo(client, lesson):
    # A first visit gives the browser the site's cookies (csrftoken, the wire id), which the re-render's POST carries.
    client.get(lesson.get_absolute_url())
    shown = soup(client.get(lesson.get_absolute_url())).select_one("section.demo")
    again = client.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": "99"})
    assert again.status_code == 200
    page = soup(again)
    assert page.select_one("#quiz-errors") is not None
    assert page.select_one("form[action$='#question-1']") is not None
    # The demo is rebuilt by the lesson's own context: same structure (controls and results), not an empty frame.
    controls = "form, button, input, select, textarea, table, pre, svg"
    assert len(page.select_one("section.demo").select(controls)) == len(shown.select(controls))
    assert len(text(page.select_one("section.demo"))) > 0.8 * len(text(shown))
