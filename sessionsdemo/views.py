from django.http import HttpRequest
from django.http import HttpResponse


def healthz(request: HttpRequest) -> HttpResponse:
    """For load balancers and benchmarks: answers without touching the session or the database."""
    return HttpResponse("ok", content_type="text/plain")
