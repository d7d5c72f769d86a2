"""Lesson: storage-lab."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import storage as storage_views

lesson = Lesson(
    slug="storage-lab",
    title="Browser storage lab",
    summary="Measure cookies, Web Storage, IndexedDB and the Cache API in your own browser.",
    topics=("Browser storage",),
    quiz=Quiz(
        question="A page writes the same marker into every store, then fetches its server. Which marker arrives?",
        choices=(
            "All of them: the browser sends its storage with every request.",
            "Only the cookie: it travels in the Cookie header; the other stores stay in the browser.",
            "The cookie and localStorage, because both are synchronous.",
            "None: nothing stored in a browser ever reaches the server.",
        ),
        answer=1,
        explanation=(
            "Only cookies are attached to requests by the browser. localStorage, sessionStorage, "
            "IndexedDB and the Cache API reach the server only if your own code reads them and sends "
            "the data, for example in a fetch() body or header."
        ),
    ),
    path="storage/",
)

page = storage_views.storage_lab
urlpatterns = [
    path("echo/", storage_views.storage_echo, name="storage-echo"),
    path("peek/", storage_views.storage_peek, name="storage-peek"),
]
