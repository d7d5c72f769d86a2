from django.urls import path

from cookielab.views import httpbin
from cookielab.views import pages
from cookielab.views import stateless

app_name = "cookielab"

urlpatterns = [
    path("", pages.index, name="index"),
    path("wire/", pages.wire_panel, name="wire"),
    path("lessons/http-is-stateless/", stateless.http_is_stateless, name="http-is-stateless"),
    # ---- cookie lessons ----
    # ---- workbench, JavaScript, signed cookies, limits ----
    # ---- httpbin API ----
    # httpbin's own paths, without a trailing slash (they match, so APPEND_SLASH never redirects them).
    path("lessons/httpbin-api/", httpbin.httpbin_api, name="httpbin-api"),
    path("httpbin/cookies", httpbin.cookies, name="httpbin-cookies"),
    path("httpbin/cookies/set", httpbin.cookies_set, name="httpbin-cookies-set"),
    path("httpbin/cookies/set/<str:name>/<str:value>", httpbin.cookies_set_one, name="httpbin-cookies-set-one"),
    path("httpbin/cookies/delete", httpbin.cookies_delete, name="httpbin-cookies-delete"),
    path("httpbin/get", httpbin.get, name="httpbin-get"),
    path("httpbin/headers", httpbin.headers, name="httpbin-headers"),
    path("httpbin/redirect/<int:n>", httpbin.redirect, name="httpbin-redirect"),
    path("httpbin/relative-redirect/<int:n>", httpbin.relative_redirect, name="httpbin-relative-redirect"),
    path("httpbin/absolute-redirect/<int:n>", httpbin.absolute_redirect, name="httpbin-absolute-redirect"),
    path("httpbin/response-headers", httpbin.response_headers, name="httpbin-response-headers"),
    # ---- sessions: inspector, options, backends, timeout ----
    # ---- sessions: counter, login, cart, races, no cookies ----
    # ---- storage lab ----
    # ---- security ----
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
