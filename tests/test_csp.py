"""cookielab.csp: the sources a host's Content-Security-Policy must allow, and the site sending them."""

from __future__ import annotations

import os
import subprocess
import sys

import django
import pytest
from django.test import RequestFactory

from cookielab import csp


def test_outside_loopback_self_is_all_the_app_needs(rf: RequestFactory, settings):
    settings.ALLOWED_HOSTS = ["lab.example.org"]
    assert csp.directives(rf.get("/", HTTP_HOST="lab.example.org")) == {
        "default-src": ["'self'"],
        "img-src": ["'self'"],
        "form-action": ["'self'"],
    }
    assert csp.directives() == csp.directives(rf.get("/", HTTP_HOST="lab.example.org"))


def test_on_loopback_the_other_name_is_allowed_for_images_and_forms(rf: RequestFactory):
    needed = csp.directives(rf.get("/", HTTP_HOST="127.0.0.1:8123"))
    assert needed["img-src"] == needed["form-action"] == ["'self'", "http://localhost:8123"]


def test_a_static_policy_can_allow_both_loopback_names_on_any_port():
    needed = csp.directives(loopback_any_port=True)
    assert needed["img-src"] == ["'self'", "127.0.0.1:*", "localhost:*"]


def test_a_settings_module_can_use_it_before_django_is_set_up():
    code = "from cookielab import csp; print(csp.header_value(csp.directives(loopback_any_port=True)))"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "img-src 'self' 127.0.0.1:* localhost:*" in result.stdout


def test_merge_adds_sources_once_and_keeps_flags():
    host = {"default-src": ["'self'"], "img-src": {"'self'", "data:"}, "upgrade-insecure-requests": True}
    merged = csp.merge(host, csp.directives(loopback_any_port=True))
    assert merged == {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:", "127.0.0.1:*", "localhost:*"],
        "upgrade-insecure-requests": True,
        "form-action": ["'self'", "127.0.0.1:*", "localhost:*"],
    }
    assert csp.merge({"img-src": "'self'"}, {"img-src": ["'self'"]}) == {"img-src": ["'self'"]}


def test_the_header_is_written_as_djangos_middleware_writes_it():
    policy = {"default-src": ["'self'"], "img-src": ["'self'", "data:"], "upgrade-insecure-requests": True}
    policy |= {"report-to": None, "sandbox": False, "script-src": []}
    expected = "default-src 'self'; img-src 'self' data:; upgrade-insecure-requests"
    assert csp.header_value(policy) == expected
    if django.VERSION >= (6, 0):
        from django.utils.csp import build_policy

        assert build_policy(policy) == expected


@pytest.mark.django_db
def test_the_site_sends_its_policy_through_djangos_middleware_on_django_6(client, settings):
    uses_djangos = "django.middleware.csp.ContentSecurityPolicyMiddleware" in settings.MIDDLEWARE
    assert uses_djangos == (django.VERSION >= (6, 0))
    settings.SECURE_CSP = {**settings.SECURE_CSP, "script-src": ["'self'", "'report-sample'"]}
    policy = client.get("/", HTTP_HOST="localhost:8000")["Content-Security-Policy"]
    assert "script-src 'self' 'report-sample';" in policy  # read from SECURE_CSP at request time
    assert "img-src 'self' data: http://127.0.0.1:8000;" in policy  # plus what Cookie Lab needs here
