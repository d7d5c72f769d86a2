"""The browser storage lab without JavaScript: the corrected table, the echo endpoint, the peek page,
and the page weight."""

from __future__ import annotations

import json
import posixpath
import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from cookielab.lessons.storage.storage_lab.facts import COLUMNS
from cookielab.lessons.storage.storage_lab.facts import MARKER_COOKIE_PREFIX
from cookielab.lessons.storage.storage_lab.facts import STORAGE_TABLE
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

URL = "/storage/"
ECHO = "/storage/echo/"
STORES = ["Cookies", "localStorage", "sessionStorage", "IndexedDB", "Cache API", "Memory cache"]


def row_text(page, key: str) -> str:
    return text(page.select_one(f"#storage-table tr[data-store={key}]"))


def test_the_lab_lives_at_its_documented_paths():
    assert reverse("cookielab:storage-lab") == URL
    assert reverse("cookielab:storage-echo") == ECHO


def test_the_table_has_the_lectures_six_rows_and_columns(client):
    page = soup(client.get(URL))
    table = page.select_one("#storage-table")
    headers = [text(th) for th in table.select("thead th")]
    assert headers == ["Storage type", "Works here?", *(column.label for column in COLUMNS)]
    assert [column.label for column in COLUMNS] == [
        "Max size",
        "Sync/async",
        "Persistence",
        "Sent with requests",
        "Use case",
    ]
    assert [text(th) for th in table.select("tbody th[scope=row]")] == STORES
    for row in STORAGE_TABLE:
        cells = page.select(f"tr[data-store={row.key}] td:not([hidden])")
        assert [cell["data-column"] for cell in cells] == [column.key for column in COLUMNS]
        for cell, (_column, documented) in zip(cells, row.cells(), strict=True):
            assert text(cell.select_one(".documented")) == documented


def test_the_table_corrects_the_lectures_loose_figures(client):
    page = soup(client.get(URL))
    cookies = row_text(page, "cookie")
    assert "4096 bytes per cookie" in cookies
    assert "at least 50 per domain" in cookies
    assert "180" in cookies
    assert "Lecture: ~4 KB" in cookies
    local = row_text(page, "localStorage")
    assert "About 5 MiB per origin" in local
    assert "10 MiB counted at 2 bytes a character" in local
    assert "5,242,880 characters" in local
    assert "QuotaExceededError" in local
    assert "Lecture: ~5-10 MB" in local
    session = row_text(page, "sessionStorage")
    assert "Per origin and per tab" in session
    assert "window.open()" in session
    for key in ("indexedDB", "cacheApi"):
        shared = row_text(page, key)
        assert "one per-origin quota" in shared
        assert "60% of the disk in Chromium and in Safari 17+" in shared
        # MDN, "Storage quotas and eviction criteria": 10 % per origin capped at 8 TiB, 10 GiB per eTLD+1.
        assert "Firefox allows an origin 10% of the disk (50% once persisted), at most 8 TiB" in shared
        assert "group limit of 10 GiB" in shared and "eTLD+1" in shared
        assert "navigator.storage.persist()" in shared
    for key in ("cookie", "localStorage", "indexedDB", "cacheApi"):
        assert "7 days" in row_text(page, key), key
    assert "Lecture: ~100+ MB" in row_text(page, "indexedDB")


def test_without_javascript_only_the_documented_table_shows(client):
    page = soup(client.get(URL))
    assert page.select("output.measured")  # the cells are there for the script to fill...
    for output in page.select("output.measured"):
        hidden_parent = output.find_parent(attrs={"hidden": True})
        assert hidden_parent is not None, output["id"]  # ...but hidden until it runs
    assert page.select_one(".lab-controls")["hidden"] is not None
    assert "need JavaScript" in text(page.select_one("#storage-lab noscript"))


def test_closing_a_tab_is_explained_not_measured(client):
    page = soup(client.get(URL))
    for row in STORAGE_TABLE:
        on_close = text(page.select_one(f"tr[data-store={row.key}] .on-close"))
        assert row.on_close in on_close
        assert "not measured" in on_close


def test_the_script_gets_its_urls_from_data_attributes(client):
    lab = soup(client.get(URL)).select_one("#storage-lab")
    assert lab["data-echo-url"] == ECHO
    assert lab["data-peek-url"] == "/storage/peek/"
    assert lab["data-cookie-path"] == "/"
    assert lab["data-cookie-prefix"] == MARKER_COOKIE_PREFIX
    assert lab["data-probe-image"].endswith("cookielab/img/cookie.svg")
    assert lab.find_next("script", attrs={"type": "module", "src": lambda src: src.endswith("storage-lab.js")})


@pytest.mark.urls("tests.support.mounted_urls")
def test_the_lab_works_under_a_prefix(client):
    response = client.get("/learn/storage/")
    assert response.status_code == 200
    lab = soup(response).select_one("#storage-lab")
    assert lab["data-echo-url"] == "/learn/storage/echo/"
    assert lab["data-cookie-path"] == "/learn/"
    client.cookies[f"{MARKER_COOKIE_PREFIX}sent"] = "here"
    assert client.get(lab["data-echo-url"]).json()["cookies"] == {f"{MARKER_COOKIE_PREFIX}sent": "here"}


