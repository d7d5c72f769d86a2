"""Forms of the session lessons: what a student may put in the coat-check and how long a session lives."""

from __future__ import annotations

from django import forms

NOTE_MAX_LENGTH = 80
LIFETIME_MAX_SECONDS = 86_400


class CoatCheckForm(forms.Form):
    note = forms.CharField(
        label="What to leave in the coat-check",
        max_length=NOTE_MAX_LENGTH,
        error_messages={
            "required": "Type a short note first: an empty note leaves nothing to store.",
            "max_length": f"Keep the note to {NOTE_MAX_LENGTH} characters or fewer.",
        },
    )

    def clean_note(self) -> str:
        note = " ".join(self.cleaned_data["note"].split())
        if not note:
            raise forms.ValidationError("Type a short note first: an empty note leaves nothing to store.")
        return note


class LifetimeForm(forms.Form):
    seconds = forms.IntegerField(
        label="Session lifetime in seconds",
        min_value=0,
        max_value=LIFETIME_MAX_SECONDS,
        help_text="0 means: until the browser closes.",
        error_messages={
            "required": "Give a number of seconds (0 = until the browser closes).",
            "invalid": "Whole seconds only, for example 30.",
            "min_value": "A lifetime cannot be negative; use 0 for “until the browser closes”.",
            "max_value": f"At most {LIFETIME_MAX_SECONDS} seconds (one day) for this demo.",
        },
    )
