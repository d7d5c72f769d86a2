"""Lesson: signed-cookies."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import signed as signed_views

lesson = Lesson(
    slug="signed-cookies",
    title="Signed cookies",
    summary="A signature lets the server notice a cookie the client has changed; it does not hide the value.",
    topics=("cookie-parser", "Setting a cookie"),
    quiz=Quiz(
        question=(
            "A user edits the value part of a cookie set with set_signed_cookie. What does get_signed_cookie do?"
        ),
        choices=(
            "Returns the edited value: signing only encrypts it.",
            "Raises BadSignature (or returns the default you gave), because the signature no longer matches.",
            "Recomputes the signature and accepts the new value.",
        ),
        answer=1,
        explanation=(
            "The signature is an HMAC of the value (and timestamp) with the SECRET_KEY. Without the key nobody "
            "can make a matching signature for a new value, so Django refuses it. The value itself stays "
            "readable by anyone: signing is not encryption."
        ),
    ),
)

page = signed_views.signed_cookies
urlpatterns = [
    path("sign/", signed_views.sign, name="signed-cookies-sign"),
    path("tamper/", signed_views.tamper, name="signed-cookies-tamper"),
    path("verify/", signed_views.verify, name="signed-cookies-verify"),
]
