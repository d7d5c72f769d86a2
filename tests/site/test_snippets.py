"""Every "Try it yourself" runs as written (issue #13): each marked snippet of every lesson page, run for real.

A lesson marks each command a student can copy and run:

    <pre><code class="snippet" data-lang="sh" data-expect="HTTP/1.1 200">curl -i "{{ request.scheme }}://…"</code></pre>

- ``data-lang``: ``sh`` (run with ``bash``) or ``python`` (run with the venv's interpreter).
- ``data-expect`` (optional): what the lesson promises, text the output (stdout) must contain; each line of it
  (``&#10;`` in the attribute) must be found, not necessarily together.
- ``data-run="project"``: a command for the site's own folder (``python manage.py shell <<'EOF' …``). The runner
  runs it there, against the same SQLite database as the server. Without it, a snippet runs in an empty
  folder of its own (curl's ``jar.txt`` lands there), against the server.
- ``data-needs="redis"``: for the site on Redis (``REDIS_URL``); run by a test of its own, against the site on a
  redis-server of the test run's, with ``redis-cli`` pointed at it (a student's talks to the default port).
- ``data-run="manual"``: not run here, for a reason the page states (a second server that would never stop). Only
  the snippets listed in ``MANUAL`` may say so.

Python that needs Django's internals is written as the student runs it, ``python manage.py shell <<'EOF'`` in a
``sh`` snippet with ``data-run="project"``; a ``python`` snippet runs on its own, like a script.

The server is the site in a process of its own (``tests.support.sessions_flow.SiteServer``: ``runserver``, a SQLite
file), not pytest-django's live server: that one shares a single in-memory SQLite connection between its request
threads, and the races lesson fires fifty requests at once. Snippets that use Django's internals run through
``manage.py`` with the server's DATABASE_URL, so they see what the server stored. Everything stays on loopback: a
snippet may only name this server's host, and proxies are switched off.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests
from bs4 import BeautifulSoup
from bs4 import Tag
from django.urls import URLPattern
from django.urls import reverse

from cookielab.lessons import LESSONS
from tests.support.redis_server import RedisServer
from tests.support.requirements import require
from tests.support.sessions_flow import ROOT
from tests.support.sessions_flow import SiteServer

VENV_BIN = Path(sys.executable).parent
TIMEOUT = 30  # seconds, for one snippet
LANGS = {"sh", "python"}
RUNS = {"server", "project", "manual"}
NEEDS = {None, "redis"}
# The snippets that are not run, by lesson, and the start of their text: each needs what the test cannot give it.
MANUAL: dict[str, tuple[str, ...]] = {
    "cookie-use-cases": ("python manage.py runserver ",),  # a second server, on another port: it never ends
}
# What a command looks like, so that none escapes the runner: a <pre> block or inline <code> that starts so. A call
# counts (``http.cookies.SimpleCookie()``), the bare name of an API in a sentence does not.
COMMAND = re.compile(r"^(curl\b|python3?\b|import\b|from\b|https?\s|httpie\b|http(\.\w+)+\(|redis-cli\b)")
# Python that calls a server, anywhere in a <pre> block (``r = requests.get(…)``).
CALLS_A_SERVER = re.compile(r"\brequests\.(get|post|put|delete|head|Session)\(")
# "Fill this in" marks; an HTML tag in a grep pattern (<strong>) is not one.
PLACEHOLDER = re.compile(r"…|\.\.\.|YOUR_|<[A-Z][A-Z_]*>|(?i:<(key|value|name|token|id|url|host|session[ _-]?key)>)")
LOOPBACK = {"127.0.0.1", "localhost", "[::1]", "::1"}
# Names reserved never to resolve (RFC 2606): another site's Origin in a header, never a request's target.
NOWHERE = re.compile(r"(^|\.)(example|invalid|test)$")


@dataclass(frozen=True)
class Snippet:
    page: str = field(compare=False)
    lang: str
    code: str
    expect: str | None
    run: str
    needs: str | None = None

    def label(self) -> str:
        first = self.code.strip().splitlines()[0] if self.code.strip() else ""
        return f"{self.page} [{self.lang}, {self.run}] {first[:80]}"


def snippet_of(node: Tag, page: str) -> Snippet:
    return Snippet(
        page=page,
        lang=str(node.get("data-lang", "")),
        code=node.get_text(),
        expect=str(node["data-expect"]) if node.has_attr("data-expect") else None,
        run=str(node.get("data-run", "server")),
        needs=str(node["data-needs"]) if node.has_attr("data-needs") else None,
    )


def snippets_in(html: BeautifulSoup, page: str) -> list[Snippet]:
    return [snippet_of(node, page) for node in html.select("main code.snippet")]


def try_it(html: BeautifulSoup) -> Tag | None:
    return html.select_one("section.try-it")


def looks_like_a_command(node: Tag) -> bool:
    code = node.get_text().strip()
    if COMMAND.match(code):
        return True
    return node.parent is not None and node.parent.name == "pre" and CALLS_A_SERVER.search(code) is not None


def unmarked_commands(html: BeautifulSoup) -> list[str]:
    """Commands left out of the runner: in "Try it yourself", any code; elsewhere in the lesson, <pre> blocks."""
    section = try_it(html)
    candidates = list(section.select("code")) if section is not None else []
    candidates += [node for node in html.select("main pre > code") if node not in candidates]
    return [
        node.get_text().strip()
        for node in candidates
        if "snippet" not in (node.get("class") or []) and looks_like_a_command(node)
    ]


# ---- the pages -------------------------------------------------------------------------------------------


def sub_pages(lesson) -> list[str]:
    """The lesson's other pages a GET can show: its actions and lecture routes that take no argument."""
    patterns = [*getattr(lesson.module, "urlpatterns", ()), *getattr(lesson.module, "root_urlpatterns", ())]
    paths = []
    for pattern in patterns:
        if isinstance(pattern, URLPattern) and pattern.name and not pattern.pattern.regex.groups:
            paths.append(reverse(f"cookielab:{pattern.name}"))
    return paths


