"""The site's security headers, and Django's MessageMiddleware made lazy.

- A strict Content-Security-Policy on every response (no inline code, nothing from elsewhere).
  On 127.0.0.1/localhost the page may also post forms to and load images from the *other* loopback
  name: the SameSite and CSRF lessons need a second site, and that is this server under its twin name.
  In production, ``upgrade-insecure-requests`` too.
- ``Cache-Control: no-store`` on every response that read the session: such a page may show
  session data, which must not stay in a shared or back-button cache.
"""

from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.messages.storage import default_storage
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.functional import empty

from cookielab.security import twin_origin


def content_security_policy(request: HttpRequest) -> str:
    return _policy(twin_origin(request), getattr(settings, "PRODUCTION", False))


# Built once per distinct twin origin (one per loopback name and port), not on every response.
@lru_cache(maxsize=32)
def _policy(twin: str | None, production: bool) -> str:
    also = f" {twin}" if twin else ""
    directives = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src 'self' data:{also}",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        f"form-action 'self'{also}",
        "frame-ancestors 'none'",
    ]
    if production:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


@lru_cache(maxsize=64)
def _with_no_store(cache_control: str | None) -> str:
    """What ``patch_cache_control(no_store=True)`` makes of a response's Cache-Control value, worked out once."""
    response = HttpResponse()
    if cache_control is not None:
        response.headers["Cache-Control"] = cache_control
    patch_cache_control(response, no_store=True)
    return response.headers["Cache-Control"]


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request))
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            response.headers["Cache-Control"] = _with_no_store(response.headers.get("Cache-Control"))
        return response


class MessageMiddleware(DjangoMessageMiddleware):
    """Django's, with the message storage made on first use: most answers (JSON, redirects) never touch it."""

    def process_request(self, request: HttpRequest) -> None:
        request._messages = SimpleLazyObject(lambda: default_storage(request))

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:
            return response  # nothing was read or added, so nothing to store
        return super().process_response(request, response)
