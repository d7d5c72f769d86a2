"""The site's security headers.

- A strict Content-Security-Policy on every response (no inline code, nothing from elsewhere).
  On 127.0.0.1/localhost the page may also post forms to and load images from the *other* loopback
  name: the SameSite and CSRF lessons need a second site, and that is this server under its twin name.
  In production, ``upgrade-insecure-requests`` too.
- ``Cache-Control: no-store`` on every response that read the session: such a page may show
  session data, which must not stay in a shared or back-button cache.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from cookielab.core.origins import twin_origin


def content_security_policy(request: HttpRequest) -> str:
    twin = twin_origin(request)
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
    if getattr(settings, "PRODUCTION", False):
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(request))
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            patch_cache_control(response, no_store=True)
        return response
