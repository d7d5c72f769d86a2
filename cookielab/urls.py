from django.urls import path

from cookielab.views import pages
from cookielab.views import stateless
from cookielab.views import storage

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
    path("storage/", storage.storage_lab, name="storage-lab"),
    path("storage/echo/", storage.storage_echo, name="storage-echo"),
    path("storage/peek/", storage.storage_peek, name="storage-peek"),
    # ---- security ----
    # ---- generic lesson pages (keep last) ----
    path("lessons/<slug:slug>/", pages.lesson, name="lesson"),
    path("lessons/<slug:slug>/check/", pages.check_answer, name="check"),
]
