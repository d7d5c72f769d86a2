"""Django's ``never_cache``, with the usual case written from values worked out once.

``add_never_cache_headers`` formats the current time as an HTTP date and merges Cache-Control
directives on every response: 8 % of the CPU of a JSON counter request. A response that has neither
an ``Expires`` nor a ``Cache-Control`` header yet (nearly every one) gets the very same two values from
here: the date is formatted once a second and the directives once. Any other goes to Django's
function, which merges with what the view set.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache
from functools import wraps
from typing import ParamSpec
from typing import TypeVar

from django.http import HttpResponseBase
from django.utils.cache import add_never_cache_headers as django_add_never_cache_headers
from django.utils.http import http_date

Params = ParamSpec("Params")
Response = TypeVar("Response", bound=HttpResponseBase)


@lru_cache(maxsize=1)
def _never_cache_control() -> str:
    response = HttpResponseBase()
    django_add_never_cache_headers(response)
    return response.headers["Cache-Control"]


@lru_cache(maxsize=2)
def _http_date(second: int) -> str:
    return http_date(second)


def add_never_cache_headers(response: HttpResponseBase) -> None:
    """What ``django.utils.cache.add_never_cache_headers`` does to ``response``."""
    headers = response.headers
    if "Expires" in headers or "Cache-Control" in headers:
        django_add_never_cache_headers(response)
        return
    headers["Expires"] = _http_date(int(time.time()))
    headers["Cache-Control"] = _never_cache_control()


def never_cache(view: Callable[Params, Response]) -> Callable[Params, Response]:
    """``django.views.decorators.cache.never_cache`` for a function view (Cookie Lab's are all synchronous)."""

    @wraps(view)
    def never_cached(*args: Params.args, **kwargs: Params.kwargs) -> Response:
        response = view(*args, **kwargs)
        add_never_cache_headers(response)
        return response

    return never_cached
