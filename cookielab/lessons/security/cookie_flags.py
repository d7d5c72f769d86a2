"""Lesson: cookie-flags."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import security as security_views

lesson = Lesson(
    slug="cookie-flags",
    title="HttpOnly, Secure and SameSite",
    summary="Three attributes decide who may read a cookie and which requests carry it.",
    topics=("Cookies", "How cookies are sent", "Cookies in JavaScript", "Session options"),
    quiz=Quiz(
        question="Another site links to this one and the student clicks the link. Which cookies travel?",
        choices=(
            "Only SameSite=None cookies.",
            "SameSite=Lax and SameSite=None cookies, but not SameSite=Strict ones.",
            "All of them: a click is a user action.",
            "None: cross-site requests never carry cookies.",
        ),
        answer=1,
        explanation=(
            "A top-level GET navigation from another site carries Lax and None cookies. Strict ones stay "
            "home until a request starts on the same site; a cross-site POST or image carries only None."
        ),
    ),
)

page = security_views.cookie_flags
urlpatterns = [
    path("set/", security_views.set_flag_cookies, name="cookie-flags-set"),
    path("clear/", security_views.clear_flag_cookies, name="cookie-flags-clear"),
    path("cross-site/", security_views.cross_site_launcher, name="cookie-flags-cross-site"),
    path("arrived/", security_views.cookies_arrived, name="cookie-flags-arrived"),
    path("pixel.svg", security_views.arrival_pixel, name="cookie-flags-pixel"),
]
