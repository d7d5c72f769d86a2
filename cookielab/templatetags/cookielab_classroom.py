"""``{% classroom_panel %}``: the index's classroom box (the optional nickname), only in classroom mode."""

from __future__ import annotations

from typing import Any

from django import template

from cookielab.classroom import students
from cookielab.conf import conf

register = template.Library()

OUTCOMES = {
    "saved": "Saved.",
    "too-long": f"A nickname has at most {students.NICKNAME_MAX_LENGTH} characters: nothing was saved.",
    "full": "The class is full: this browser is not counted, so no nickname can be kept.",
}


@register.inclusion_tag("cookielab/classroom/panel.html", takes_context=True)
def classroom_panel(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    if request is None or not students.enabled():
        return {"on": False}
    student = students.current(request)
    outcome = request.GET.get("nickname", "")
    return {
        "on": True,
        "nickname": student.nickname if student else "",
        "outcome": OUTCOMES.get(outcome, ""),
        "outcome_ok": outcome == "saved",
        "max_length": students.NICKNAME_MAX_LENGTH,
        "student_cookie": conf.STUDENT_COOKIE_NAME,
        "csrf_token": context.get("csrf_token"),
    }
