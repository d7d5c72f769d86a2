from __future__ import annotations

from typing import Any

from django import forms

from cookielab.lessons.cookies.myths_and_facts.statements import FACT
from cookielab.lessons.cookies.myths_and_facts.statements import MYTH
from cookielab.lessons.cookies.myths_and_facts.statements import STATEMENTS


class MythsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for statement in STATEMENTS:
            self.fields[statement.key] = forms.ChoiceField(
                label=statement.text,
                choices=((MYTH, "Myth"), (FACT, "Fact")),
                widget=forms.RadioSelect,
                error_messages={
                    "required": "Pick Myth or Fact for this statement.",
                    "invalid_choice": "Only Myth or Fact can be an answer.",
                },
            )
