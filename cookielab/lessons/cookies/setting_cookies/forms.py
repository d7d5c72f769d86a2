"""The cookie workbench's forms: set any valid cookie, delete one the workbench set."""

from __future__ import annotations

import time
from datetime import datetime
from datetime import timezone as dt_timezone
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.core import cookies
from cookielab.lessons.cookies.setting_cookies.workbench import WorkbenchCookie
from cookielab.lessons.cookies.setting_cookies.workbench import held_cookies
from cookielab.lessons.cookies.setting_cookies.workbench import validate_capacity
from cookielab.lessons.cookies.setting_cookies.workbench import value_hash

ENCODING_CHOICES = [
    ("none", "Send it as typed"),
    ("base64", "Base64 (URL-safe)"),
    ("percent", "Percent-encoding"),
]
SAMESITE_FIELD_CHOICES = [("", "Not set"), ("Lax", "Lax"), ("Strict", "Strict"), ("None", "None (needs Secure)")]


class WorkbenchForm(forms.Form):
    name = forms.CharField(label="Name", strip=False, error_messages={"required": "Give the cookie a name."})
    value = forms.CharField(label="Value", strip=False, required=False, widget=forms.Textarea(attrs={"rows": 2}))
    encoding = forms.ChoiceField(
        label="Encode the value",
        choices=ENCODING_CHOICES,
        initial="none",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how to send the value.", "invalid_choice": "Choose one of the encodings."},
    )
    max_age = forms.CharField(
        label="Max-Age (seconds)", required=False, help_text="0 … 34,560,000 (400 days). Empty: no Max-Age."
    )
    expires = forms.DateTimeField(
        label="Expires (UTC)",
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text="Empty: no Expires. Neither Max-Age nor Expires makes a session cookie.",
        error_messages={"invalid": "Expires must be a date and time, like 2030-01-31 12:00."},
    )
    path = forms.CharField(label="Path", initial="/", strip=False, error_messages={"required": "Give a Path, like /."})
    domain = forms.CharField(label="Domain", required=False, strip=False, help_text="Empty: a host-only cookie.")
    secure = forms.BooleanField(label="Secure", required=False)
    httponly = forms.BooleanField(label="HttpOnly", required=False)
    samesite = forms.ChoiceField(
        label="SameSite",
        choices=SAMESITE_FIELD_CHOICES,
        required=False,
        error_messages={"invalid_choice": "SameSite is Lax, Strict or None, or left unset."},
    )

    def __init__(self, *args: Any, request: HttpRequest, **kwargs: Any) -> None:
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.request = request
        self.now = time.time()
        for field in self.fields.values():
            field.widget.attrs.setdefault("autocomplete", "off")

    def clean_name(self) -> str:
        return cookies.validate_cookie_name(self.cleaned_data["name"])

    def clean_max_age(self) -> int | None:
        raw = self.cleaned_data["max_age"]
        return None if raw.strip() == "" else cookies.validate_max_age(raw)

    def clean_expires(self) -> datetime | None:
        value = self.cleaned_data["expires"]
        if value is None:
            return None
        return cookies.validate_expires(value, datetime.fromtimestamp(self.now, dt_timezone.utc))

    def clean_path(self) -> str:
        return cookies.validate_cookie_path(self.cleaned_data["path"])

    def clean_domain(self) -> str:
        return cookies.validate_cookie_domain(self.cleaned_data["domain"], cookies.request_host(self.request))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("max_age") is not None and data.get("expires") is not None:
            self.add_error(
                "expires",
                "Give Max-Age or Expires, not both: with both, browsers follow Max-Age (and Django refuses a "
                "date for Expires together with max_age).",
            )
        if "value" in data and "encoding" in data:
            try:
                encoded = cookies.encode_cookie_value(data["value"], data["encoding"])
                data["cookie_value"] = cookies.validate_cookie_value(encoded)
            except ValidationError as error:
                self.add_error("value", error)
        if "samesite" in data:
            try:
                data["samesite"] = cookies.validate_samesite(data["samesite"], data.get("secure", False))
            except ValidationError as error:
                self.add_error("samesite", error)
        if "name" in data and "path" in data and "domain" in data:
            try:
                cookies.validate_prefix_rules(
                    data["name"], secure=data.get("secure", False), path=data["path"], domain=data["domain"]
                )
            except ValidationError as error:
                self.add_error("name", error)
        if not self.errors:
            self._check_size_and_capacity(data)
        return data

    def _check_size_and_capacity(self, data: dict[str, Any]) -> None:
        try:
            cookies.validate_cookie_size(data["name"], data["cookie_value"])
        except ValidationError as error:
            self.add_error("value", error)
            return
        try:
            validate_capacity(
                self.remembered(),
                data["cookie_value"],
                held_cookies(self.request, self.now),
                self.request.COOKIES,
                self.request.headers.get("Cookie", ""),
            )
        except ValidationError as error:
            self.add_error(None, error)

    def lifetime(self) -> int | None:
        """Seconds until the cookie expires, or None for a session cookie."""
        if self.cleaned_data["max_age"] is not None:
            return self.cleaned_data["max_age"]
        expires = self.cleaned_data["expires"]
        if expires is None:
            return None
        return max(0, int(expires.timestamp() - self.now))

    def remembered(self) -> WorkbenchCookie:
        data = self.cleaned_data
        lifetime = self.lifetime()
        return WorkbenchCookie(
            name=data["name"],
            path=data["path"],
            domain=data["domain"],
            secure=data["secure"],
            expires_at=None if lifetime is None else int(self.now) + lifetime,
            value_hash=value_hash(data["cookie_value"]),
        )

    def set_cookie(self, response: HttpResponse) -> None:
        data = self.cleaned_data
        response.set_cookie(
            data["name"],
            data["cookie_value"],
            max_age=data["max_age"],
            expires=data["expires"],
            path=data["path"],
            domain=data["domain"] or None,
            secure=data["secure"],
            httponly=data["httponly"],
            samesite=data["samesite"] or None,
        )


class DeleteForm(forms.Form):
    name = forms.CharField(strip=False, error_messages={"required": "Say which cookie to delete."})

    def __init__(self, *args: Any, held: list[WorkbenchCookie], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held = {cookie.name: cookie for cookie in held}

    def clean_name(self) -> WorkbenchCookie:
        name = self.cleaned_data["name"]
        if name not in self.held:
            raise ValidationError("That is not a cookie the workbench set for this browser (or it has expired).")
        return self.held[name]
