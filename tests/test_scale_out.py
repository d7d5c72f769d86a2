"""Two site processes and one Redis serve one session in turn, and a restart loses nothing."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
import requests

from bench import servers

pytestmark = pytest.mark.redis


def site_env(tmp_path, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"SESSION_ENGINE", "DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"sqlite:///{tmp_path / 'site.sqlite3'}",
        REDIS_URL=redis_url,
        SESSION_ENGINE="cache",
        DJANGO_SETTINGS_MODULE="sessionsdemo.settings",
    )
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=servers.ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=servers.ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def site(env: dict[str, str]) -> servers.Server:
    port = servers.free_port()
    return servers.Server("granian", servers.django_command("granian", port, workers=1), port, env)


def views(response: requests.Response) -> int:
    if "for the first time" in response.text:
        return 1
    return int(re.search(r"You visited this page (\d+) times", response.text).group(1))


def test_two_processes_share_a_session_and_a_restart_keeps_it(tmp_path, redis_server):
    env = site_env(tmp_path, redis_server.url)
    browser = requests.Session()
    counts = []
    with site(env) as first, site(env) as second:
        for index in range(6):
            counts.append(views(browser.get((first if index % 2 == 0 else second).url("/counter/"), timeout=10)))
    assert counts == [1, 2, 3, 4, 5, 6]

    key = browser.cookies["sessionid"]
    stored = [k.decode() for k in redis_server.client().scan_iter("*django.contrib.sessions.cache*")]
    assert any(k.endswith(key) for k in stored), stored

    with site(env) as restarted:  # both processes are gone; a new one picks the session up from Redis
        assert views(browser.get(restarted.url("/counter/"), timeout=10)) == 7
