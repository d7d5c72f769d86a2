"""Django's ``SessionMiddleware``, plus a clear 503 page when the session store does not answer.

Use it in place of ``django.contrib.sessions.middleware.SessionMiddleware``. With the ``cache``
engine and Redis down, Django would answer a 500 (a traceback with DEBUG on); this answers
503 Service Unavailable with a page that says what is down, that nothing was stored, and how to
recover. It catches only a store that does not answer (a cache connection failure, a database that
is down, locked or read-only), never other errors.
"""

from __future__ import annotations

from django.contrib.sessions.middleware import SessionMiddleware as DjangoSessionMiddleware
from django.db import DatabaseError
from django.http import HttpRequest
from django.http import HttpResponse
from django.template.loader import render_to_string

from cookielab.sessions.outage import STORE_OUTAGE_ERRORS
from cookielab.sessions.outage import SessionStoreUnavailable

RETRY_AFTER_SECONDS = 30


def store_unavailable_response(request: HttpRequest, error: BaseException) -> HttpResponse:
    context = {
        "refused_action": error.action if isinstance(error, SessionStoreUnavailable) else None,
        # Which store failed: the page tells a database that refused a write from a silent cache.
        "database_failed": isinstance(error, DatabaseError),
        "retry_after": RETRY_AFTER_SECONDS,
    }
    html = render_to_string("cookielab/session-store-down.html", context, request=request)
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class SessionMiddleware(DjangoSessionMiddleware):
    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, STORE_OUTAGE_ERRORS):
            return store_unavailable_response(request, exception)
        return None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        try:
            return super().process_response(request, response)
        except STORE_OUTAGE_ERRORS as error:
            return store_unavailable_response(request, error)
