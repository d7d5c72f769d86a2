from django.urls import path

from cookielab.views import pages
from cookielab.views import security
from cookielab.views import stateless

app_name = "cookielab"

urlpatterns = [
    path("", pages.index, name="index"),
    path("wire/", pages.wire_panel, name="wire"),
    path("lessons/http-is-stateless/", stateless.http_is_stateless, name="http-is-stateless"),
    # ---- cookie lessons ----
    # ---- workbench, JavaScript, signed cookies, limits ----
    # ---- httpbin API ----
    # ---- sessions: inspector, options, backends, timeout ----
    # ---- sessions: counter, login, cart, races, no cookies ----
    # ---- storage lab ----
    # ---- security ----
    path("lessons/cookie-flags/", security.cookie_flags, name="cookie-flags"),
    path("lessons/cookie-flags/set/", security.set_flag_cookies, name="cookie-flags-set"),
    path("lessons/cookie-flags/clear/", security.clear_flag_cookies, name="cookie-flags-clear"),
    path("lessons/cookie-flags/cross-site/", security.cross_site_launcher, name="cookie-flags-cross-site"),
    path("lessons/cookie-flags/arrived/", security.cookies_arrived, name="cookie-flags-arrived"),
    path("lessons/cookie-flags/pixel.svg", security.arrival_pixel, name="cookie-flags-pixel"),
    path("lessons/csrf/", security.csrf_lesson, name="csrf"),
    path("lessons/csrf/transfer/", security.csrf_transfer, name="csrf-transfer"),
    path("lessons/session-attacks/", security.session_attacks, name="session-attacks"),
    path("lessons/session-attacks/demo/", security.session_attack_demo, name="session-attacks-demo"),
    path("lessons/session-attacks/whoami/", security.whoami, name="session-attacks-whoami"),
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