Fetch = Callable[[str], tuple[int, str, bytes]]  # a path -> status, Content-Type, body


def lesson_pages(fetch: Fetch, lesson) -> list[tuple[str, BeautifulSoup]]:
    """The lesson page, then each sub-page that answers a GET with HTML."""
    pages = []
    for path in [lesson.get_absolute_url(), *sub_pages(lesson)]:
        status, content_type, body = fetch(path)
        if status == 200 and content_type.startswith("text/html"):
            pages.append((path, BeautifulSoup(body, "html.parser")))
    assert pages and pages[0][0] == lesson.get_absolute_url(), f"{lesson.slug}: the lesson page did not render"
    return pages


def urls_in(code: str) -> list[str]:
    return re.findall(r"https?://[^\s\"'<>]+", code)


# ---- running ---------------------------------------------------------------------------------------------


def snippet_env(server: SiteServer) -> dict[str, str]:
    """The server's own environment (its DATABASE_URL and SECRET_KEY), the venv first on PATH, no proxy."""
    env = dict(server.env)
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        env.pop(name, None)
    env["NO_PROXY"] = env["no_proxy"] = "*"
    env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def run(snippet: Snippet, env: dict[str, str], workdir: Path) -> subprocess.CompletedProcess[str]:
    cwd = ROOT if snippet.run == "project" else workdir
    if snippet.lang == "sh":
        command = ["bash", "-e", "-o", "pipefail", "-c", snippet.code]
    else:
        command = [str(VENV_BIN / "python"), "-c", snippet.code]
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT, stdin=subprocess.DEVNULL
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory):
    server = SiteServer(tmp_path_factory.mktemp("snippet-site")).start()
    yield server
    server.stop()


def fetch_from(site: SiteServer) -> Fetch:
    def fetch(path: str) -> tuple[int, str, bytes]:
        response = requests.get(site.url + path, timeout=10)
        return response.status_code, response.headers.get("Content-Type", ""), response.content

    return fetch


def fetch_with(client) -> Fetch:
    def fetch(path: str) -> tuple[int, str, bytes]:
        response = client.get(path)
        return response.status_code, response.get("Content-Type", ""), response.content

    return fetch


