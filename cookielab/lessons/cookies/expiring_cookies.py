"""Lesson: expiring-cookies."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import cookies as cookies_views

lesson = Lesson(
    slug="expiring-cookies",
    title="Deleting means expiring",
    summary="There is no delete: send the same name, domain and path again with an expiry in the past.",
    topics=("How long does a cookie exist", "Setting a cookie"),
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

page = cookies_views.expiring_cookies
urlpatterns = [
    path("lab/", cookies_views.expiring_cookies, name="expiring-cookies-lab"),
    path("lab/set/", cookies_views.lab_set, name="expiring-cookies-lab-set"),
    path("lab/delete-root/", cookies_views.lab_delete_wrong_path, name="expiring-cookies-lab-wrong"),
    path("lab/delete/", cookies_views.lab_delete_right_path, name="expiring-cookies-lab-right"),
]
root_urlpatterns = [
    path("deletecookie/", cookies_views.deletecookie, name="deletecookie"),
]
