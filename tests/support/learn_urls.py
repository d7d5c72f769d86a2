"""A host project that mounts Cookie Lab under ``/learn/``, for the mount-anywhere tests."""

from django.urls import include
from django.urls import path

urlpatterns = [path("learn/", include("cookielab.urls"))]
