"""Lesson: cart-and-preferences."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cart as cart_views

lesson = Lesson(
    slug="cart-and-preferences",
    title="A cart and preferences in the session",
    summary="Keep a shopping cart and display choices on the server, with only a key in the cookie.",
    topics=("Set and use a session",),
    quiz=Quiz(
        question="Why keep the cart in the session rather than in a cookie of its own?",
        choices=(
            "Cookies cannot hold numbers.",
            "The data stays on the server: it is not sent with every request, has no 4,096-byte ceiling, "
            "and the browser cannot edit it.",
            "Sessions never expire, cookies do.",
        ),
        answer=1,
        explanation=(
            "A cookie travels with every request, is dropped if its name and value pass 4,096 bytes, and can "
            "be read and changed by its owner. A session sends only its key; the data stays where the browser "
            "cannot touch it."
        ),
    ),
)

page = cart_views.cart_and_preferences
urlpatterns = [
    path("add/", cart_views.add, name="cart-add"),
    path("remove/", cart_views.remove, name="cart-remove"),
    path("clear/", cart_views.clear, name="cart-clear"),
    path("preferences/", cart_views.preferences, name="cart-preferences"),
]
