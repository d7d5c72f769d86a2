"""The site's security headers, and Django's MessageMiddleware made lazy.

- A strict Content-Security-Policy on every response: settings.SECURE_CSP (no inline code, nothing
  from elsewhere) plus what Cookie Lab needs for this request (``cookielab.csp``): on
  127.0.0.1/localhost the page may also post forms to and load images from the *other* loopback
  name, since the SameSite and CSRF lessons need a second site and that is this server under its
  twin name. On Django 6 Django's own ContentSecurityPolicyMiddleware writes the header from that
  policy (handed over with Django's ``csp_override``); on Django 5.2 this middleware writes it.
- ``Permissions-Policy`` turning off the device and payment features no lesson uses.
- ``Cache-Control: no-store`` on every response that read the session: such a page may show
  session data, which must not stay in a shared or back-button cache.
"""

from collections.abc import Callable
from functools import lru_cache

import django
from django.conf import settings
from django.contrib.messages.middleware import MessageMiddleware as DjangoMessageMiddleware
from django.contrib.messages.storage import default_storage
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.functional import SimpleLazyObject
from django.utils.functional import empty

from cookielab import csp
from cookielab.core.origins import twin_origin

DJANGO_WRITES_CSP = django.VERSION >= (6, 0)
# No lesson uses a device or payment feature: none of the site's pages (or anything framed in them) may.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
)


def content_security_policy(request: HttpRequest) -> dict[str, csp.Sources]:
    return _policy_for_twin(twin_origin(request))


# The policy depends on SECURE_CSP and on the request only through its twin origin: worked out once per twin
# (a few: both loopback names, per port) instead of on every response.
@lru_cache(maxsize=32)
def _policy_for_twin(twin: str | None) -> dict[str, csp.Sources]:
    site_policy: csp.Policy = getattr(settings, "SECURE_CSP", {})  # a Django 6 setting: unknown to 5.2 stubs
    return csp.merge(site_policy, csp.directives_for_twin(twin))


@lru_cache(maxsize=32)
def _header_for_twin(twin: str | None) -> str:
    return csp.header_value(_policy_for_twin(twin))


@receiver(setting_changed)
def _forget_policies(*, setting: str, **kwargs: object) -> None:
    if setting == "SECURE_CSP":
        _policy_for_twin.cache_clear()
        _header_for_twin.cache_clear()


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
        if DJANGO_WRITES_CSP:
            # Django 6's; the stubs are Django 5.2's (unused-ignore: stubs that have it make the ignore moot).
            from django.views.decorators.csp import csp_override  # type: ignore[import-untyped,unused-ignore]

            response = csp_override(content_security_policy(request))(self.get_response)(request)
        else:
            response = self.get_response(request)
            response.headers.setdefault("Content-Security-Policy", _header_for_twin(twin_origin(request)))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        session = getattr(request, "session", None)
        if session is not None and session.accessed:
            response.headers["Cache-Control"] = _with_no_store(response.headers.get("Cache-Control"))
        return response


class MessageMiddleware(DjangoMessageMiddleware):
    """Django's, with the message storage made on first use: most answers (JSON, redirects) never touch it."""

    def process_request(self, request: HttpRequest) -> None:
        request._messages = SimpleLazyObject(lambda: default_storage(request))  # type: ignore[attr-defined]

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        messages = getattr(request, "_messages", None)
        if isinstance(messages, SimpleLazyObject) and messages._wrapped is empty:  # type: ignore[attr-defined]
            return response  # nothing was read or added, so nothing to store
        return super().process_response(request, response)
