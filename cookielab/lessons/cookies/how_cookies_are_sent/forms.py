from __future__ import annotations

from django import forms

FLAVOURS = (("chocolate-chip", "Chocolate chip"), ("oatmeal", "Oatmeal"), ("ginger", "Ginger"))


class BakeForm(forms.Form):
    flavour = forms.ChoiceField(
        label="Flavour",
        choices=FLAVOURS,
        error_messages={
            "required": "Choose a flavour first.",
            "invalid_choice": "Choose one of the flavours in the list.",
        },
    )
