"""The cookie lessons: how cookies travel, myths, reading, expiring, lifetimes, storage, uses."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import NoReverseMatch
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST

from cookielab import cookie_basics as cb
from cookielab import lessons
from cookielab.core import origins
from cookielab.core import wire
from cookielab.core.paths import app_root_path
from cookielab.views.base import render_lesson


def _site_path() -> str:
    """The path covering every page of the app, wherever it is mounted."""
    return app_root_path()


def _previous_exchange(request: HttpRequest) -> dict | None:
    history = wire.history(request)
    return history[0] if history else None


# ---- How cookies are sent ---------------------------------------------------------------------


def _sent_page(request: HttpRequest, form: cb.BakeForm, status: int = 200) -> HttpResponse:
    exchanges = list(reversed(wire.history(request)[:3]))
    context = {
        "bake_form": form,
        "demo_cookie": cb.DEMO_COOKIE,
        "received": request.COOKIES.get(cb.DEMO_COOKIE),
        "just_set": cb.set_cookies_named(exchanges[-1] if exchanges else None, {cb.DEMO_COOKIE}),
        "exchanges": exchanges,
        "diagram": cb.sequence_diagram(
            exchanges, request.method or "GET", request.get_full_path(), request.headers.get("Cookie", "")
        ),
    }
    return render_lesson(request, "how-cookies-are-sent", context, status=status)


@require_GET
def how_cookies_are_sent(request: HttpRequest) -> HttpResponse:
    return _sent_page(request, cb.BakeForm())


@require_POST
def bake(request: HttpRequest) -> HttpResponse:
    form = cb.BakeForm(request.POST)
    if not form.is_valid():
        return _sent_page(request, form, status=400)
    response = redirect(reverse("cookielab:how-cookies-are-sent") + "#demo-heading")
    response.set_cookie(cb.DEMO_COOKIE, form.cleaned_data["flavour"], path=_site_path(), samesite="Lax")
    return response


# ---- Myths and facts --------------------------------------------------------------------------


@require_GET
def myths_and_facts(request: HttpRequest) -> HttpResponse:
    answered = any(statement.key in request.GET for statement in cb.STATEMENTS)
    form = cb.MythsForm(request.GET if answered else None)
    verdicts = cb.check_myths(form.cleaned_data) if answered and form.is_valid() else None
    context = {
        "form": form,
        "statements": [(statement, form[statement.key]) for statement in cb.STATEMENTS],
        "verdicts": verdicts,
        "score": sum(verdict.correct for verdict in verdicts) if verdicts else 0,
    }
    return render_lesson(request, "myths-and-facts", context, status=400 if answered and not verdicts else 200)


# ---- Reading cookies (and the lecture's GET /getcookie/) --------------------------------------


def _optional_url(name: str) -> str | None:
    """The URL of a route another lesson group may provide, or None while it is absent."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


@require_GET
def reading_cookies(request: HttpRequest) -> HttpResponse:
    cookie_header = request.headers.get("Cookie", "")
    context = {
        "username": request.COOKIES.get(cb.USERNAME_COOKIE),
        "cookie_header": cookie_header,
        "received": sorted(request.COOKIES.items()),
        "duplicates": cb.duplicate_report(cookie_header, request.COOKIES),
        "duplicate_cookie": cb.DUPLICATE_COOKIE,
        "setcookie_url": _optional_url("cookielab:setcookie"),
        "setting_lesson": lessons.get_lesson("setting-cookies"),
        "lesson_path": reverse("cookielab:reading-cookies"),
        "site_path": _site_path(),
        "at_getcookie": request.path == reverse("cookielab:getcookie"),
    }
    return render_lesson(request, "reading-cookies", context)


@require_POST
def set_duplicates(request: HttpRequest) -> HttpResponse:
    """Two cookies of one name: the site-wide one first, the longer-path one second."""
    lesson_path = reverse("cookielab:reading-cookies")
    response = redirect(lesson_path + "#duplicates")
    cb.add_cookie(response, cb.DUPLICATE_COOKIE, cb.DUPLICATE_SITE_WIDE, path=_site_path())
    cb.add_cookie(response, cb.DUPLICATE_COOKIE, cb.DUPLICATE_THIS_LESSON, path=lesson_path)
    return response


@require_POST
def clear_duplicates(request: HttpRequest) -> HttpResponse:
    lesson_path = reverse("cookielab:reading-cookies")
    response = redirect(lesson_path + "#duplicates")
    cb.add_cookie(response, cb.DUPLICATE_COOKIE, "", path=_site_path(), max_age=0)
    cb.add_cookie(response, cb.DUPLICATE_COOKIE, "", path=lesson_path, max_age=0)
    return response


# ---- Deleting means expiring (and the lecture's GET /deletecookie/) ---------------------------


def _expiring_page(request: HttpRequest, extra: dict | None = None) -> HttpResponse:
    attempt = request.GET.get("attempt", "")
    context = {
        "lab_cookie": cb.LAB_COOKIE,
        "lab_path": reverse("cookielab:expiring-cookies-lab"),
        "lesson_path": reverse("cookielab:expiring-cookies"),
        "page_path": request.path,
        "at_lab_path": request.path == reverse("cookielab:expiring-cookies-lab"),
        "lab_received": request.COOKIES.get(cb.LAB_COOKIE),
        "attempt": cb.LAB_ATTEMPTS.get(attempt),
        "attempt_headers": cb.set_cookies_named(_previous_exchange(request), {cb.LAB_COOKIE}),
        **(extra or {}),
    }
    return render_lesson(request, "expiring-cookies", context)


