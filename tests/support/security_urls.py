"""The site's URLs plus Django's own LogoutView, for tests that log out over HTTP."""

from django.contrib.auth.views import LogoutView
from django.urls import path

from sessionsdemo.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("test-logout/", LogoutView.as_view(next_page="/"), name="test-logout"),
    *site_urlpatterns,
]
