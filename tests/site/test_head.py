"""HEAD is answered wherever GET is, with GET's status and headers and no body (issue #14)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.support.crawl import argument_free_paths

pytestmark = pytest.mark.django_db

# Every route that takes no argument, the admin's excepted (Django's own views).
PATHS = [path for path in argument_free_paths() if not path.startswith("/admin/")]


def test_the_routes_are_found():
    assert "/" in PATHS and "/counter/" in PATHS and "/httpbin/cookies" in PATHS and "/getcookie/" in PATHS


@pytest.mark.parametrize("path", PATHS)
def test_head_answers_like_get(path):
    got = Client().get(path)
    if got.status_code == 405:  # an action: POST only, and HEAD refused the same way
        assert Client().head(path).status_code == 405
        return
    head = Client().head(path)
    assert head.status_code == got.status_code, path
    assert head["Content-Type"] == got["Content-Type"]
    assert head.content == b""
