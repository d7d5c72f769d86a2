"""Deployment settings and security headers: check --deploy is clean, every response is locked down."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from cookielab.lessons import LESSONS

WHITENOISE = "whitenoise.middleware.WhiteNoiseMiddleware"
ROOT = Path(__file__).resolve().parents[2]

PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "lab.example.org",
}


def run_in_production(*args: str) -> subprocess.CompletedProcess:
    # The test run's own switches (DJANGO_ALLOW_ASYNC_UNSAFE for Playwright) are not the deployment's.
    skipped = {"REDIS_URL", "SESSION_ENGINE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in skipped}
    env.update({"DJANGO_SETTINGS_MODULE": "sessionsdemo.settings", **PRODUCTION_ENV})
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_finds_nothing_in_production():
    result = run_in_production("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout, result.stdout + result.stderr
    assert "WARNING" not in result.stderr


def test_production_cookie_and_transport_settings():
    code = (
        "import json, django; from django.conf import settings as s; django.setup(); print(json.dumps({"
        "'session': [s.SESSION_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE],"
        "'csrf': [s.CSRF_COOKIE_SECURE, s.CSRF_COOKIE_SAMESITE],"
        "'hsts': s.SECURE_HSTS_SECONDS, 'redirect': s.SECURE_SSL_REDIRECT, 'debug': s.DEBUG,"
        "'frames': s.X_FRAME_OPTIONS, 'referrer': s.SECURE_REFERRER_POLICY,"
        "'coop': s.SECURE_CROSS_ORIGIN_OPENER_POLICY, 'nosniff': s.SECURE_CONTENT_TYPE_NOSNIFF,"
        "'static': s.MIDDLEWARE[s.MIDDLEWARE.index('sessionsdemo.middleware.SecurityHeadersMiddleware') + 1]}))"
    )
    result = run_in_production("-c", code)
    assert result.returncode == 0, result.stderr
    current = json.loads(result.stdout)
    assert current["session"] == [True, True, "Lax"]
    assert current["csrf"] == [True, "Lax"]
    assert current["hsts"] >= 31_536_000
    assert current["redirect"] is True
    assert current["debug"] is False
    assert current["frames"] == "DENY"
    assert current["referrer"] == "same-origin"
    assert current["coop"] == "same-origin"
    assert current["nosniff"] is True
    assert current["static"] == WHITENOISE  # static files pass through the security headers


def csp_directives(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in policy.split(";") if part.strip()}


PAGES = ["/", *[lesson.get_absolute_url() for lesson in LESSONS]]


@pytest.mark.django_db
@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_the_security_headers(client, path):
    response = client.get(path)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    directives = csp_directives(response)
    assert directives["default-src"] == "default-src 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert directives["object-src"] == "object-src 'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "upgrade-insecure-requests" not in directives  # plain http in development
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_that_read_the_session_are_never_stored_by_caches(client):
    lesson = LESSONS[0]
    client.post(reverse("cookielab:check", args=[lesson.slug]), {"choice": lesson.questions[0].answer})
    for path in PAGES:
        assert "no-store" in client.get(path)["Cache-Control"], path


@pytest.mark.django_db
def test_a_response_that_never_touched_the_session_may_be_cached(client):
    not_found = client.get("/lessons/no-such-lesson/")
    assert "no-store" not in not_found.get("Cache-Control", "")


@pytest.mark.django_db
def test_only_the_other_loopback_name_is_allowed_as_a_form_target(client):
    on_127 = csp_directives(client.get("/", HTTP_HOST="127.0.0.1:8000"))
    assert on_127["form-action"] == "form-action 'self' http://localhost:8000"
    assert on_127["img-src"] == "img-src 'self' data: http://localhost:8000"
    on_localhost = csp_directives(client.get("/", HTTP_HOST="localhost:8000"))
    assert on_localhost["form-action"] == "form-action 'self' http://127.0.0.1:8000"


@pytest.mark.django_db
def test_production_policy_upgrades_insecure_requests_and_has_no_twin(client, settings):
    code = "import json, django; from django.conf import settings as s; django.setup(); print(json.dumps(s.SECURE_CSP))"
    result = run_in_production("-c", code)
    assert result.returncode == 0, result.stderr
    settings.SECURE_CSP = json.loads(result.stdout)
    settings.ALLOWED_HOSTS = ["lab.example.org"]
    directives = csp_directives(client.get("/", HTTP_HOST="lab.example.org"))
    assert "upgrade-insecure-requests" in directives
    assert directives["form-action"] == "form-action 'self'"


@pytest.mark.django_db
def test_a_disallowed_host_still_gets_a_policy_and_no_500(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert csp_directives(response)["form-action"] == "form-action 'self'"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", LESSONS[0].get_absolute_url(), "/no-such-page/"])
def test_every_answer_turns_off_the_features_no_lesson_uses(client, path):
    policy = client.get(path)["Permissions-Policy"]
    features = dict(item.strip().split("=") for item in policy.split(","))
    assert {"camera", "microphone", "geolocation", "payment", "usb"} <= set(features)
    assert set(features.values()) == {"()"}


@pytest.mark.parametrize("path", ["/static/cookielab/css/cookielab.css", "/static/cookielab/js/cookielab.js"])
def test_static_files_carry_the_same_security_headers_as_pages(client, path, settings):
    """In production they are served through the site's middleware (WhiteNoise), not by the server beside it."""
    after = settings.MIDDLEWARE.index("sessionsdemo.middleware.SecurityHeadersMiddleware") + 1
    settings.MIDDLEWARE = [*settings.MIDDLEWARE[:after], WHITENOISE, *settings.MIDDLEWARE[after:]]
    settings.WHITENOISE_USE_FINDERS = True  # the test run has no collectstatic
    response = client.get(path)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]
