from __future__ import annotations

from typing import Any

from django import forms

DEMOS = ("invented-id", "login-no-cycle", "login-cycle", "hijack", "signed-replay")
NO_SUCH_DEMO = "Pick one of the demo buttons: that request named no demo this page knows."


class DemoForm(forms.Form):
    """Which attack to run: the name of the button pressed."""

    demo = forms.ChoiceField(
        choices=[(name, name) for name in DEMOS],
        error_messages={"required": NO_SUCH_DEMO, "invalid_choice": NO_SUCH_DEMO},
    )

    def __init__(self, *args: Any, has_session: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.has_session = has_session

    def clean_demo(self) -> str:
        demo: str = self.cleaned_data["demo"]
        if demo == "hijack" and not self.has_session:
            raise forms.ValidationError(
                "You have no session yet: leave a note in the coat-check of the lesson “What is a session” first, "
                "then come back and copy your cookie."
            )
        return demo
