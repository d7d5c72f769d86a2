"""Which lessons this browser has completed, kept in its session (the site uses its own subject)."""

from __future__ import annotations

from django.http import HttpRequest

SESSION_KEY = "cookielab_completed"


def completed_slugs(request: HttpRequest) -> set[str]:
    return set(request.session.get(SESSION_KEY, ()))


def mark_completed(request: HttpRequest, slug: str) -> None:
    done = completed_slugs(request)
    if slug not in done:
        request.session[SESSION_KEY] = sorted(done | {slug})
