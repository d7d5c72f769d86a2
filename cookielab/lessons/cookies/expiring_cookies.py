"""Lesson: expiring-cookies."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.urls import reverse
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_safe

from cookielab.core import progress
from cookielab.core import wire
from cookielab.core.cookie_header import previous_set_cookies
from cookielab.core.never_cache import never_cache
from cookielab.lessons.base import DemoCookie
from cookielab.lessons.base import HttpResponseSeeOther
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_action
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import page_view
from cookielab.lessons.base import render_lesson

USERNAME_COOKIE = "username"  # the lecture's cookie, set by /setcookie/
LAB_COOKIE = "lab_path_demo"
LAB_COOKIE_VALUE = "path-scoped"
LAB_ATTEMPTS = {
    "set": "You set the cookie with a Path of the lab's sub-path.",
    "wrong-path": "You asked to delete it with Path=/ — a different path from the one it was set with.",
    "right-path": "You asked to delete it with the same Path it was set with.",
}

lesson = Lesson(
    slug="expiring-cookies",
    title="Deleting means expiring",
    summary="There is no delete: send the same name, domain and path again with an expiry in the past.",
    topics=("How long does a cookie exist", "Setting a cookie"),
    learn=(
        "Why HTTP has no “delete this cookie” message.",
        "How Max-Age=0, or an Expires in the past, removes a cookie.",
        "Why the expired copy must repeat the cookie's path and domain.",
    ),
    recap=(
        "A cookie is removed by sending it again with Max-Age=0 or a past Expires; Django's delete_cookie does "
        "exactly that.",
        "A browser tells cookies apart by name, domain and path together.",
        "An expiry sent with another path describes another cookie, so the original stays.",
    ),
    demo_cookies=(DemoCookie(LAB_COOKIE, under="lab/"),),
    quiz=Quiz(
        question="A cookie was set with Path=/shop/. Which response header removes it?",
        choices=(
            "Set-Cookie: name=; Max-Age=0; Path=/",
            "Set-Cookie: name=; Max-Age=0; Path=/shop/",
            "Any response that simply leaves the cookie out.",
            "None: only the user can remove a cookie.",
        ),
        answer=1,
        explanation=(
            "A browser identifies a cookie by name, domain and path. An expired Set-Cookie with a "
            "different path describes a different cookie, so the original stays."
        ),
    ),
)


def _lab_path() -> str:
    return reverse("cookielab:expiring-cookies-lab")


def context(request: HttpRequest) -> dict[str, Any]:
    return {
        "lab_cookie": LAB_COOKIE,
        "lab_path": _lab_path(),
        "page_path": request.path,
        "at_lab_path": request.path == _lab_path(),
        "lab_received": request.COOKIES.get(LAB_COOKIE),
        "attempt": LAB_ATTEMPTS.get(request.GET.get("attempt", "")),
        "attempt_headers": previous_set_cookies(request, {LAB_COOKIE}),
        "lab_frame": reverse("cookielab:expiring-cookies-lab-frame"),
    }


@lesson_page
def deletecookie(request: HttpRequest) -> HttpResponse:
    """The lecture's route: expire ``username`` (a GET, as in the lecture; it only ends a demo cookie)."""
    response = render_lesson(
        request, lesson, {"deleted_route": True, "had_username": USERNAME_COOKIE in request.COOKIES}
    )
    # Expired with the attributes /setcookie/ gave it: Path=/, HttpOnly, SameSite=Lax.
    response.delete_cookie(USERNAME_COOKIE, path="/", samesite="Lax")
    response.cookies[USERNAME_COOKIE]["httponly"] = True
    return response


def _show_lab_result(attempt: str) -> HttpResponseSeeOther:
    """Back to the lab's own page, inside the cookie's path, where the browser sends the lab cookie if it has it."""
    return HttpResponseSeeOther(f"{_lab_path()}?attempt={attempt}#lab-result")


@lesson_action
def lab_set(request: HttpRequest) -> HttpResponse:
    response = _show_lab_result("set")
    response.set_cookie(LAB_COOKIE, LAB_COOKIE_VALUE, path=_lab_path(), samesite="Lax")
    progress.mark(request, response, lesson.slug, progress.COOKIES_SET)
    return response


@lesson_action
def lab_delete_wrong_path(request: HttpRequest) -> HttpResponse:
    response = _show_lab_result("wrong-path")
    response.delete_cookie(LAB_COOKIE, path="/", samesite="Lax")
    return response


@lesson_action
def lab_delete_right_path(request: HttpRequest) -> HttpResponse:
    response = _show_lab_result("right-path")
    response.delete_cookie(LAB_COOKIE, path=_lab_path(), samesite="Lax")
    return response


# The framed page only has to exist at the lab's path; it runs nothing and loads nothing.
FRAME_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"


@never_cache
@require_safe
@xframe_options_sameorigin
def lab_frame(request: HttpRequest) -> HttpResponse:
    """A page inside the lab's path that this origin may frame: the lesson's main page reads the cookie through it."""
    response = render(request, "cookielab/lessons/expiring-cookies-frame.html", {"lab_path": _lab_path()})
    response["Content-Security-Policy"] = FRAME_POLICY
    return wire.not_recorded(response)


urlpatterns = [
    # The lesson page again, at a sub-path: the only place the lab's path-scoped cookie is sent.
    path("lab/", page_view(lesson), name="expiring-cookies-lab"),
    path("lab/set/", lab_set, name="expiring-cookies-lab-set"),
    path("lab/delete-root/", lab_delete_wrong_path, name="expiring-cookies-lab-wrong"),
    path("lab/delete/", lab_delete_right_path, name="expiring-cookies-lab-right"),
    path("lab/frame/", lab_frame, name="expiring-cookies-lab-frame"),
]
root_urlpatterns = [
    path("deletecookie/", deletecookie, name="deletecookie"),
]
