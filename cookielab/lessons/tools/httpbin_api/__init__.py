"""Lesson: httpbin-api — an httpbin-compatible API on this site, to set, read and delete cookies with any client."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.urls import path
from django.urls import reverse

from cookielab.lessons.base import DemoCookie
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.base import lesson_page
from cookielab.lessons.base import render_lesson
from cookielab.lessons.tools.httpbin_api import api
from cookielab.lessons.tools.httpbin_api.forms import CookieForm
from cookielab.lessons.tools.httpbin_api.jar import MAX_AGE
from cookielab.lessons.tools.httpbin_api.jar import api_cookie_path
from cookielab.lessons.tools.httpbin_api.validation import MAX_JAR_BYTES
from cookielab.lessons.tools.httpbin_api.validation import MAX_JAR_COOKIES
from cookielab.lessons.tools.httpbin_api.validation import MAX_PAIRS
from cookielab.lessons.tools.httpbin_api.validation import MAX_REDIRECTS

lesson = Lesson(
    slug="httpbin-api",
    title="An httpbin you can test against",
    summary="Set, read and delete cookies through httpbin's own API, here on this site, with curl or requests.",
    topics=("Cookies", "Setting a cookie", "Getting a cookie"),
    learn=(
        "What httpbin is, and why HTTP client tests use it.",
        "How to set, read and delete cookies through its API with curl and requests.",
        "Why the client, not the server, keeps the cookies.",
    ),
    recap=(
        "httpbin answers with exactly what you asked for, or what it received, as JSON.",
        "/cookies/set answers with Set-Cookie and a redirect; /cookies reports the Cookie header that came back.",
        "The server stores nothing: a browser or a requests.Session() keeps the jar, a bare requests.get() or curl "
        "does not.",
    ),
    demo_cookies=(
        DemoCookie("flavour", scope="app", under="httpbin", samesite=None),
        DemoCookie("batch", scope="app", under="httpbin", samesite=None),
    ),
    reset_note="cookies you named yourself go with /cookies/delete",
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


def context(request: HttpRequest) -> dict[str, Any]:
    def absolute(name: str, *args: object) -> str:
        return request.build_absolute_uri(reverse(f"cookielab:httpbin-{name}", args=args))

    api_urls = {
        "base": absolute("get").removesuffix("/get"),
        "cookies": absolute("cookies"),
        "set": absolute("cookies-set"),
        "set_one": absolute("cookies-set-one", "flavour", "oatmeal"),
        "delete": absolute("cookies-delete"),
        "get": absolute("get"),
        "headers": absolute("headers"),
        "redirect": absolute("redirect", 3),
        "response_headers": absolute("response-headers"),
    }
    return {
        "api": api_urls,
        "form": CookieForm(),
        "cookie_path": api_cookie_path(),
        "cookie_max_age": MAX_AGE,
        "max_jar_cookies": MAX_JAR_COOKIES,
        "max_jar_bytes": f"{MAX_JAR_BYTES:,}",
        "max_pairs": MAX_PAIRS,
        "max_redirects": MAX_REDIRECTS,
    }


@lesson_page
def page(request: HttpRequest) -> HttpResponse:
    """The lesson; its GET form is the no-JavaScript way to set a cookie of your own through the API."""
    if "cookie_name" not in request.GET:
        return render_lesson(request, lesson)
    form = CookieForm(request.GET)
    if not form.is_valid():
        return render_lesson(request, lesson, {"form": form})
    query = urlencode({form.cleaned_data["cookie_name"]: form.cleaned_data["cookie_value"]})
    return HttpResponseRedirect(f"{reverse('cookielab:httpbin-cookies-set')}?{query}")


# httpbin's own paths, without a trailing slash (they match, so APPEND_SLASH never redirects them).
root_urlpatterns = [
    path("httpbin/cookies", api.cookies, name="httpbin-cookies"),
    path("httpbin/cookies/set", api.cookies_set, name="httpbin-cookies-set"),
    path("httpbin/cookies/set/<str:name>/<str:value>", api.cookies_set_one, name="httpbin-cookies-set-one"),
    path("httpbin/cookies/delete", api.cookies_delete, name="httpbin-cookies-delete"),
    path("httpbin/get", api.get, name="httpbin-get"),
    path("httpbin/headers", api.headers, name="httpbin-headers"),
    path("httpbin/redirect/<int:n>", api.redirect, name="httpbin-redirect"),
    path("httpbin/relative-redirect/<int:n>", api.relative_redirect, name="httpbin-relative-redirect"),
    path("httpbin/absolute-redirect/<int:n>", api.absolute_redirect, name="httpbin-absolute-redirect"),
    path("httpbin/response-headers", api.response_headers, name="httpbin-response-headers"),
]
