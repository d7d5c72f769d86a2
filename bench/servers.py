"""Start and stop the servers a benchmark measures: Cookie Lab under a WSGI/ASGI server, and the peers.

The process helpers (a free port, the site's environment, waiting for an answer, stopping) also
serve the tests that run the site in a process of its own.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import IO

from sessionsdemo import serving

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "bench" / "peer"
FLASK_PEER = ROOT / "bench" / "peer-flask"
BIN = Path(sys.executable).parent


# Where the session store is configured: a site process gets its own, never this process's.
STORE_VARIABLES = frozenset({"REDIS_URL", "SESSION_ENGINE", "DATABASE_URL"})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def site_env(database: Path, **overrides: str) -> dict[str, str]:
    """The environment of a site process: this one's without its store settings, DEBUG off, SQLite in ``database``."""
    env = {name: value for name, value in os.environ.items() if name not in STORE_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="sessionsdemo.settings", DJANGO_DEBUG="0", DATABASE_URL=f"sqlite:///{database}")
    env.update(overrides)
    return env


def wait_until_answering(url: str, process: subprocess.Popen, timeout: float = 30.0) -> bool:
    """Poll ``url`` until it answers with a success; False when ``process`` exits or ``timeout`` passes first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with urllib.request.urlopen(url, timeout=1):
                return True
        except (urllib.error.URLError, OSError):
            time.sleep(0.1)
    return False


def stop_process(process: subprocess.Popen, timeout: float = 10.0, *, group: bool = False) -> None:
    """SIGTERM, then SIGKILL if it is still running after ``timeout`` s; ``group``: its whole process group."""
    if process.poll() is not None:
        return
    send = (lambda signum: os.killpg(process.pid, signum)) if group else process.send_signal
    send(signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait(timeout=timeout)


def django_command(server: str, port: int, workers: int = serving.WORKERS) -> list[str]:
    """The command line of each production server candidate (compared by `make bench`).

    ``granian`` is how `make serve` runs; ``granian-4-threads`` is the same with four threads a worker.
    """
    if server in {"granian", "granian-4-threads"}:
        threads = 4 if server == "granian-4-threads" else serving.THREADS_PER_WORKER
        # As `make serve` runs it: static files go through the site (WhiteNoise) for its security headers,
        # and a request head over 64 KiB is refused by granian before Python sees it.
        return [
            str(BIN / "granian"),
            *serving.granian_wsgi_options(workers, threads),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--http1-buffer-size",
            "65536",
            "sessionsdemo.wsgi:application",
        ]
    if server in {"gunicorn-sync", "gunicorn-gthread"}:
        threads = ["--threads", "4", "--worker-class", "gthread"] if server == "gunicorn-gthread" else []
        return [
            str(BIN / "gunicorn"),
            *["--workers", str(workers), *threads, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
            "sessionsdemo.wsgi:application",
        ]
    if server == "uvicorn":
        return [
            str(BIN / "uvicorn"),
            "--workers",
            str(workers),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
            "sessionsdemo.asgi:application",
        ]
    raise ValueError(f"unknown server {server!r}")


class Server:
    def __init__(
        self, name: str, command: list[str], port: int, env: dict[str, str], cwd: Path = ROOT, health: str = "/healthz"
    ) -> None:
        self.name = name
        self.command = command
        self.port = port
        self.env = env
        self.cwd = cwd
        self.health = health
        self.process: subprocess.Popen | None = None
        self.log: IO[bytes]  # made by __enter__

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Server:
        # The server's log goes to a file, never to a pipe: nobody reads a pipe while the load runs, and a full
        # one (64 KiB: about 1,100 of Django's "431 Request Header Fields Too Large" warnings in a cookie flood)
        # blocks every thread that logs, so the whole server stops answering.
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=self.log,
            start_new_session=True,
        )
        if wait_until_answering(self.url(self.health), self.process):
            return self
        errors = self.log_tail()  # before __exit__ closes the log
        self.__exit__()
        raise RuntimeError(f"{self.name} did not answer on port {self.port}: {errors}")

    def log_tail(self, size: int = 2000) -> str:
        self.log.seek(0, os.SEEK_END)
        self.log.seek(max(0, self.log.tell() - size))
        return self.log.read().decode(errors="replace")

    def __exit__(self, *exc_info: object) -> None:
        if self.process:
            stop_process(self.process, 15, group=True)  # uvicorn and gunicorn workers share its group
        self.log.close()


def django(server: str, env: dict[str, str]) -> Server:
    port = free_port()
    return Server(server, django_command(server, port), port, env)


def express(redis_url: str = "", prefix: str = "sess:") -> Server | None:
    """The lecture's app (MemoryStore; connect-redis with ``redis_url``), or None when node or its packages are missing.

    The caller says what was skipped.
    """
    node = shutil.which("node")
    package = "connect-redis" if redis_url else "express"
    if node is None or not (PEER / "node_modules" / package).exists():
        return None
    port = free_port()
    env = {**os.environ, "PORT": str(port), "NODE_ENV": "production", "REDIS_URL": redis_url, "REDIS_PREFIX": prefix}
    return Server("express", [node, "server.js"], port, env, cwd=PEER, health="/bare")


def flask(redis_url: str, prefix: str = "session:") -> Server | None:
    """Flask + Flask-Session on Redis under granian, as the site is served; None when its virtualenv is missing."""
    granian = FLASK_PEER / ".venv" / "bin" / "granian"
    if not granian.exists():
        return None
    port = free_port()
    command = [
        str(granian),
        *serving.granian_wsgi_options(),  # served as the site is
        *["--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "app:app"],
    ]
    env = {**os.environ, "REDIS_URL": redis_url, "REDIS_PREFIX": prefix}
    return Server("flask", command, port, env, cwd=FLASK_PEER, health="/bare")
