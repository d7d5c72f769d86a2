"""Two site processes and one Redis serve one session in turn, and a restart loses nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest
import requests

from bench import servers

pytestmark = pytest.mark.redis

JSON = {"Accept": "application/json"}


def site(env: dict[str, str]) -> servers.Server:
    port = servers.free_port()
    return servers.Server("granian", servers.django_command("granian", port, workers=1), port, env)


def views(browser: requests.Session, server: servers.Server) -> int:
    return browser.get(server.url("/counter/"), headers=JSON, timeout=10).json()["views"]


def test_two_processes_share_a_session_and_a_restart_keeps_it(tmp_path, redis_server):
    env = servers.site_env(
        tmp_path / "site.sqlite3", ALLOWED_HOSTS="127.0.0.1", REDIS_URL=redis_server.url, SESSION_ENGINE="cache"
    )
    migrate = [sys.executable, "manage.py", "migrate", "--noinput"]
    subprocess.run(migrate, cwd=servers.ROOT, env=env, check=True, capture_output=True)
    browser = requests.Session()
    with site(env) as first, site(env) as second:
        counts = [views(browser, first if turn % 2 == 0 else second) for turn in range(6)]
    assert counts == [1, 2, 3, 4, 5, 6]

    key = browser.cookies["sessionid"]
    stored = [k.decode() for k in redis_server.client().scan_iter("*django.contrib.sessions.cache*")]
    assert any(k.endswith(key) for k in stored), stored

    with site(env) as restarted:  # both processes are gone; a new one picks the session up from Redis
        assert views(browser, restarted) == 7
