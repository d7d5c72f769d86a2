from django.urls import path

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
    # ---- sessions: inspector, options, backends, timeout ----
    # ---- sessions: counter, login, cart, races, no cookies ----
    # ---- storage lab ----
    # ---- security ----
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
