"""A host project that groups digits (USE_THOUSAND_SEPARATOR, or a locale that does) still sees header values
written as HTTP writes them: ``Max-Age=3600``, never ``Max-Age=3,600``."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from cookielab.lessons import LESSONS
from cookielab.lessons.tools.httpbin_api.jar import MAX_AGE
from tests.support.html import soup

pytestmark = pytest.mark.django_db

GROUPED = re.compile(r"\d,\d{3}(?!\d)")


def grouped_numbers(path: str) -> set[str]:
    page = soup(Client().get(path))
    return set(GROUPED.findall(page.get_text(" ")))


def test_no_lesson_page_groups_the_digits_of_a_number_it_did_not_group_before(settings):
    plain = {lesson.slug: grouped_numbers(lesson.get_absolute_url()) for lesson in LESSONS}
    settings.USE_THOUSAND_SEPARATOR = True
    grouped = {lesson.slug: grouped_numbers(lesson.get_absolute_url()) - plain[lesson.slug] for lesson in LESSONS}
    assert {slug: found for slug, found in grouped.items() if found} == {}


def test_the_httpbin_api_states_its_max_age_as_a_header_would(settings):
    settings.USE_THOUSAND_SEPARATOR = True
    codes = [code.get_text() for code in soup(Client().get("/lessons/httpbin-api/")).select("code")]
    assert MAX_AGE >= 1000 and f"Max-Age={MAX_AGE}" in codes
