from __future__ import annotations

from django import forms

from cookielab.lessons import Quiz


class QuizForm(forms.Form):
    choice = forms.TypedChoiceField(
        label="Your answer",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Pick one of the answers first.",
            "invalid_choice": "That is not one of the answers offered.",
        },
    )

    def __init__(self, quiz: Quiz, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.quiz = quiz
        self.fields["choice"].label = quiz.question
        self.fields["choice"].choices = list(enumerate(quiz.choices))

    def is_correct(self) -> bool:
        return self.cleaned_data["choice"] == self.quiz.answer
