"""Lesson: cart-and-preferences — a shopping cart and display preferences kept in the session."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path

from cookielab.core import progress
from cookielab.core.session_stores import locate_session
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.lessons.sessions.cart_and_preferences import cart

lesson = Lesson(
    slug="cart-and-preferences",
    title="A cart and preferences in the session",
    summary="Keep a shopping cart and display choices on the server, with only a key in the cookie.",
    topics=("Set and use a session",),
    learn=(
        "How to keep a shopping cart and display preferences in the session.",
        "Why a session is a better home for a cart than a cookie of its own.",
        "How big the stored session really is.",
    ),
    recap=(
        "The cart and preferences live on the server under the session key; only the key travels.",
        "A cookie would travel with every request, be dropped past 4,096 bytes and be editable by the visitor.",
        "Keep ids and quantities in the session and take prices from the server's own list.",
    ),
    session_keys=(cart.CART_KEY, cart.PREFERENCES_KEY),
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


def context(request: HttpRequest) -> dict[str, Any]:
    session = request.session
    items = cart.read_cart(session)
    preferences = cart.read_preferences(session)
    currency = preferences["currency"]
    lines, total = cart.cart_lines(items, currency)
    products = Paginator(list(cart.PRODUCTS.values()), preferences["per_page"]).get_page(request.GET.get("page"))
    return {
        "products": products,
        "product_rows": [(product, cart.price(product.price_cents, currency)) for product in products],
        "product_choices": [(product, cart.price(product.price_cents, currency)) for product in cart.PRODUCTS.values()],
        "lines": lines,
        "total": total,
        "max_quantity": cart.MAX_QUANTITY,
        "add_form": cart.AddToCartForm(cart=items),
        "preferences_form": cart.PreferencesForm(initial=dict(preferences)),
        "preferences": preferences,
        "preferences_saved": request.GET.get("saved") == "1",
        "encoded": cart.encoded_session(session),
        # Read back from the store itself (the session was saved by the request that changed it).
        "stored": locate_session(settings.SESSION_ENGINE, session.session_key),
    }


@lesson_action
def add(request: HttpRequest) -> HttpResponse:
    form = cart.AddToCartForm(request.POST, cart=cart.read_cart(request.session))
    if not form.is_valid():
        return render_lesson(request, lesson, {"add_form": form})
    cart.add_to_cart(request.session, form.cleaned_data["product"], form.cleaned_data["quantity"])
    response = show_result(lesson, "cart")
    progress.mark(request, response, lesson.slug, progress.SESSION_WRITE)
    return response


@lesson_action
def remove(request: HttpRequest) -> HttpResponse:
    form = cart.RemoveFromCartForm(request.POST, cart=cart.read_cart(request.session))
    if not form.is_valid():
        return render_lesson(request, lesson, {"remove_form_failed": form})
    cart.remove_from_cart(request.session, form.cleaned_data["product"])
    return show_result(lesson, "cart")


@lesson_action
def clear(request: HttpRequest) -> HttpResponse:
    cart.clear_cart(request.session)
    return show_result(lesson, "cart")


@lesson_action
def preferences(request: HttpRequest) -> HttpResponse:
    form = cart.PreferencesForm(request.POST)
    if not form.is_valid():
        return render_lesson(request, lesson, {"preferences_form": form})
    cart.save_preferences(request.session, form.cleaned_data["currency"], form.cleaned_data["per_page"])
    response = show_result(lesson, "preferences-result", saved=1)
    progress.mark(request, response, lesson.slug, progress.SESSION_WRITE)
    return response


urlpatterns = [
    path("add/", add, name="cart-add"),
    path("remove/", remove, name="cart-remove"),
    path("clear/", clear, name="cart-clear"),
    path("preferences/", preferences, name="cart-preferences"),
]
