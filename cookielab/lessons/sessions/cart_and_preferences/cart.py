"""A shopping cart and display preferences kept in the session (the lecture's "shopping carts, etc.").

Only the product slug and the quantity go into the session; names and prices stay in the code,
so nothing a browser sends can change a price.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP
from decimal import Decimal
from typing import Any
from typing import TypedDict

from django import forms
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.serializers import JSONSerializer

CART_KEY = "cart"
PREFERENCES_KEY = "preferences"
MAX_QUANTITY = 99


@dataclass(frozen=True)
class Product:
    slug: str
    name: str
    price_cents: int  # in euros


PRODUCTS: dict[str, Product] = {
    product.slug: product
    for product in (
        Product("oatmeal-cookie", "Oatmeal cookie", 150),
        Product("chocolate-chip-cookie", "Chocolate-chip cookie", 180),
        Product("fortune-cookie", "Fortune cookie", 90),
        Product("glass-of-milk", "Glass of milk", 120),
        Product("cookie-jar", "Cookie jar", 1450),
        Product("recipe-book", "Recipe book", 2200),
    )
}

# Fixed demo rates, not market prices: the point is where the choice is kept, not the exchange rate.
CURRENCIES: dict[str, tuple[str, Decimal]] = {
    "EUR": ("€", Decimal("1")),
    "USD": ("$", Decimal("1.10")),
    "GBP": ("£", Decimal("0.85")),
}
PER_PAGE_CHOICES = (2, 3, 6)


class Preferences(TypedDict):
    currency: str
    per_page: int


DEFAULT_PREFERENCES: Preferences = {"currency": "EUR", "per_page": 3}

_PRODUCT_CHOICES = [(product.slug, product.name) for product in PRODUCTS.values()]
_UNKNOWN_PRODUCT = "There is no such product here: pick one from the list."
_QUANTITY_ERRORS = {
    "required": "Say how many.",
    "invalid": "Type a whole number from 1 to 99.",
    "min_value": "At least 1: to take items out, use Remove.",
    "max_value": f"At most {MAX_QUANTITY} at a time.",
}


def read_cart(session: SessionBase) -> dict[str, int]:
    """The cart as stored, keeping only known products with a sensible quantity."""
    stored = session.get(CART_KEY)
    if not isinstance(stored, dict):
        return {}
    return {
        slug: quantity
        for slug, quantity in stored.items()
        if slug in PRODUCTS and isinstance(quantity, int) and 1 <= quantity <= MAX_QUANTITY
    }


def read_preferences(session: SessionBase) -> Preferences:
    stored = session.get(PREFERENCES_KEY)
    preferences = Preferences(**DEFAULT_PREFERENCES)
    if isinstance(stored, dict):
        if stored.get("currency") in CURRENCIES:
            preferences["currency"] = stored["currency"]
        if stored.get("per_page") in PER_PAGE_CHOICES:
            preferences["per_page"] = stored["per_page"]
    return preferences


class AddToCartForm(forms.Form):
    product = forms.ChoiceField(choices=_PRODUCT_CHOICES, error_messages={"invalid_choice": _UNKNOWN_PRODUCT})
    quantity = forms.IntegerField(min_value=1, max_value=MAX_QUANTITY, initial=1, error_messages=_QUANTITY_ERRORS)

    def __init__(self, *args, cart: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cart = cart

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        slug, quantity = cleaned.get("product"), cleaned.get("quantity")
        if slug and quantity and self.cart.get(slug, 0) + quantity > MAX_QUANTITY:
            self.add_error(
                "quantity",
                f"You already have {self.cart[slug]}; at most {MAX_QUANTITY} of one product fit in the cart.",
            )
        return cleaned


class RemoveFromCartForm(forms.Form):
    product = forms.ChoiceField(choices=_PRODUCT_CHOICES, error_messages={"invalid_choice": _UNKNOWN_PRODUCT})

    def __init__(self, *args, cart: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cart = cart

    def clean_product(self) -> str:
        slug = self.cleaned_data["product"]
        if slug not in self.cart:
            raise forms.ValidationError("That product is not in your cart.")
        return slug


class PreferencesForm(forms.Form):
    currency = forms.ChoiceField(
        choices=[(code, f"{code} ({symbol})") for code, (symbol, _) in CURRENCIES.items()],
        error_messages={"invalid_choice": "Pick one of the currencies offered."},
    )
    per_page = forms.TypedChoiceField(
        label="Products per page",
        choices=[(n, str(n)) for n in PER_PAGE_CHOICES],
        coerce=int,
        error_messages={"invalid_choice": "Pick one of the page sizes offered."},
    )


def add_to_cart(session: SessionBase, slug: str, quantity: int) -> None:
    cart = read_cart(session)
    cart[slug] = cart.get(slug, 0) + quantity
    session[CART_KEY] = cart


def remove_from_cart(session: SessionBase, slug: str) -> None:
    cart = read_cart(session)
    cart.pop(slug, None)
    session[CART_KEY] = cart


def clear_cart(session: SessionBase) -> None:
    session.pop(CART_KEY, None)


def save_preferences(session: SessionBase, currency: str, per_page: int) -> None:
    session[PREFERENCES_KEY] = {"currency": currency, "per_page": per_page}


def price(cents: int, currency: str) -> str:
    symbol, rate = CURRENCIES[currency]
    amount = (Decimal(cents) / 100 * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{symbol}{amount}"


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int
    total: str


def cart_lines(cart: dict[str, int], currency: str) -> tuple[list[CartLine], str]:
    """The cart's lines and its total, priced in ``currency``."""
    lines = [
        CartLine(PRODUCTS[slug], quantity, price(PRODUCTS[slug].price_cents * quantity, currency))
        for slug, quantity in cart.items()
    ]
    total = sum(PRODUCTS[slug].price_cents * quantity for slug, quantity in cart.items())
    return lines, price(total, currency)


@dataclass(frozen=True)
class EncodedSession:
    """The session's data as the JSON serializer writes it, and the size of what the engine stores."""

    json: str  # what the JSON serializer makes of the session data
    json_bytes: int
    stored_bytes: int  # what the engine keeps: signed, and compressed when that is smaller


def encoded_session(session: SessionBase) -> EncodedSession:
    data = dict(session.items())
    serialized = JSONSerializer().dumps(data)
    return EncodedSession(serialized.decode(), len(serialized), len(session.encode(data).encode()))
