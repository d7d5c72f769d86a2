"""Start and stop the servers a benchmark measures: Cookie Lab under a WSGI/ASGI server, and the peer."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEER = ROOT / "bench" / "peer"
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def django_command(server: str, port: int, workers: int = 2) -> list[str]:
    """The command line of each production server candidate (see `python -m bench servers`)."""
    if server == "granian":
        return [
            str(BIN / "granian"),
            "--interface",
            "wsgi",
            "--workers",
            str(workers),
            "--no-ws",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--static-path-route",
            "/static",
            "--static-path-mount",
            str(ROOT / "staticfiles"),
            "sessionsdemo.wsgi:application",
        ]
    if server == "gunicorn-sync":
        return [
            str(BIN / "gunicorn"),
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "sessionsdemo.wsgi:application",
        ]
    if server == "gunicorn-gthread":
        return [
            str(BIN / "gunicorn"),
            "--workers",
            str(workers),
            "--threads",
            "4",
            "--worker-class",
            "gthread",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
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
    def __init__(self, name: str, command: list[str], port: int, env: dict[str, str], cwd: Path = ROOT) -> None:
        self.name = name
        self.command = command
        self.port = port
        self.env = env
        self.cwd = cwd
        self.process: subprocess.Popen | None = None

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> Server:
        self.process = subprocess.Popen(
            self.command,
            cwd=self.cwd,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited: {self.process.stderr.read().decode()[-2000:]}")
            try:
                urllib.request.urlopen(self.url("/healthz" if self.name != "express" else "/bare"), timeout=1)
                return self
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"{self.name} did not answer on port {self.port}")

    def __exit__(self, *exc_info: object) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def django(server: str, env: dict[str, str]) -> Server:
    port = free_port()
    return Server(server, django_command(server, port), port, env)


def express() -> Server | None:
    """The lecture's app, or None when node or its packages are missing (said by the caller)."""
    node = shutil.which("node")
    if node is None or not (PEER / "node_modules" / "express").exists():
        return None
    port = free_port()
    env = {**os.environ, "PORT": str(port), "NODE_ENV": "production"}
    return Server("express", [node, "server.js"], port, env, cwd=PEER)
