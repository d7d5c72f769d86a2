"""``ClassroomMiddleware``: in classroom mode, give each browser a student id and note when it was last seen.

It does nothing while ``COOKIELAB_CLASSROOM`` is off. Put it below ``WireTapMiddleware``, so the wire
panel shows the ``cookielab_student`` cookie it sets like any other.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.http import HttpResponse

from cookielab.classroom import students
from cookielab.classroom import teacher
from cookielab.conf import conf


def _counts_as_a_visit(request: HttpRequest) -> bool:
    """A page or action of the course (resolved in Cookie Lab's URLs), not the teacher's dashboard."""
    match = getattr(request, "resolver_match", None)
    return match is not None and match.app_name == "cookielab" and not request.path.startswith(teacher.cookie_path())


class ClassroomMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not conf.CLASSROOM or not _counts_as_a_visit(request):
            return response
        students.touch(request)
        is_page = response.get("Content-Type", "").startswith("text/html") and response.status_code < 400
        if request.method in {"GET", "HEAD"} and is_page and conf.STUDENT_COOKIE_NAME not in response.cookies:
            students.give_cookie(request, response)
        return response
