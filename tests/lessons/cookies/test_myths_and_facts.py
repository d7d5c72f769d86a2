"""Myths and facts: a GET self-check, marked statement by statement, each linked to the lessons that prove it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from cookielab.lessons import LESSONS
from cookielab.lessons import get_lesson
from cookielab.lessons.cookies.myths_and_facts import lesson as myths_lesson
from cookielab.lessons.cookies.myths_and_facts.statements import FACT
from cookielab.lessons.cookies.myths_and_facts.statements import MYTH
from cookielab.lessons.cookies.myths_and_facts.statements import STATEMENTS
from tests.support.html import soup
from tests.support.html import text
from tests.support.inputs import HOSTILE

pytestmark = pytest.mark.django_db

URL = "/lessons/myths-and-facts/"


def answers(**overrides: str) -> dict[str, str]:
    return {statement.key: statement.answer for statement in STATEMENTS} | overrides


def test_the_lesson_lives_at_its_documented_path():
    assert reverse("cookielab:myths-and-facts") == URL


def test_the_unanswered_form_offers_myth_or_fact_for_every_statement(client):
    page = soup(client.get(URL))
    assert page.select_one("#verdicts") is None
    form = page.select_one("#myths-form")
    assert form["method"] == "get" and form["action"] == f"{URL}#myths"
    for statement in STATEMENTS:
        radios = form.select(f"fieldset[data-statement={statement.key}] input[type=radio]")
        assert [radio["value"] for radio in radios] == [MYTH, FACT]


def test_all_right_answers_score_full_marks_with_explanations_and_links(client):
    response = client.get(URL, answers())
    assert response.status_code == 200
    page = soup(response)
    assert text(page.select_one("#myths-score")) == f"You got {len(STATEMENTS)} of {len(STATEMENTS)} right."
    for statement in STATEMENTS:
        item = page.select_one(f"li.verdict[data-statement={statement.key}]")
        assert "is-correct" in item["class"]
        assert statement.explanation in text(item)
        hrefs = [a["href"] for a in item.select(".proofs a")]
        assert hrefs == [get_lesson(slug).get_absolute_url() for slug in statement.proven_by]


def test_every_proof_names_a_lesson_of_the_course():
    for statement in STATEMENTS:
        assert statement.proven_by
        assert set(statement.proven_by) <= {lesson.slug for lesson in LESSONS}, statement.key
        assert [lesson.slug for lesson in statement.proofs()] == list(statement.proven_by)


def test_the_lecture_is_corrected_where_it_is_loose(client):
    anonymous = next(statement for statement in STATEMENTS if statement.key == "anonymous")
    assert anonymous.answer == MYTH
    assert "GDPR" in anonymous.explanation
    # Consent for cookies comes from the ePrivacy Directive, not from the GDPR (which defines valid consent).
    assert "ePrivacy Directive (2002/58/EC, Art. 5(3))" in anonymous.explanation
    assert "GDPR supplies the definition of valid consent" in anonymous.explanation
    page = soup(client.get(URL, answers(anonymous=FACT)))
    item = page.select_one("li.verdict[data-statement=anonymous]")
    assert "is-wrong" in item["class"]
    assert "The lecture lists" in text(item)
    assert text(page.select_one("#myths-score")).startswith(f"You got {len(STATEMENTS) - 1} of")


@pytest.mark.parametrize("bad", HOSTILE)
def test_bad_answers_re_render_the_form_with_errors(client, bad):
    response = client.get(URL, answers(worms=bad, data=""))
    assert response.status_code == 200
    page = soup(response)
    assert page.select_one("#verdicts") is None
    assert page.select_one("#myths-errors") is not None
    worms = page.select_one("fieldset[data-statement=worms]")
    assert text(worms.select_one(".field-error")) == "Only Myth or Fact can be an answer."
    assert worms["aria-describedby"] == "id_worms_error"
    data = page.select_one("fieldset[data-statement=data]")
    assert text(data.select_one(".field-error")) == "Pick Myth or Fact for this statement."
    assert page.select_one("fieldset[data-statement=track] .field-error") is None
    assert "<script>alert(1)" not in response.content.decode()


def test_the_consent_rule_is_credited_to_the_eprivacy_directive(client):
    assert "ePrivacy Directive" in myths_lesson.quiz.explanation
    page = soup(client.get(URL))
    link = page.select_one('a[href="https://eur-lex.europa.eu/eli/dir/2002/58/oj"]')
    assert link is not None and "2002/58/EC" in text(link)
    assert "Article 5(3)" in text(page)
