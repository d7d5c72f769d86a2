from django.urls import path

from cookielab.views import pages
from cookielab.views import session_backends
from cookielab.views import session_options
from cookielab.views import session_timeout
from cookielab.views import stateless
from cookielab.views import what_is_a_session

app_name = "cookielab"

urlpatterns = [
    path("", pages.index, name="index"),
    path("wire/", pages.wire_panel, name="wire"),
    path("lessons/http-is-stateless/", stateless.http_is_stateless, name="http-is-stateless"),
    # ---- cookie lessons ----
    # ---- workbench, JavaScript, signed cookies, limits ----
    # ---- httpbin API ----
    # ---- sessions: inspector, options, backends, timeout ----
    path("lessons/what-is-a-session/", what_is_a_session.what_is_a_session, name="what-is-a-session"),
    path("lessons/session-options/", session_options.session_options, name="session-options"),
    path("lessons/session-options/read/", session_options.session_options_read, name="session-options-read"),
    path("lessons/session-backends/", session_backends.session_backends, name="session-backends"),
    path("lessons/session-timeout/", session_timeout.session_timeout, name="session-timeout"),
    # ---- sessions: counter, login, cart, races, no cookies ----
    # ---- storage lab ----
    # ---- security ----
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
