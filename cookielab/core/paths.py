"""Where the app is mounted: the one place that computes it."""

from __future__ import annotations

from django.urls import reverse


def app_root_path() -> str:
    """The app's root path ("/" on the site, "/learn/" when a host mounts it there).

    Demo cookies that several lessons share use it as their Path, so they never reach the host's
    other pages.
    """
    return reverse("cookielab:index")
