"""This server under its other loopback name: a browser counts localhost and 127.0.0.1 as two sites."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from cookielab.core import origins


@pytest.mark.parametrize(
    ("host", "origin"),
    [
        ("localhost:8000", "http://127.0.0.1:8000"),
        ("127.0.0.1:41234", "http://localhost:41234"),
        ("LOCALHOST", "http://127.0.0.1"),
        ("[::1]:8000", None),
        ("example.com", None),
    ],
)
def test_the_other_loopback_origin_keeps_the_port(rf: RequestFactory, settings, host, origin):
    settings.ALLOWED_HOSTS = ["*"]
    assert origins.twin_origin(rf.get("/", HTTP_HOST=host)) == origin


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("localhost", True),
        ("LOCALHOST.", True),
        ("lab.localhost", True),
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("[::1]", True),
        ("::1", True),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
        ("[fe80::1]", False),
        ("classroom.test", False),
        ("localhost.example.com", False),
        ("", False),
    ],
)
def test_loopback_hosts_are_the_names_a_browser_trusts_over_plain_http(host, loopback):
    assert origins.is_loopback_host(host) is loopback


@pytest.mark.parametrize(
    ("host", "secure", "trustworthy"),
    [
        ("127.0.0.1:8000", False, True),
        ("127.0.0.2:8000", False, True),
        ("localhost:8000", False, True),
        ("[::1]:8000", False, True),
        ("192.168.1.20:8000", False, False),
        ("classroom.test:8000", False, False),
        ("classroom.test", True, True),
        ("192.168.1.20", True, True),
    ],
)
def test_an_origin_is_potentially_trustworthy_over_https_or_on_loopback(rf, settings, host, secure, trustworthy):
    settings.ALLOWED_HOSTS = ["*"]
    request = rf.get("/", HTTP_HOST=host, secure=secure)
    assert origins.is_potentially_trustworthy(request) is trustworthy


def test_a_refused_host_is_not_trustworthy(rf, settings):
    settings.ALLOWED_HOSTS = ["127.0.0.1"]
    request = rf.get("/", HTTP_HOST="evil.example")
    assert origins.request_host(request) == ""
    assert not origins.is_potentially_trustworthy(request)
