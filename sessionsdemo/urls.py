from django.contrib import admin
from django.urls import include
from django.urls import path

from sessionsdemo.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("", include("cookielab.urls")),
]
