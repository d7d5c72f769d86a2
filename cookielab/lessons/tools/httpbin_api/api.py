"""The httpbin-compatible API: same paths, status codes, redirects and JSON as httpbin."""

from __future__ import annotations

import time
from functools import wraps

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_safe

from cookielab.lessons.base import View
from cookielab.lessons.tools.httpbin_api import answers
from cookielab.lessons.tools.httpbin_api import validation
from cookielab.lessons.tools.httpbin_api.jar import ApiCookie
from cookielab.lessons.tools.httpbin_api.jar import api_cookie_path
from cookielab.lessons.tools.httpbin_api.validation import HttpbinError


def api_view(view: View) -> View:
    """Refuse oversized input and turn every refusal into httpbin-style ``400 {"error": …}``."""

    @wraps(view)
    def answer(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > validation.MAX_QUERY_BYTES:
            return answers.error_response(f"The query string is over {validation.MAX_QUERY_BYTES} bytes.")
        try:
            return view(request, *args, **kwargs)
        except HttpbinError as error:
            return answers.error_response(str(error))
        except TooManyFieldsSent:
            return answers.error_response("The query string has too many parameters.")

    return answer


def to_cookies() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("cookielab:httpbin-cookies"))


@require_safe
@api_view
def cookies(request: HttpRequest) -> HttpResponse:
    return answers.json_response({"cookies": answers.echoed_cookies(request)})


def _set_cookies(request: HttpRequest, pairs: dict[str, str]) -> HttpResponse:
    for name, value in pairs.items():
        validation.validate_cookie(name, value)
    validation.check_room_in_jar(request, pairs)
    response = to_cookies()
    now = time.time()
    for name, value in pairs.items():
        # Under the API's folder (/httpbin), for an hour at most: see jar.ApiCookie.
        response.cookies[name] = ApiCookie(name, value, secure=request.is_secure()).morsel(now)
    return response


@require_safe
@api_view
def cookies_set(request: HttpRequest) -> HttpResponse:
    return _set_cookies(request, validation.first_values(request.GET))


@require_safe
@api_view
def cookies_set_one(request: HttpRequest, name: str, value: str) -> HttpResponse:
    return _set_cookies(request, {name: value})


@require_safe
@api_view
def cookies_delete(request: HttpRequest) -> HttpResponse:
    names = list(validation.first_values(request.GET))
    for name in names:
        validation.validate_cookie_name(name)
    response = to_cookies()
    for name in names:
        # Where the API sets its cookies: a deletion must match the cookie's name, domain and path.
        response.delete_cookie(name, path=api_cookie_path())
    return response


@require_safe
@api_view
def get(request: HttpRequest) -> HttpResponse:
    return answers.json_response(
        {
            "args": answers.semiflatten(request.GET),
            "headers": answers.echoed_headers(request),
            "origin": answers.origin(request),
            "url": request.build_absolute_uri(),
        }
    )


@require_safe
@api_view
def headers(request: HttpRequest) -> HttpResponse:
    return answers.json_response({"headers": answers.echoed_headers(request)})


def _next_hop(request: HttpRequest, n: int, *, absolute: bool) -> HttpResponseRedirect:
    validation.check_redirect_count(n)
    if n == 1:
        target = reverse("cookielab:httpbin-get")
    else:
        kind = "absolute" if absolute else "relative"
        target = reverse(f"cookielab:httpbin-{kind}-redirect", args=[n - 1])
    return HttpResponseRedirect(request.build_absolute_uri(target) if absolute else target)


@require_safe
@api_view
def redirect(request: HttpRequest, n: int) -> HttpResponse:
    absolute = request.GET.get("absolute", "false").lower() == "true"
    return _next_hop(request, n, absolute=absolute)


@require_safe
@api_view
def relative_redirect(request: HttpRequest, n: int) -> HttpResponse:
    return _next_hop(request, n, absolute=False)


@require_safe
@api_view
def absolute_redirect(request: HttpRequest, n: int) -> HttpResponse:
    return _next_hop(request, n, absolute=True)


# httpbin accepts POST here, and clients send one without a CSRF token. Exempting it changes no
# server state, and it can do nothing a cross-site GET link to the same URL cannot already do.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@api_view
def response_headers(request: HttpRequest) -> HttpResponse:
    return answers.reflected_headers_response(request)