def run_snippets(snippets: list[Snippet], env: dict[str, str], tmp_path: Path) -> int:
    """Run each snippet in a folder of its own; fail on a non-zero exit or a promise the output does not keep."""
    for index, snippet in enumerate(snippets):
        hosts = {urlsplit(url).hostname or "" for url in urls_in(snippet.code)}
        assert {host for host in hosts if not NOWHERE.search(host)} <= LOOPBACK, snippet.label()
        workdir = tmp_path / f"snippet-{index}"
        workdir.mkdir(parents=True)
        result = run(snippet, env, workdir)
        report = (
            f"{snippet.label()}\n--- code\n{snippet.code}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
        assert result.returncode == 0, f"exit code {result.returncode}: {report}"
        for expected in (snippet.expect or "").splitlines():
            assert expected.strip() in result.stdout, f"the output lacks {expected.strip()!r}: {report}"
    return len(snippets)


def page_snippets(fetch: Fetch, lesson) -> list[Snippet]:
    """The lesson's snippets, each once (a sub-page that renders the lesson's template repeats them)."""
    pages = lesson_pages(fetch, lesson)
    return list(dict.fromkeys(snippet for path, html in pages for snippet in snippets_in(html, path)))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_snippet_runs_as_written(lesson, site, tmp_path, record_property):
    started = time.monotonic()
    snippets = [s for s in page_snippets(fetch_from(site), lesson) if s.run != "manual" and s.needs is None]
    ran = run_snippets(snippets, snippet_env(site), tmp_path)
    record_property("snippets_run", ran)
    print(f"\n{lesson.slug}: {ran} snippets run in {time.monotonic() - started:.1f} s")


def redis_cli_pointing_at(server: RedisServer, folder: Path) -> Path:
    """A ``redis-cli`` first on PATH that talks to the test's redis-server, as a student's talks to the default one."""
    real = shutil.which("redis-cli")
    require(real is not None, "redis-cli", "install it (Debian/Ubuntu: sudo apt-get install redis-tools)")
    folder.mkdir()
    shim = folder / "redis-cli"
    shim.write_text(f'#!/bin/sh\nexec {real} -p {server.port} "$@"\n')
    shim.chmod(0o755)
    return folder


def test_the_redis_snippets_run_against_the_site_on_redis(redis_server, tmp_path, record_property):
    shims = redis_cli_pointing_at(redis_server, tmp_path / "bin")
    server = SiteServer(tmp_path, {"REDIS_URL": redis_server.url}).start()
    try:
        env = snippet_env(server)
        env["PATH"] = f"{shims}{os.pathsep}{env['PATH']}"
        ran = {}
        for lesson in LESSONS:
            snippets = [s for s in page_snippets(fetch_from(server), lesson) if s.needs == "redis"]
            if snippets:
                ran[lesson.slug] = run_snippets(snippets, env, tmp_path / lesson.slug)
    finally:
        server.stop()
    assert ran, "no lesson has a Redis snippet any more: drop this test"
    record_property("snippets_run", sum(ran.values()))
    print(f"\nRedis snippets run: {ran}")


# ---- without running: every command is marked, complete, and at this server's address -------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_every_command_is_a_complete_snippet_for_this_server(lesson, client):
    manual = []
    for path, html in lesson_pages(fetch_with(client), lesson):
        assert unmarked_commands(html) == [], f"{path}: commands the runner does not see"
        for snippet in snippets_in(html, path):
            assert snippet.lang in LANGS, snippet.label()
            assert snippet.run in RUNS, snippet.label()
            assert snippet.needs in NEEDS, snippet.label()
            # manage.py runs in the site's folder, and only there: the runner must know where to run it.
            assert ("manage.py" in snippet.code) == (snippet.run != "server"), snippet.label()
            assert snippet.lang == "sh" or snippet.run == "server", snippet.label()
            assert snippet.code.strip(), snippet.label()
            assert PLACEHOLDER.search(snippet.code) is None, f"a placeholder in {snippet.label()}"
            assert snippet.expect != "", snippet.label()
            for url in urls_in(snippet.code):
                # This server's host name; a port of its own only where a lesson shows that cookies ignore ports.
                host = urlsplit(url).hostname or ""
                assert host == "testserver" or NOWHERE.search(host), f"{url} is not this server's: {snippet.label()}"
            if snippet.run == "manual":
                manual.append(snippet.code.strip())
    allowed = MANUAL.get(lesson.slug, ())
    assert all(code.startswith(allowed) for code in manual) if allowed else manual == []


@pytest.mark.django_db
@pytest.mark.urls("tests.support.mounted_urls")
@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.slug)
def test_snippets_follow_the_mount_prefix(lesson, client):
    """Every address a snippet calls stays under the app's mount, whether written whole or as origin + path."""
    for path, html in lesson_pages(fetch_with(client), lesson):
        for snippet in snippets_in(html, path):
            addresses = [urlsplit(url).path for url in urls_in(snippet.code) if urlsplit(url).hostname == "testserver"]
            if snippet.run == "server" and {"", "/"} & set(addresses):  # an origin, then paths: base + "/learn/…"
                addresses += re.findall(r"[\"'](/[^\"'\s]*)", snippet.code)
            for address in addresses:
                assert address in {"", "/"} or address.startswith("/learn/"), (
                    f"{address} leaves the mount: {snippet.label()}"
                )
