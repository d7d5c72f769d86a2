"""Helpers for the session-flow tests: real HTTP against the live server, and real bursts of requests."""

from __future__ import annotations

import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests
import requests.adapters

from bench.servers import free_port
from bench.servers import site_env
from bench.servers import stop_process
from bench.servers import wait_until_answering
from tests.support.html import soup
from tests.support.html import text

ROOT = Path(__file__).resolve().parent.parent.parent

JSON = {"Accept": "application/json"}


def browser(pool_size: int = 50) -> requests.Session:
    """A cookie-keeping HTTP client with room for ``pool_size`` simultaneous connections."""
    session = requests.Session()
    session.mount("http://", requests.adapters.HTTPAdapter(pool_maxsize=pool_size))
    return session


def page_text(response: requests.Response, selector: str) -> str:
    node = soup(response).select_one(selector)
    assert node is not None, f"{selector} not found in {response.url}"
    return text(node)


def burst(session: requests.Session, url: str, size: int) -> list[requests.Response]:
    """``size`` GETs at once from ``size`` threads, all sending the same session cookie."""
    with ThreadPoolExecutor(max_workers=size) as pool:
        return list(pool.map(lambda _: session.get(url, headers=JSON, timeout=60), range(size)))


def counts(session: requests.Session, base: str) -> dict[str, int]:
    response = session.get(f"{base}/counter/count/", headers=JSON, timeout=10)
    assert response.status_code == 200
    return response.json()


class SiteServer:
    """The teaching site in a process of its own (``manage.py runserver``, one thread per request).

    Used where requests must really run side by side: pytest-django's live server shares one
    connection to its in-memory SQLite database between all request threads, which breaks
    simultaneous transactions. Here SQLite is a file, configured as the site configures it.
    """

    def __init__(self, workdir: Path, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = site_env(
            workdir / "site.sqlite3",
            SECRET_KEY="sessions-flow-test-key-not-secret-0123456789abcdefghijklmnop",
            **(env or {}),
        )
        self.process: subprocess.Popen | None = None
        self.log = workdir / "server.log"

    def start(self, timeout: float = 30.0) -> SiteServer:
        manage = [sys.executable, str(ROOT / "manage.py")]
        migrate = subprocess.run(
            [*manage, "migrate", "--noinput"], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=120
        )
        assert migrate.returncode == 0, migrate.stderr
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [*manage, "runserver", "--noreload", f"127.0.0.1:{self.port}"],
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if wait_until_answering(self.url + "/", self.process, timeout):
            return self
        self.stop()
        raise RuntimeError(f"the site did not answer on port {self.port}:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process is not None:
            stop_process(self.process)
