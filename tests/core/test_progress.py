"""The progress cookie's format: readable, signed, bounded, and nothing but progress when it is forged."""

from __future__ import annotations

import pytest
from django.core import signing

from cookielab.core import progress
from cookielab.core.cookies import MAX_COOKIE_BYTES
from cookielab.core.progress import Progress


def test_answers_and_marks_round_trip_through_readable_text():
    student = Progress()
    student.record_answer("setting-cookies", 1, 3, correct=False)
    student.record_answer("setting-cookies", 0, 3, correct=True)
    student.record_answer("http-is-stateless", 0, 1, correct=True)
    assert student.add_mark("logging-in", progress.SESSION_ENDED)
    assert student.add_mark("logging-in", progress.LOGIN)
    assert not student.add_mark("logging-in", progress.LOGIN)  # once only
    assert student.encode() == "1|http-is-stateless.2~setting-cookies.210|logging-in.el"
    assert Progress.decode(student.encode()) == student


def test_a_right_answer_stays_right_and_completion_needs_every_question():
    student = Progress()
    student.record_answer("csrf", 0, 2, correct=True)
    student.record_answer("csrf", 0, 2, correct=False)
    assert student.question_state("csrf", 0) == progress.RIGHT
    assert not student.is_complete("csrf", 2)
    student.record_answer("csrf", 1, 2, correct=False)
    assert student.question_state("csrf", 1) == progress.TRIED
    student.record_answer("csrf", 1, 2, correct=True)
    assert student.is_complete("csrf", 2)
    assert student.right_count("csrf") == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "2|a.2|",  # another format
        "1|a.2",  # no marks section
        "1|A.2|",  # not a slug
        "1|a.3|",  # not a state
        "1|a.222222|",  # more questions than a lesson has
        "1|a.2|a.z",  # not a mark
        "1|a.2|a.cc c",
        "1|" + "~".join(f"l{i}.2" for i in range(progress.MAX_LESSONS + 1)) + "|",
        "1|" + "x" * (progress.MAX_SLUG_LENGTH + 1) + ".2|",
    ],
)
def test_malformed_text_is_no_progress(text):
    assert Progress.decode(text) is None
    assert progress.from_cookie(progress.signed_value(Progress()).replace("1||", text, 1)) == Progress()


def test_a_forged_or_unsigned_cookie_counts_as_no_progress():
    real = Progress(answers={"csrf": "2"})
    signed = progress.signed_value(real)
    assert progress.from_cookie(signed) == real
    forged = signed.replace("csrf.2", "csrf.2~session-attacks.222", 1)
    assert progress.from_cookie(forged) == Progress()
    assert progress.from_cookie(real.encode()) == Progress()
    assert progress.from_cookie(signing.Signer(salt="another.salt").sign(real.encode())) == Progress()
    assert progress.from_cookie("x" * (progress.MAX_VALUE_BYTES + 1)) == Progress()


def test_the_fullest_cookie_the_rules_allow_fits_in_a_browser():
    fullest = Progress()
    for n in range(progress.MAX_LESSONS):
        slug = f"{n:02d}" + "-x" * ((progress.MAX_SLUG_LENGTH - 2) // 2)
        for question in range(progress.MAX_QUESTIONS):
            fullest.record_answer(slug, question, progress.MAX_QUESTIONS, correct=True)
        for mark in progress.MARKS:
            fullest.add_mark(slug, mark)
    value = progress.signed_value(fullest)
    assert len(value) <= progress.MAX_VALUE_BYTES
    assert len(f"cookielab_progress={value}") < MAX_COOKIE_BYTES
    assert progress.from_cookie(value) == fullest
    # A lesson beyond the limit is not recorded: the cookie never outgrows the bound.
    fullest.record_answer("one-too-many", 0, 1, correct=True)
    assert "one-too-many" not in fullest.answers


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="no question 2 of 2"):
        Progress().record_answer("csrf", 2, 2, correct=True)
    with pytest.raises(ValueError, match="in a lesson 'Not A Slug'"):
        Progress().record_answer("Not A Slug", 0, 1, correct=True)
    with pytest.raises(ValueError, match="cannot mark 'z'"):
        Progress().add_mark("csrf", "z")
