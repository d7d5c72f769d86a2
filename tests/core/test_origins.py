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