def test_the_echo_returns_the_lab_cookies_and_headers_it_received(client):
    client.cookies[f"{MARKER_COOKIE_PREFIX}sent"] = "sent-cookie-123"
    client.cookies["sessionid"] = "secret-session-key"
    response = client.get(ECHO, headers={"X-Lab-Check": "present", "Authorization": "Basic c2VjcmV0"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    echo = json.loads(response.content)
    assert set(echo) == {"cookies", "other_cookie_names", "headers"}
    assert echo["cookies"] == {f"{MARKER_COOKIE_PREFIX}sent": "sent-cookie-123"}
    assert echo["other_cookie_names"] == ["sessionid"]
    assert echo["headers"]["X-Lab-Check"] == "present"
    assert "Cookie" not in echo["headers"]
    assert "Authorization" not in echo["headers"]
    assert b"secret-session-key" not in response.content  # an HttpOnly session cookie never reaches a script
    assert b"c2VjcmV0" not in response.content


def test_the_echo_with_no_cookies_says_so(client):
    echo = client.get(ECHO).json()
    assert echo["cookies"] == {}
    assert echo["other_cookie_names"] == []


def test_hostile_cookie_values_come_back_as_json_strings(client):
    client.cookies[f"{MARKER_COOKIE_PREFIX}x"] = "<script>alert(1)</script>"
    response = client.get(ECHO)
    assert response["Content-Type"] == "application/json"  # data for a script, never rendered as HTML
    assert response.json()["cookies"][f"{MARKER_COOKIE_PREFIX}x"] == "<script>alert(1)</script>"


def test_the_echo_only_answers_get(client):
    assert client.post(ECHO).status_code == 405


def test_the_peek_page_links_back_and_loads_its_module(client):
    page = soup(client.get("/storage/peek/?via=link"))
    assert page.select_one("a[href='/storage/']") is not None
    assert page.select_one("script[type=module][src$='storage-peek.js']") is not None
    for output in ("peek-via", "peek-opener", "peek-session", "peek-local"):
        assert page.select_one(f"#{output}") is not None


# ---- page weight ----
# The storage lab stays within the page-weight goal, and the code behind its buttons loads on demand.
# Counted as `make bench` counts a page: its HTML plus every stylesheet and script it links, with the
# modules those scripts import statically, uncompressed. A dynamic import() is not counted: it loads
# only when a student presses a button. The goal was 60 KiB before the course frame every lesson shares
# (its contents twice, for a desktop sidebar and a phone disclosure, "You'll learn", the recap and a quiz
# of three questions) added about 11 KiB to this page; the lab's own share is unchanged. The goal went
# from 72 to 74 KiB with the code every page shares to land on a demo's result and to tell the wire
# panel's story (+4.3 KB of cookielab.js), after the contents were listed once instead of twice (-2.6 KB)
# and copies of lesson rules left the site stylesheet.

GOAL_BYTES = 74 * 1024
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
    assert any(url.endswith("/storage-lab/storage-lab.js") for url in files)
    assert any(url.endswith("/css/lessons/storage-lab.css") for url in files)  # the lab's own rules count too
    assert total <= GOAL_BYTES, {url: len(body) for url, body in files.items()} | {"html": len(html), "total": total}


def test_the_button_code_is_imported_on_first_press_not_with_the_page(client):
    _html, files = loaded_files(client, "/storage/")
    lab_url = next(url for url in files if url.endswith("/storage-lab.js"))
    assert not any(url.endswith("/storage-actions.js") for url in files)
    assert DYNAMIC_IMPORT.findall(files[lab_url].decode()) == ["./storage-actions.js"]
    actions_url = posixpath.join(posixpath.dirname(lab_url), "storage-actions.js")
    for imported in static_imports(actions_url, static_file(actions_url)):
        static_file(imported)  # fails unless the module exists


def test_asynchronous_is_not_called_work_off_the_main_thread(client):
    page = soup(client.get(URL))
    indexed = text(page.select_one("tr[data-store=indexedDB] td[data-column=api]"))
    assert "off the main thread" not in indexed
    assert "structured clone" in indexed and "synchronously, on the calling thread" in indexed
    cache = text(page.select_one("tr[data-store=cacheApi] td[data-column=api]"))
    assert "runs on its main thread" in cache
    explained = text(page.select_one("#async-not-free"))
    assert "structured clone" in explained and "Response" in explained
    assert "no more" in explained  # it says only what the lab measures


def test_session_restore_is_the_exception_for_session_storage(client):
    on_close = text(soup(client.get(URL)).select_one("tr[data-store=sessionStorage] .on-close"))
    assert "closing the browser discards all of it" not in on_close
    assert "restores the previous session" in on_close
