"""Lesson: httpbin-api."""

from __future__ import annotations

from django.urls import path

from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.views import httpbin as httpbin_views

lesson = Lesson(
    slug="httpbin-api",
    title="An httpbin you can test against",
    summary="Set, read and delete cookies through httpbin's own API, here on this site, with curl or requests.",
    topics=("Cookies", "Setting a cookie", "Getting a cookie"),
    quiz=Quiz(
        question=(
            "You run requests.get(base + '/cookies/set?flavour=oatmeal') and then "
            "requests.get(base + '/cookies'). The second answer is {\"cookies\": {}}. Why?"
        ),
        choices=(
            "The server forgot the cookie: httpbin only keeps cookies for one request.",
            "Each requests.get() starts with an empty cookie jar; a requests.Session() keeps the cookie "
            "and sends it back.",
            "/cookies/set only works in a browser, because it answers with a redirect.",
            "The cookie expired because it had no Max-Age.",
        ),
        answer=1,
        explanation=(
            "The server keeps nothing: it answered the first request with Set-Cookie, and only the "
            "client can send that cookie back. A bare requests.get() throws its jar away after the "
            "call (it did follow the redirect, carrying the cookie for that one hop); a Session keeps "
            "the jar between calls, as a browser does."
        ),
    ),
)

page = httpbin_views.httpbin_api
# httpbin's own paths, without a trailing slash (they match, so APPEND_SLASH never redirects them).
root_urlpatterns = [
    path("httpbin/cookies", httpbin_views.cookies, name="httpbin-cookies"),
    path("httpbin/cookies/set", httpbin_views.cookies_set, name="httpbin-cookies-set"),
    path("httpbin/cookies/set/<str:name>/<str:value>", httpbin_views.cookies_set_one, name="httpbin-cookies-set-one"),
    path("httpbin/cookies/delete", httpbin_views.cookies_delete, name="httpbin-cookies-delete"),
    path("httpbin/get", httpbin_views.get, name="httpbin-get"),
    path("httpbin/headers", httpbin_views.headers, name="httpbin-headers"),
    path("httpbin/redirect/<int:n>", httpbin_views.redirect, name="httpbin-redirect"),
    path("httpbin/relative-redirect/<int:n>", httpbin_views.relative_redirect, name="httpbin-relative-redirect"),
    path("httpbin/absolute-redirect/<int:n>", httpbin_views.absolute_redirect, name="httpbin-absolute-redirect"),
    path("httpbin/response-headers", httpbin_views.response_headers, name="httpbin-response-headers"),
]
