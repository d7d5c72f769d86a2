"""The lesson's "set your own cookie" form."""

from __future__ import annotations

from typing import Any

from django import forms

from cookielab.core.cookies import MAX_COOKIE_BYTES
from cookielab.lessons.tools.httpbin_api.validation import HttpbinError
from cookielab.lessons.tools.httpbin_api.validation import validate_cookie
from cookielab.lessons.tools.httpbin_api.validation import validate_cookie_name


class CookieForm(forms.Form):
    """The lesson's "set your own cookie" form (the page's no-JavaScript path to ``/cookies/set``)."""

    cookie_name = forms.CharField(label="Name", max_length=256)
    cookie_value = forms.CharField(label="Value", required=False, max_length=MAX_COOKIE_BYTES, strip=False)

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean() or {}
        name, value = cleaned.get("cookie_name"), cleaned.get("cookie_value", "")
        if name is None or value is None:
            return cleaned
        try:
            validate_cookie_name(name)
        except HttpbinError as error:
            self.add_error("cookie_name", str(error))
            return cleaned
        try:
            validate_cookie(name, value)
        except HttpbinError as error:
            self.add_error("cookie_value", str(error))
        return cleaned
