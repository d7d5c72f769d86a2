"""The httpbin-compatible API (same paths, status codes, redirects and JSON as httpbin) and its lesson."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest
from django.http import HttpResponse
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods

from cookielab import httpbin
from cookielab.core.paths import app_root_path
from cookielab.views.base import render_lesson

View = Callable[..., HttpResponse]


def api_view(view: View) -> View:
    """Refuse oversized input and turn every refusal into httpbin-style ``400 {"error": …}``."""

    @wraps(view)
    def answer(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > httpbin.MAX_QUERY_BYTES:
            return httpbin.error_response(f"The query string is over {httpbin.MAX_QUERY_BYTES} bytes.")
        try:
            return view(request, *args, **kwargs)
        except httpbin.HttpbinError as error:
            return httpbin.error_response(str(error))
        except TooManyFieldsSent:
            return httpbin.error_response("The query string has too many parameters.")

    return answer


read_only = require_http_methods(["GET", "HEAD"])


def cookie_path() -> str:
    """Cookies the API sets live at the app's root: ``/`` as on httpbin, ``/learn/`` when mounted there."""
    return app_root_path()


def to_cookies() -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("cookielab:httpbin-cookies"))


@read_only
@api_view
def cookies(request: HttpRequest) -> HttpResponse:
    return httpbin.json_response({"cookies": httpbin.echoed_cookies(request)})


def _set_cookies(request: HttpRequest, pairs: dict[str, str]) -> HttpResponse:
    for name, value in pairs.items():
        httpbin.validate_cookie(name, value)
    httpbin.check_room_in_jar(request, set(pairs))
    response = to_cookies()
    for name, value in pairs.items():
        response.set_cookie(name, value, path=cookie_path(), secure=request.is_secure())
    return response


@read_only
@api_view
def cookies_set(request: HttpRequest) -> HttpResponse:
    return _set_cookies(request, httpbin.first_values(request.GET))


@read_only
@api_view
def cookies_set_one(request: HttpRequest, name: str, value: str) -> HttpResponse:
    return _set_cookies(request, {name: value})


@read_only
@api_view
def cookies_delete(request: HttpRequest) -> HttpResponse:
    names = list(httpbin.first_values(request.GET))
    for name in names:
        httpbin.validate_cookie_name(name)
    response = to_cookies()
    for name in names:
        response.delete_cookie(name, path=cookie_path())
    return response


@read_only
@api_view
def get(request: HttpRequest) -> HttpResponse:
    return httpbin.json_response(
        {
            "args": httpbin.semiflatten(request.GET),
            "headers": httpbin.echoed_headers(request),
            "origin": httpbin.origin(request),
            "url": request.build_absolute_uri(),
        }
    )


@read_only
@api_view
def headers(request: HttpRequest) -> HttpResponse:
    return httpbin.json_response({"headers": httpbin.echoed_headers(request)})


def _next_hop(request: HttpRequest, n: int, *, absolute: bool) -> HttpResponseRedirect:
    httpbin.check_redirect_count(n)
    if n == 1:
        target = reverse("cookielab:httpbin-get")
    else:
        kind = "absolute" if absolute else "relative"
        target = reverse(f"cookielab:httpbin-{kind}-redirect", args=[n - 1])
    return HttpResponseRedirect(request.build_absolute_uri(target) if absolute else target)


@read_only
@api_view
def redirect(request: HttpRequest, n: int) -> HttpResponse:
    absolute = request.GET.get("absolute", "false").lower() == "true"
    return _next_hop(request, n, absolute=absolute)


@read_only
@api_view
def relative_redirect(request: HttpRequest, n: int) -> HttpResponse:
    return _next_hop(request, n, absolute=False)


@read_only
@api_view
def absolute_redirect(request: HttpRequest, n: int) -> HttpResponse:
    return _next_hop(request, n, absolute=True)


# httpbin accepts POST here, and clients send one without a CSRF token. Exempting it changes no
# server state, and it can do nothing a cross-site GET link to the same URL cannot already do.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@api_view
def response_headers(request: HttpRequest) -> HttpResponse:
    return httpbin.reflected_headers_response(request)


@require_GET
def httpbin_api(request: HttpRequest) -> HttpResponse:
    """The lesson; its form is the no-JavaScript way to set a cookie of your own through the API."""
    form = httpbin.CookieForm(request.GET) if "cookie_name" in request.GET else httpbin.CookieForm()
    if form.is_bound and form.is_valid():
        query = urlencode({form.cleaned_data["cookie_name"]: form.cleaned_data["cookie_value"]})
        return HttpResponseRedirect(f"{reverse('cookielab:httpbin-cookies-set')}?{query}")

    def absolute(name: str, *args: object) -> str:
        return request.build_absolute_uri(reverse(f"cookielab:httpbin-{name}", args=args))

    api = {
        "base": absolute("get").removesuffix("/get"),
        "cookies": absolute("cookies"),
        "set": absolute("cookies-set"),
        "set_one": absolute("cookies-set-one", "flavour", "oatmeal"),
        "delete": absolute("cookies-delete"),
        "get": absolute("get"),
        "headers": absolute("headers"),
        "redirect": absolute("redirect", 3),
        "response_headers": absolute("response-headers"),
    }
    context = {
        "api": api,
        "form": form,
        "cookie_path": cookie_path(),
        "max_pairs": httpbin.MAX_PAIRS,
        "max_redirects": httpbin.MAX_REDIRECTS,
    }
    return render_lesson(request, "httpbin-api", context)
