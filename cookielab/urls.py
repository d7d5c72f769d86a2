from django.urls import path

from cookielab.views import cart
from cookielab.views import counters
from cookielab.views import login
from cookielab.views import pages
from cookielab.views import stateless
from cookielab.views import without_cookies

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
    # ---- security ----
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
