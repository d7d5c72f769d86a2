"""Lesson: a cart and preferences kept in the session."""

from __future__ import annotations

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import cart
from cookielab.views.base import render_lesson

SLUG = "cart-and-preferences"


def _page(request: HttpRequest, *, status: int = 200, **bound: forms.Form) -> HttpResponse:
    session = request.session
    items = cart.read_cart(session)
    preferences = cart.read_preferences(session)
    lines, total = cart.cart_lines(items, preferences["currency"])
    products = Paginator(list(cart.PRODUCTS.values()), preferences["per_page"]).get_page(request.GET.get("page"))
    currency = preferences["currency"]
    context = {
        "products": products,
        "product_rows": [(product, cart.price(product.price_cents, currency)) for product in products],
        "product_choices": [(product, cart.price(product.price_cents, currency)) for product in cart.PRODUCTS.values()],
        "lines": lines,
        "total": total,
        "max_quantity": cart.MAX_QUANTITY,
        "add_form": bound.get("add_form") or cart.AddToCartForm(cart=items),
        "remove_form_failed": bound.get("remove_form"),
        "preferences_form": bound.get("preferences_form") or cart.PreferencesForm(initial=preferences),
        "preferences": preferences,
        "stored": cart.stored_session(session),
    }
    return render_lesson(request, SLUG, context, status=status)


def _back(anchor: str) -> HttpResponse:
    return redirect(f"{reverse('cookielab:cart-and-preferences')}#{anchor}")


@require_GET
def cart_and_preferences(request: HttpRequest) -> HttpResponse:
    return _page(request)


@require_POST
def add(request: HttpRequest) -> HttpResponse:
    form = cart.AddToCartForm(request.POST, cart=cart.read_cart(request.session))
    if not form.is_valid():
        return _page(request, status=400, add_form=form)
    cart.add_to_cart(request.session, form.cleaned_data["product"], form.cleaned_data["quantity"])
    return _back("cart")


@require_POST
def remove(request: HttpRequest) -> HttpResponse:
    form = cart.RemoveFromCartForm(request.POST, cart=cart.read_cart(request.session))
    if not form.is_valid():
        return _page(request, status=400, remove_form=form)
    cart.remove_from_cart(request.session, form.cleaned_data["product"])
    return _back("cart")


@require_POST
def clear(request: HttpRequest) -> HttpResponse:
    cart.clear_cart(request.session)
    return _back("cart")


@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    form = cart.PreferencesForm(request.POST)
    if not form.is_valid():
        return _page(request, status=400, preferences_form=form)
    cart.save_preferences(request.session, form.cleaned_data["currency"], form.cleaned_data["per_page"])
    return _back("preferences")
