"""Security lessons: cookie flags, CSRF, and attacks on sessions (with the site's CSRF failure page)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.http import require_POST

from cookielab import security
from cookielab.conf import conf
from cookielab.core import origins
from cookielab.core.session_stores import session_store_class
from cookielab.views.base import render_lesson

CSRF_TRANSFERS_KEY = "cookielab_csrf_transfers"


def _flags_path() -> str:
    return reverse("cookielab:cookie-flags")


@require_GET
def cookie_flags(request: HttpRequest) -> HttpResponse:
    twin = origins.twin_origin(request)
    launcher = reverse("cookielab:cookie-flags-cross-site")
    context = {
        "flag_rows": security.flag_cookies_arrived(request),
        "cookies_set": request.GET.get("set") == "1",
        "twin_launcher_url": f"{twin}{launcher}" if twin else None,
        "is_secure": request.is_secure(),
    }
    return render_lesson(request, "cookie-flags", context)


@require_POST
def set_flag_cookies(request: HttpRequest) -> HttpResponse:
    response = redirect(f"{_flags_path()}?set=1#flags")
    security.set_flag_cookies(response, _flags_path())
    return response


@require_POST
def clear_flag_cookies(request: HttpRequest) -> HttpResponse:
    response = redirect(f"{_flags_path()}#flags")
    security.clear_flag_cookies(response, _flags_path())
    return response


@require_GET
def cross_site_launcher(request: HttpRequest) -> HttpResponse:
    """The "other site": this server under its twin loopback name, sending requests back home."""
    target = origins.twin_origin(request)
    context = {
        "target": target,
        "here": request.get_host(),
        "arrived_url": f"{target}{reverse('cookielab:cookie-flags-arrived')}" if target else None,
        "pixel_url": f"{target}{reverse('cookielab:cookie-flags-pixel')}" if target else None,
        "transfer_url": f"{target}{reverse('cookielab:csrf-transfer')}" if target else None,
    }
    return render(request, "cookielab/cross-site.html", context)


@csrf_exempt  # it only reports which cookies came; it changes nothing
@require_http_methods(["GET", "POST"])
def cookies_arrived(request: HttpRequest) -> HttpResponse:
    arrival = {
        "method": request.method,
        "rows": security.flag_cookies_arrived(request),
        "fetch_site": request.headers.get("Sec-Fetch-Site", "not sent"),
        "origin": request.headers.get("Origin", "not sent"),
    }
    context = {"flag_rows": arrival["rows"], "arrival": arrival, "twin_launcher_url": None}
    return render_lesson(request, "cookie-flags", context)


@require_GET
def arrival_pixel(request: HttpRequest) -> HttpResponse:
    svg = security.arrival_svg(security.flag_cookies_arrived(request))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "no-store"
    return response


@require_GET
def csrf_lesson(request: HttpRequest) -> HttpResponse:
    context = {"transfers": request.session.get(CSRF_TRANSFERS_KEY, 0), "done": request.GET.get("done") == "1"}
    return render_lesson(request, "csrf", context)


@require_POST
def csrf_transfer(request: HttpRequest) -> HttpResponse:
    """A harmless state change that CSRF protection guards: count one more "transfer"."""
    request.session[CSRF_TRANSFERS_KEY] = request.session.get(CSRF_TRANSFERS_KEY, 0) + 1
    return redirect(f"{reverse('cookielab:csrf')}?done=1#transfer")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """``CSRF_FAILURE_VIEW``: say what the protection did instead of a bare 403."""
    return render(request, "cookielab/csrf_failure.html", {"reason": reason}, status=403)


def _session_attack_context(request: HttpRequest) -> dict[str, object]:
    key = security.known_session_key(request) or ""
    reveal = conf.enabled("REVEAL_SESSION_KEYS")
    return {
        "engine": settings.SESSION_ENGINE,
        "cookie_name": settings.SESSION_COOKIE_NAME,
        "has_session": bool(key),
        "shown_key": key if reveal else "<your session id from DevTools>",
        "whoami_url": request.build_absolute_uri(reverse("cookielab:session-attacks-whoami")),
    }


@require_GET
def session_attacks(request: HttpRequest) -> HttpResponse:
    return render_lesson(request, "session-attacks", _session_attack_context(request))


DEMOS = {"invented-id", "login-no-cycle", "login-cycle", "hijack", "signed-replay"}


@require_POST
def session_attack_demo(request: HttpRequest) -> HttpResponse:
    demo = request.POST.get("demo", "")
    context = _session_attack_context(request)
    if demo not in DEMOS:
        context["demo_error"] = "Pick one of the demo buttons: that request named no demo this page knows."
        return render_lesson(request, "session-attacks", context, status=400)
    store_class = session_store_class()
    if demo == "invented-id":
        context["invented"] = security.plant_invented_session_id(store_class)
    elif demo in {"login-no-cycle", "login-cycle"}:
        context["fixation"] = security.login_on_a_planted_session(store_class, cycle=demo == "login-cycle")
    elif demo == "signed-replay":
        context["replay"] = security.signed_cookie_replay()
    elif not context["has_session"]:
        context["demo_error"] = "You have no session yet: answer a quiz question first, then copy your cookie."
    else:
        context["hijack"] = security.replay_session_cookie(
            context["whoami_url"], settings.SESSION_COOKIE_NAME, request.session.session_key
        )
    context["demo"] = demo
    return render_lesson(request, "session-attacks", context)


@require_GET
def whoami(request: HttpRequest) -> HttpResponse:
    return HttpResponse(security.describe_session(request), content_type="text/plain; charset=utf-8")