@require_GET
def expiring_cookies(request: HttpRequest) -> HttpResponse:
    return _expiring_page(request)


@never_cache
@require_GET
def deletecookie(request: HttpRequest) -> HttpResponse:
    """The lecture's route: expire ``username`` (a GET, as in the lecture; it only ends a demo cookie)."""
    response = _expiring_page(
        request,
        {"deleted_route": True, "had_username": cb.USERNAME_COOKIE in request.COOKIES},
    )
    cb.delete_username(response, path="/")
    return response


def _lab_redirect(attempt: str) -> HttpResponse:
    return redirect(f"{reverse('cookielab:expiring-cookies-lab')}?attempt={attempt}#lab")


@require_POST
def lab_set(request: HttpRequest) -> HttpResponse:
    response = _lab_redirect("set")
    response.set_cookie(
        cb.LAB_COOKIE, cb.LAB_COOKIE_VALUE, path=reverse("cookielab:expiring-cookies-lab"), samesite="Lax"
    )
    return response


@require_POST
def lab_delete_wrong_path(request: HttpRequest) -> HttpResponse:
    response = _lab_redirect("wrong-path")
    response.delete_cookie(cb.LAB_COOKIE, path="/", samesite="Lax")
    return response


@require_POST
def lab_delete_right_path(request: HttpRequest) -> HttpResponse:
    response = _lab_redirect("right-path")
    response.delete_cookie(cb.LAB_COOKIE, path=reverse("cookielab:expiring-cookies-lab"), samesite="Lax")
    return response


# ---- Session and persistent cookies -----------------------------------------------------------


@require_GET
def session_vs_persistent(request: HttpRequest) -> HttpResponse:
    context = {
        "lifetimes": [(name, note, request.COOKIES.get(name)) for name, _, note in cb.LIFETIMES],
        "set_headers": cb.set_cookies_named(_previous_exchange(request), cb.LIFETIME_NAMES),
    }
    return render_lesson(request, "session-vs-persistent", context)


@require_POST
def set_lifetimes(request: HttpRequest) -> HttpResponse:
    response = redirect(reverse("cookielab:session-vs-persistent") + "#demo-heading")
    cb.set_lifetime_cookies(response, _site_path())
    return response


@require_POST
def expire_lifetimes(request: HttpRequest) -> HttpResponse:
    response = redirect(reverse("cookielab:session-vs-persistent") + "#demo-heading")
    cb.expire_lifetime_cookies(response, _site_path())
    return response


# ---- Where cookies live -----------------------------------------------------------------------


@require_GET
def where_cookies_live(request: HttpRequest) -> HttpResponse:
    return render_lesson(request, "where-cookies-live", {"received": sorted(request.COOKIES.items())})


# ---- What cookies are used for ----------------------------------------------------------------


def _use_cases_page(request: HttpRequest, form: cb.ThemeForm, status: int = 200) -> HttpResponse:
    other_origin = origins.twin_origin(request)
    pixel_path = reverse("cookielab:cookie-use-cases-pixel")
    context = {
        "theme": cb.theme_from_cookie(request.COOKIES),
        "theme_form": form,
        "theme_cookie": cb.THEME_COOKIE,
        "host": request.get_host(),
        "marker_cookie": cb.HOST_MARKER,
        "marker": request.COOKIES.get(cb.HOST_MARKER),
        "other_origin": other_origin,
        "other_page": f"{other_origin}{reverse('cookielab:cookie-use-cases')}" if other_origin else None,
        "same_site_pixel": pixel_path,
        "cross_site_pixel": f"{other_origin}{pixel_path}" if other_origin else None,
    }
    return render_lesson(request, "cookie-use-cases", context, status=status)


@require_GET
def cookie_use_cases(request: HttpRequest) -> HttpResponse:
    return _use_cases_page(request, cb.ThemeForm(initial={"theme": cb.theme_from_cookie(request.COOKIES)}))


@require_POST
def choose_theme(request: HttpRequest) -> HttpResponse:
    form = cb.ThemeForm(request.POST)
    if not form.is_valid():
        return _use_cases_page(request, form, status=400)
    response = redirect(reverse("cookielab:cookie-use-cases") + "#theme")
    response.set_cookie(
        cb.THEME_COOKIE,
        form.cleaned_data["theme"],
        max_age=cb.THEME_MAX_AGE,
        path=_site_path(),
        httponly=True,
        samesite="Lax",
    )
    return response


@require_POST
def mark_host(request: HttpRequest) -> HttpResponse:
    response = redirect(reverse("cookielab:cookie-use-cases") + "#hosts")
    response.set_cookie(cb.HOST_MARKER, cb.host_marker_value(request), path=_site_path(), samesite="Lax")
    return response


@never_cache
@require_GET
def pixel(request: HttpRequest) -> HttpResponse:
    """A small image that draws the cookies its own request carried (a tracker's point of view)."""
    lines = cb.received_cookie_lines(request.COOKIES)
    context = {
        "host": request.get_host(),
        "rows": [(46 + 16 * index, line) for index, line in enumerate(lines)],
        "height": 38 + 16 * max(len(lines), 1),
    }
    response = render(request, "cookielab/cookie-use-cases-pixel.svg", context, content_type="image/svg+xml")
    return wire.not_recorded(response)
