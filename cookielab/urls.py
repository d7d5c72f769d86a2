from django.urls import path

from cookielab.views import cart
from cookielab.views import cookies
from cookielab.views import counters
from cookielab.views import httpbin
from cookielab.views import javascript
from cookielab.views import limits
from cookielab.views import login
from cookielab.views import pages
from cookielab.views import security
from cookielab.views import session_backends
from cookielab.views import session_options
from cookielab.views import session_timeout
from cookielab.views import signed
from cookielab.views import stateless
from cookielab.views import storage
from cookielab.views import what_is_a_session
from cookielab.views import without_cookies
from cookielab.views import workbench

app_name = "cookielab"

urlpatterns = [
    path("", pages.index, name="index"),
    path("wire/", pages.wire_panel, name="wire"),
    path("lessons/http-is-stateless/", stateless.http_is_stateless, name="http-is-stateless"),
    # ---- cookie lessons ----
    path("lessons/how-cookies-are-sent/", cookies.how_cookies_are_sent, name="how-cookies-are-sent"),
    path("lessons/how-cookies-are-sent/bake/", cookies.bake, name="how-cookies-are-sent-bake"),
    path("lessons/myths-and-facts/", cookies.myths_and_facts, name="myths-and-facts"),
    path("lessons/reading-cookies/", cookies.reading_cookies, name="reading-cookies"),
    path("lessons/reading-cookies/duplicates/", cookies.set_duplicates, name="reading-cookies-duplicates"),
    path("lessons/reading-cookies/duplicates/clear/", cookies.clear_duplicates, name="reading-cookies-clear"),
    path("getcookie/", cookies.reading_cookies, name="getcookie"),
    path("lessons/expiring-cookies/", cookies.expiring_cookies, name="expiring-cookies"),
    path("lessons/expiring-cookies/lab/", cookies.expiring_cookies, name="expiring-cookies-lab"),
    path("lessons/expiring-cookies/lab/set/", cookies.lab_set, name="expiring-cookies-lab-set"),
    path("lessons/expiring-cookies/lab/delete-root/", cookies.lab_delete_wrong_path, name="expiring-cookies-lab-wrong"),
    path("lessons/expiring-cookies/lab/delete/", cookies.lab_delete_right_path, name="expiring-cookies-lab-right"),
    path("deletecookie/", cookies.deletecookie, name="deletecookie"),
    path("lessons/session-vs-persistent/", cookies.session_vs_persistent, name="session-vs-persistent"),
    path("lessons/session-vs-persistent/set/", cookies.set_lifetimes, name="session-vs-persistent-set"),
    path("lessons/session-vs-persistent/expire/", cookies.expire_lifetimes, name="session-vs-persistent-expire"),
    path("lessons/where-cookies-live/", cookies.where_cookies_live, name="where-cookies-live"),
    path("lessons/cookie-use-cases/", cookies.cookie_use_cases, name="cookie-use-cases"),
    path("lessons/cookie-use-cases/theme/", cookies.choose_theme, name="cookie-use-cases-theme"),
    path("lessons/cookie-use-cases/mark-host/", cookies.mark_host, name="cookie-use-cases-mark"),
    path("lessons/cookie-use-cases/pixel.svg", cookies.pixel, name="cookie-use-cases-pixel"),
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
    path("lessons/what-is-a-session/", what_is_a_session.what_is_a_session, name="what-is-a-session"),
    path("lessons/session-options/", session_options.session_options, name="session-options"),
    path("lessons/session-options/read/", session_options.session_options_read, name="session-options-read"),
    path("lessons/session-backends/", session_backends.session_backends, name="session-backends"),
    path("lessons/session-timeout/", session_timeout.session_timeout, name="session-timeout"),
    # ---- sessions: counter, login, cart, races, no cookies ----
    path("counter/", counters.counter, name="counter"),
    path("counter/atomic/", counters.counter_atomic, name="counter-atomic"),
    path("counter/count/", counters.counter_count, name="counter-count"),
    path("counter/reset/", counters.counter_reset, name="counter-reset"),
    path("lessons/races/", counters.races, name="races"),
    path("lessons/logging-in/", login.logging_in, name="logging-in"),
    path("lessons/logging-in/login/", login.demo_log_in, name="demo-log-in"),
    path("lessons/logging-in/logout/", login.demo_log_out, name="demo-log-out"),
    path("lessons/cart-and-preferences/", cart.cart_and_preferences, name="cart-and-preferences"),
    path("lessons/cart-and-preferences/add/", cart.add, name="cart-add"),
    path("lessons/cart-and-preferences/remove/", cart.remove, name="cart-remove"),
    path("lessons/cart-and-preferences/clear/", cart.clear, name="cart-clear"),
    path("lessons/cart-and-preferences/preferences/", cart.preferences, name="cart-preferences"),
    path("lessons/without-cookies/", without_cookies.without_cookies, name="without-cookies"),
    path("lessons/without-cookies/test-cookie/", without_cookies.set_test_cookie, name="test-cookie"),
    path("lessons/without-cookies/url-session/", without_cookies.url_session, name="url-session"),
    path("lessons/without-cookies/url-session/start/", without_cookies.url_session_start, name="url-session-start"),
    path("lessons/without-cookies/url-session/next/", without_cookies.url_session_next, name="url-session-next"),
    # ---- storage lab ----
    path("storage/", storage.storage_lab, name="storage-lab"),
    path("storage/echo/", storage.storage_echo, name="storage-echo"),
    path("storage/peek/", storage.storage_peek, name="storage-peek"),
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
    # ---- the quiz of every lesson ----
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
