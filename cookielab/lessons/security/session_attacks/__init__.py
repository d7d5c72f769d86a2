"""Lesson: session-attacks (fixation, hijacking and replay, run for real on the site's session engine)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import path
from django.urls import reverse
from django.views.decorators.http import require_safe

from cookielab.conf import conf
from cookielab.core import progress
from cookielab.core.session_stores import session_store_class
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import render_lesson
from cookielab.lessons.base import show_result
from cookielab.lessons.security.session_attacks import attacks
from cookielab.lessons.security.session_attacks.forms import DemoForm

lesson = Lesson(
    slug="session-attacks",
    title="Fixation, hijacking and replay",
    summary="What someone holding your session id can do, and what the server does about it.",
    topics=("What is a session", "How a session works", "Session timeout"),
    learn=(
        "Why a session id is a bearer token.",
        "How fixation, hijacking and replay work, run for real on throwaway sessions.",
        "What Django, and you, can do about each.",
    ),
    recap=(
        "Whoever presents the session id is the session: guard it with HttpOnly, Secure, short lifetimes, and never "
        "put it in a URL.",
        "Django defeats fixation by refusing ids it never issued and by cycle_key() at login.",
        "With signed_cookies, logout cannot revoke a copied cookie: it stays valid until it expires.",
    ),
    quiz=(
        Quiz(
            question="A site keeps sessions in signed cookies. You log out. What can someone who copied the cookie do?",
            choices=(
                "Nothing: logging out deleted the session on the server.",
                "Use it until it expires: the server keeps no record it could delete.",
                "Only read it: the signature stops it being sent again.",
            ),
            answer=1,
            explanation=(
                "A signed cookie carries the whole session; the server only checks the signature and age. "
                "Logging out clears your browser's copy, and a copy elsewhere still verifies until it expires."
            ),
        ),
        Quiz(
            question=(
                "An attacker gets your browser to use a session id they know, and then you log in. Why is that id "
                "useless "
                "to them with Django?"
            ),
            choices=(
                "login() moves your session to a new id and deletes the old one.",
                "Django ties every session to the IP address that created it.",
                "The attacker's id is encrypted by the browser.",
            ),
            answer=0,
            explanation=(
                "That is session fixation, and cycle_key() at login defeats it: the id the attacker knows stops "
                "working "
                "at the moment it would have become valuable. Django also refuses ids it never issued."
            ),
        ),
        Quiz(
            question="Someone copied your session id. What limits how long they can use it?",
            choices=(
                "A short session lifetime, and a logout that deletes the session on the server.",
                "A longer session id.",
                "Keeping the session in a signed cookie (signed_cookies).",
            ),
            answer=0,
            explanation=(
                "A stolen id works until the server forgets it. Short lifetimes and a server-side logout bound that "
                "window; signed_cookies takes away the server's power to forget it at all, and a longer id only stops "
                "guessing, not copying."
            ),
        ),
    ),
)


# The result of a demo comes back in ``?result=``, signed: no link can show a result the server never produced.
RESULT_SALT = "cookielab.session-attacks.result"


def shown_result(request: HttpRequest) -> dict[str, Any]:
    try:
        result: dict[str, Any] = signing.loads(request.GET.get("result", ""), salt=RESULT_SALT)
    except signing.BadSignature:
        return {}
    return result


def context(request: HttpRequest) -> dict[str, Any]:
    key = attacks.known_session_key(request) or ""
    return {
        "engine": settings.SESSION_ENGINE,
        "cookie_name": settings.SESSION_COOKIE_NAME,
        # This browser's own id for the curl exercise, only where the site shows session keys (DEBUG, by default).
        "shown_key": key if conf.enabled("REVEAL_SESSION_KEYS") else "",
        "whoami_url": request.build_absolute_uri(reverse("cookielab:session-attacks-whoami")),
        **shown_result(request),
    }


def run_demo(demo: str, own_key: str | None) -> dict[str, Any]:
    store_class = session_store_class()
    if demo == "invented-id":
        return {"invented": attacks.plant_invented_session_id(store_class)}
    if demo in {"login-no-cycle", "login-cycle"}:
        return {"fixation": attacks.login_on_a_planted_session(store_class, cycle=demo == "login-cycle")}
    if demo == "signed-replay":
        return {"replay": attacks.signed_cookie_replay()}
    assert own_key is not None  # DemoForm refuses the hijack to a browser without a session
    return {"hijack": attacks.second_browser_whoami(own_key)}


@lesson_action
def demo(request: HttpRequest) -> HttpResponse:
    own_key = attacks.known_session_key(request)
    form = DemoForm(request.POST, has_session=own_key is not None)
    if not form.is_valid():
        return render_lesson(request, lesson, {"demo_form": form})
    chosen = form.cleaned_data["demo"]
    result = {"demo": chosen, **run_demo(chosen, own_key)}
    response = show_result(lesson, "attack-result", result=signing.dumps(result, salt=RESULT_SALT, compress=True))
    progress.mark(request, response, lesson.slug, progress.ATTACK)
    return response


@require_safe
def whoami(request: HttpRequest) -> HttpResponse:
    return HttpResponse(attacks.whoami_text(request), content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("demo/", demo, name="session-attacks-demo"),
    path("whoami/", whoami, name="session-attacks-whoami"),
]
