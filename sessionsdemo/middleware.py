"""The site's security headers.

- A strict Content-Security-Policy on every response: settings.SECURE_CSP (no inline code, nothing
  from elsewhere) plus what Cookie Lab needs for this request (``cookielab.csp``): on
  127.0.0.1/localhost the page may also post forms to and load images from the *other* loopback
  name, since the SameSite and CSRF lessons need a second site and that is this server under its
  twin name. On Django 6 Django's own ContentSecurityPolicyMiddleware writes the header from that
  policy (handed over with Django's ``csp_override``); on Django 5.2 this middleware writes it.
- ``Cache-Control: no-store`` on every response that read the session: such a page may show
  session data, which must not stay in a shared or back-button cache.
"""

from collections.abc import Callable
from typing import cast

import django
from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control

from cookielab import csp

DJANGO_WRITES_CSP = django.VERSION >= (6, 0)


def content_security_policy(request: HttpRequest) -> dict[str, csp.Sources]:
    return csp.merge(cast(csp.Policy, settings.SECURE_CSP), csp.directives(request))


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if DJANGO_WRITES_CSP:
            # Django 6's; the stubs are Django 5.2's (unused-ignore: stubs that have it make the ignore moot).
            from django.views.decorators.csp import csp_override  # type: ignore[import-untyped,unused-ignore]

            response = csp_override(content_security_policy(request))(self.get_response)(request)
        else:
            response = self.get_response(request)
            response.headers.setdefault("Content-Security-Policy", csp.header_value(content_security_policy(request)))
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            patch_cache_control(response, no_store=True)
        return response
