from django.urls import path

from cookielab.views import javascript
from cookielab.views import limits
from cookielab.views import pages
from cookielab.views import signed
from cookielab.views import stateless
from cookielab.views import workbench

app_name = "cookielab"

urlpatterns = [
    path("", pages.index, name="index"),
    path("wire/", pages.wire_panel, name="wire"),
    path("lessons/http-is-stateless/", stateless.http_is_stateless, name="http-is-stateless"),
    # ---- cookie lessons ----
    # ---- workbench, JavaScript, signed cookies, limits ----
    path("setcookie/", workbench.setcookie, name="setcookie"),
    path("lessons/setting-cookies/", workbench.setting_cookies, name="setting-cookies"),
    path("lessons/setting-cookies/delete/", workbench.delete_workbench_cookie, name="setting-cookies-delete"),
    path("lessons/cookies-in-javascript/", javascript.cookies_in_javascript, name="cookies-in-javascript"),
    path("lessons/cookies-in-javascript/echo/", javascript.echo, name="cookies-in-javascript-echo"),
    path("lessons/signed-cookies/", signed.signed_cookies, name="signed-cookies"),
    path("lessons/signed-cookies/sign/", signed.sign, name="signed-cookies-sign"),
    path("lessons/signed-cookies/tamper/", signed.tamper, name="signed-cookies-tamper"),
    path("lessons/signed-cookies/verify/", signed.verify, name="signed-cookies-verify"),
    path("lessons/cookie-limits/", limits.cookie_limits, name="cookie-limits"),
    path("lessons/cookie-limits/send/", limits.send, name="cookie-limits-send"),
    path("lessons/cookie-limits/clear/", limits.clear, name="cookie-limits-clear"),
    # ---- httpbin API ----
    # ---- sessions: inspector, options, backends, timeout ----
    # ---- sessions: counter, login, cart, races, no cookies ----
    # ---- storage lab ----
    # ---- security ----
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
