"""Classroom mode in tests: switched on with a teacher key, students as separate cookie jars."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from cookielab.classroom import students

TEACHER_KEY = "teacher-key-for-tests-0123456789"


@pytest.fixture
def classroom(settings):
    """Classroom mode on with a known teacher key; each test starts with no throttled visit."""
    settings.COOKIELAB_CLASSROOM = True
    settings.COOKIELAB_TEACHER_KEY = TEACHER_KEY
    students._touched.clear()
    yield settings
    students._touched.clear()


def new_student(**client_options) -> Client:
    """A browser of its own that opened the index (and so got its student cookie)."""
    client = Client(**client_options)
    assert client.get(reverse("cookielab:index")).status_code == 200
    return client


def answer(client: Client, lesson, question: int, choice: int):
    return client.post(reverse("cookielab:check", args=[lesson.slug]), {"question": question, "choice": choice})


def teacher(**client_options) -> Client:
    """The teacher's browser, let in by the teacher link."""
    client = Client(**client_options)
    response = client.get(reverse("cookielab:classroom-teacher"), {"key": TEACHER_KEY})
    assert response.status_code == 303, response
    return client
