"""Lesson: http-is-stateless."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from cookielab.core.secret_cookies import shown_cookie_header
from cookielab.lessons.base import Lesson
from cookielab.lessons.base import Quiz
from cookielab.lessons.storage.storage_lab.facts import PREVIEW_COLUMNS
from cookielab.lessons.storage.storage_lab.facts import preview_rows

MAX_NAME_LENGTH = 60

lesson = Lesson(
    slug="http-is-stateless",
    title="HTTP is stateless",
    summary="Each request arrives alone: the server has no memory of the one before.",
    topics=("HTTP is stateless", "Cookies"),
    learn=(
        "Why a server cannot tell two of your requests apart on its own.",
        "What a request must carry for the server to recognise you.",
        "Which places a browser can keep data for a site, before the course measures them.",
    ),
    recap=(
        "HTTP keeps no memory between requests: each one arrives alone.",
        "The server recognises you only by what the request itself carries: a cookie, a header, a URL parameter.",
        "Of all the places a browser keeps data, only cookies travel with every request by themselves.",
    ),
    quiz=Quiz(
        question="You told the server your name, then followed a plain link. Why did it not greet you?",
        choices=(
            "The server deleted your name after a timeout.",
            "Nothing in the second request said who you are, and HTTP keeps no memory between requests.",
            "Browsers strip names from links for privacy.",
        ),
        answer=1,
        explanation=(
            "Every HTTP request stands alone. Unless the request itself carries something that "
            "identifies you (a cookie, a header, a URL parameter), the server cannot connect it "
            "to any earlier request."
        ),
    ),
)


def storage_preview() -> dict[str, Any]:
    """The lecture's storage comparison in short; the storage lab, later in the course, measures it."""
    from cookielab.lessons import get_lesson
    from cookielab.lessons import position

    storage_lab = get_lesson("storage-lab")
    return {
        "storage_preview_columns": PREVIEW_COLUMNS,
        "storage_preview": preview_rows(),
        "storage_lab_number": position(storage_lab) if storage_lab is not None else None,
    }


def context(request: HttpRequest) -> dict[str, Any]:
    """Greet whoever says their name in *this* request; remember nobody."""
    name = request.GET.get("name")
    page: dict[str, Any] = {"asked": name is not None, "max_name_length": MAX_NAME_LENGTH}
    if name is not None:
        name = " ".join(name.split())
        if not name:
            page["name_error"] = "Type a name first: an empty one tells the server nothing."
        elif len(name) > MAX_NAME_LENGTH:
            page["name_error"] = f"Keep it to {MAX_NAME_LENGTH} characters or fewer."
        else:
            page["name"] = name
    page["request_line"] = f"{request.method} {request.get_full_path()}"
    page.update(storage_preview())
    page["identifying_headers"] = {
        "Cookie": shown_cookie_header(cookie) if (cookie := request.headers.get("Cookie")) is not None else None,
        "Authorization": request.headers.get("Authorization"),
    }
    return page
