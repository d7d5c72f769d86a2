"""Lesson: HTTP is stateless."""

from __future__ import annotations

from django.http import HttpRequest
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from cookielab.views.base import render_lesson

MAX_NAME_LENGTH = 60


@require_GET
def http_is_stateless(request: HttpRequest) -> HttpResponse:
    """Greet whoever says their name in *this* request; remember nobody."""
    name = request.GET.get("name")
    context: dict[str, object] = {"asked": name is not None, "max_name_length": MAX_NAME_LENGTH}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            context["name_error"] = "Type a name first: an empty one tells the server nothing."
        elif len(name) > MAX_NAME_LENGTH:
            context["name_error"] = f"Keep it to {MAX_NAME_LENGTH} characters or fewer."
        else:
            context["name"] = name
    context["request_line"] = f"{request.method} {request.get_full_path()}"
    context["identifying_headers"] = {
        "Cookie": request.headers.get("Cookie"),
        "Authorization": request.headers.get("Authorization"),
    }
    return render_lesson(request, "http-is-stateless", context)
