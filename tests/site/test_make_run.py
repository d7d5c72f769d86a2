"""`make run` in a terminal: each log line once, and Ctrl-C ends it without make's "Interrupt" error."""

from __future__ import annotations

import ast
import os
import re
import select
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from bench.servers import free_port

ROOT = Path(__file__).resolve().parents[2]
READY = b"Quit the server with CONTROL-C."


class Terminal:
    """A command on a pseudo-terminal of its own, as a person runs it: Ctrl-C is the byte 0x03.

    ``setsid --ctty`` makes the terminal the command's controlling terminal, so the terminal itself
    turns 0x03 into SIGINT for the foreground process group, as a real one does (no fork in this
    multi-threaded process: subprocess starts it). ``env --default-signal`` gives the command the
    SIGINT a terminal session has: a test run started in the background (``cmd &`` in a script, as
    CI may) ignores SIGINT and SIGQUIT, and every process it starts would inherit that.
    """

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.output = b""
        self.fd, terminal = os.openpty()
        self.process = subprocess.Popen(
            ["env", "--default-signal=INT,QUIT", "setsid", "--ctty", *command],
            cwd=ROOT,
            env=env,
            stdin=terminal,
            stdout=terminal,
            stderr=terminal,
        )
        os.close(terminal)

    def read_until(self, wanted: bytes, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while wanted not in self.output and time.monotonic() < deadline:
            if not self._read(0.2):
                break
        return wanted in self.output

    def _read(self, wait: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], wait)
        if not ready:
            return True
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # the terminal closed: everything on it has exited
            return False
        self.output += data
        return bool(data)

    def ctrl_c_and_wait(self, timeout: float) -> int:
        os.write(self.fd, b"\x03")
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self._read(0.2)
        if self.process.poll() is None:
            status = Path(f"/proc/{self.process.pid}/status").read_text()  # which signals make ignores, blocks
            self.output += ("\n".join(line for line in status.splitlines() if line.startswith("Sig"))).encode()
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
            raise AssertionError(f"make run did not stop on Ctrl-C:\n{self.output.decode(errors='replace')}")
        self._read(0.2)
        os.close(self.fd)
        return self.process.returncode


@pytest.mark.skipif(subprocess.run(["make", "--version"], capture_output=True).returncode != 0, reason="no make")
def test_make_run_prints_each_line_once_and_stops_cleanly_on_ctrl_c(tmp_path):
    venv = Path(sys.prefix)
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_", "SESSION_"))},
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "SECRET_KEY": "make-run-test-key-make-run-test-key-make-run-test-key",
    }
    # This test's own venv, as it is: -o keeps make from installing requirements.txt into it.
    command = ["make", "-o", f"{venv}/.requirements.stamp", "run", f"VENV={venv}", f"PORT={port}"]
    terminal = Terminal(command, env)
    assert terminal.read_until(READY, timeout=60), terminal.output.decode(errors="replace")
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(f"http://127.0.0.1:{port}/no-such-page/", timeout=10)
    assert terminal.read_until(b'"GET /no-such-page/ HTTP/1.1" 404', timeout=10)

    terminal.ctrl_c_and_wait(timeout=30)
    text = terminal.output.decode(errors="replace")
    assert text.count("Not Found: /no-such-page/") == 1, text
    assert text.count("GET /no-such-page/ HTTP/1.1") == 1, text
    assert text.count("Watching for file changes") == 1, text
    assert "Interrupt" not in text and "make: ***" not in text, text


def make_dry_run(target: str, tmp_path: Path) -> str:
    """The commands ``make TARGET`` would run on a fresh clone (no venv yet), without running them."""
    fresh = tmp_path / "fresh-venv"
    result = subprocess.run(
        ["make", "-n", target, f"VENV={fresh}"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def test_make_run_on_a_fresh_clone_installs_only_what_the_site_needs(tmp_path):
    run = make_dry_run("run", tmp_path)
    assert "-r requirements.txt" in run
    assert "requirements-test.txt" not in run
    test = make_dry_run("test", tmp_path)
    assert "-r requirements.txt" in test and "-r requirements-test.txt" in test


def requirement_names(path: Path) -> set[str]:
    names = set()
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            names.add(re.split(r"[\[<>=~!; ]", line, maxsplit=1)[0].lower())
    return names


def imported_top_level_modules(folder: Path) -> set[str]:
    modules = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return modules


def test_the_site_imports_nothing_from_the_test_requirements():
    site = requirement_names(ROOT / "requirements.txt")
    assert {"pytest", "playwright", "ruff", "hypothesis", "build"}.isdisjoint(site)
    assert (ROOT / "requirements-test.txt").read_text().splitlines()[1] == "-r requirements.txt"
    # Import names of the site's requirements that differ from their distribution names.
    provided = {name.replace("-", "_") for name in site} | {"psycopg", "asgiref"}
    ours = {"cookielab", "sessionsdemo"}
    for folder in ("cookielab", "sessionsdemo"):
        third_party = imported_top_level_modules(ROOT / folder) - set(sys.stdlib_module_names) - ours
        assert third_party <= provided, (folder, third_party - provided)
