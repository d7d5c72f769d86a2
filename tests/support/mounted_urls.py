"""Cookie Lab mounted under ``/learn/``, as a host project might do: for the mount-anywhere tests."""

from django.urls import include
from django.urls import path

urlpatterns = [path("learn/", include("cookielab.urls"))]
