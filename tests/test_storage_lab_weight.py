"""The storage lab stays within the page-weight goal, and the code behind its buttons loads on demand.

Counted as `make bench` counts a page: its HTML plus every stylesheet and script it links, with the
modules those scripts import statically, uncompressed. A dynamic import() is not counted: it loads
only when a student presses a button.
"""

from __future__ import annotations

import posixpath
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from tests.support.html import soup

pytestmark = pytest.mark.django_db

GOAL_BYTES = 60 * 1024
STATIC_IMPORT = re.compile(r'^\s*import\s[^"\']*["\']([^"\']+)["\']', re.M)
DYNAMIC_IMPORT = re.compile(r'\bimport\(\s*["\']([^"\']+)["\']\s*\)')


def static_file(url: str) -> bytes:
    path = finders.find(url.removeprefix(settings.STATIC_URL))
    assert path, f"{url} is not a static file"
    with open(path, "rb") as file:
        return file.read()


def static_imports(url: str, source: bytes) -> list[str]:
    """The URLs of the modules the script at ``url`` imports statically."""
    folder = posixpath.dirname(url)
    return [posixpath.normpath(posixpath.join(folder, name)) for name in STATIC_IMPORT.findall(source.decode())]


def loaded_files(client, path: str) -> tuple[bytes, dict[str, bytes]]:
    """The page's HTML and every CSS/JS file it loads without a click, by URL."""
    response = client.get(path)
    page = soup(response)
    queue = [tag["href"] for tag in page.select("link[rel=stylesheet][href]")]
    queue += [tag["src"] for tag in page.select("script[src]")]
    files: dict[str, bytes] = {}
    while queue:
        url = queue.pop()
        if url in files:
            continue
        files[url] = static_file(url)
        if url.endswith(".js"):
            queue += static_imports(url, files[url])
    return response.content, files


def test_the_storage_lab_is_within_the_page_weight_goal(client):
    html, files = loaded_files(client, "/storage/")
    total = len(html) + sum(len(body) for body in files.values())
    assert any(url.endswith("/storage-lab.js") for url in files)
    assert total <= GOAL_BYTES, {url: len(body) for url, body in files.items()} | {"html": len(html), "total": total}


def test_the_button_code_is_imported_on_first_press_not_with_the_page(client):
    _html, files = loaded_files(client, "/storage/")
    lab_url = next(url for url in files if url.endswith("/storage-lab.js"))
    assert not any(url.endswith("/storage-actions.js") for url in files)
    assert DYNAMIC_IMPORT.findall(files[lab_url].decode()) == ["./storage-actions.js"]
    actions_url = posixpath.join(posixpath.dirname(lab_url), "storage-actions.js")
    for imported in static_imports(actions_url, static_file(actions_url)):
        static_file(imported)  # fails unless the module exists
