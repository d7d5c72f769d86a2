"""`make classroom`: the real server on every interface, reached at another loopback address (never off loopback)."""

from __future__ import annotations

import os
import re
import select
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from bench.servers import free_port
from bench.servers import site_env
from bench.servers import stop_process
from sessionsdemo import classroom

ROOT = Path(__file__).resolve().parents[2]
FIB_TRIE = """Main:
  +-- 0.0.0.0/0 3 0 5
     |-- 0.0.0.0
        /0 universe UNICAST
     +-- 127.0.0.0/8 2 0 2
        +-- 127.0.0.0/31 1 0 0
           |-- 127.0.0.0
              /8 host LOCAL
           |-- 127.0.0.1
              /32 host LOCAL
     +-- 192.168.1.0/24 2 0 2
        |-- 192.168.1.20
           /32 host LOCAL
        |-- 192.168.1.255
           /32 link BROADCAST
Local:
     |-- 192.168.1.20
           /32 host LOCAL
"""
IF_INET6 = """00000000000000000000000000000001 01 80 10 80       lo
fe8000000000000000fc00fffe000001 04 40 20 80     eth0
fd000000000000000000000000000002 04 40 00 82     eth0
"""


def test_this_machines_addresses_are_read_from_the_kernel_lists():
    assert classroom._parse_fib_trie(FIB_TRIE) == ["127.0.0.1", "192.168.1.20"]
    assert classroom._parse_if_inet6(IF_INET6) == ["::1", "fe80::fc:ff:fe00:1", "fd00::2"]
    ip_json = '[{"ifname": "lo", "addr_info": [{"local": "127.0.0.1"}]}, {"addr_info": [{"local": "10.1.2.3"}]}]'
    assert classroom._parse_ip_json(ip_json) == ["127.0.0.1", "10.1.2.3"]


def test_students_get_an_ipv4_address_of_the_network_never_a_loopback_or_link_local_one():
    own = ["127.0.0.1", "169.254.3.4", "::1", "fe80::1", "fd00::2", "192.168.1.20", "10.0.0.7"]
    assert classroom.reachable(own) == ["192.168.1.20", "10.0.0.7"]


def test_allowed_hosts_are_this_machines_names_and_addresses_never_a_wildcard():
    hosts = classroom.allowed_hosts(["127.0.0.1", "192.168.1.20", "fd00::2"], "teacher-laptop", ["*", "Lab.Example"])
    assert hosts[:3] == ["127.0.0.1", "localhost", "[::1]"]
    assert {"192.168.1.20", "[fd00::2]", "teacher-laptop", "teacher-laptop.local", "lab.example"} <= set(hosts)
    assert "*" not in hosts and len(hosts) == len(set(hosts))
    assert "x.local.local" not in classroom.allowed_hosts([], "x.local")


def test_the_plan_names_the_chosen_address_and_a_teacher_link_with_this_runs_key(monkeypatch):
    monkeypatch.setattr(classroom, "interface_addresses", lambda: ["127.0.0.1", "192.168.1.20", "10.0.0.7"])
    monkeypatch.setattr(classroom.socket, "gethostname", lambda: "laptop")
    plan = classroom.plan(8123, "k" * 32)
    assert plan.student_url == "http://192.168.1.20:8123/"
    assert plan.teacher_url == f"http://192.168.1.20:8123/classroom/teacher/?key={'k' * 32}"
    assert "http://10.0.0.7:8123/" in plan.also
    chosen = classroom.plan(8123, "k" * 32, address="classroom.test")
    assert chosen.student_url == "http://classroom.test:8123/" and "classroom.test" in chosen.hosts
    env = classroom.server_env({"DJANGO_ENV": "production", "PATH": "/bin"}, chosen)
    assert env["CLASSROOM"] == "1" and env["DJANGO_DEBUG"] == "0" and env["DJANGO_ENV"] == "development"
    assert env["COOKIELAB_TEACHER_KEY"] == "k" * 32 and env["ALLOWED_HOSTS"].split(",") == chosen.hosts
    monkeypatch.setattr(classroom, "interface_addresses", lambda: ["127.0.0.1"])
    assert classroom.plan(8123, "k" * 32).student_url == "http://127.0.0.1:8123/"  # no network: this laptop only


def test_the_server_is_make_serves_on_every_interface(tmp_path):
    command = classroom.granian_command(8123, 2, tmp_path)
    assert command[command.index("--host") + 1] == "0.0.0.0"
    assert command[command.index("--interface") + 1] == "wsgi" and command[-1] == "sessionsdemo.wsgi:application"
    assert command[command.index("--static-path-mount") + 1] == str(tmp_path)


def test_the_banner_draws_a_qr_code_of_the_students_address():
    plan = classroom.Plan("192.168.1.20", 8000, "k" * 32, [], [])
    drawing = classroom.qr_code(plan.student_url)
    if drawing is None:
        pytest.skip("segno is not installed or this terminal cannot draw blocks")
    text = classroom.banner(plan, drawing)
    assert "Students open:  http://192.168.1.20:8000/" in text and "█" in text
    assert "(pip install segno" in classroom.banner(plan, None)


@pytest.mark.skipif(subprocess.run(["make", "--version"], capture_output=True).returncode != 0, reason="no make")
def test_make_classroom_runs_the_classroom_command_at_port(tmp_path):
    fresh = tmp_path / "fresh-venv"
    dry = subprocess.run(
        ["make", "-n", "classroom", f"VENV={fresh}", "PORT=8765"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    assert "-r requirements.txt" in dry and "manage.py classroom --port 8765" in dry


def test_the_command_refuses_production_settings(tmp_path):
    env = site_env(tmp_path / "db.sqlite3", DJANGO_ENV="production", SECRET_KEY="x" * 50)
    result = subprocess.run(
        [sys.executable, "manage.py", "classroom", "--port", str(free_port())],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0 and "plain HTTP" in result.stderr


class Output:
    """Lines a process prints, read as they come."""

    def __init__(self, process: subprocess.Popen) -> None:
        self.process = process
        self.text = ""

    def until(self, wanted: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while wanted not in self.text and time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.2)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    break
                self.text += chunk.decode(errors="replace")
        return wanted in self.text


def wait_for(url: str, timeout: float = 30) -> requests.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return requests.get(url, timeout=2, allow_redirects=False)
        except requests.ConnectionError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def answer(student: requests.Session, base: str, slug: str, question: int, choice: int) -> None:
    page = student.get(f"{base}/lessons/{slug}/", timeout=10)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    response = student.post(
        f"{base}/lessons/{slug}/check/",
        data={"csrfmiddlewaretoken": token, "question": question, "choice": choice},
        headers={"Referer": f"{base}/lessons/{slug}/"},
        timeout=10,
        allow_redirects=False,
    )
    assert response.status_code == 303, response.text[:500]


@pytest.fixture
def classroom_server(tmp_path):
    """`manage.py classroom` as `make classroom` runs it, students told to open 127.0.0.2 (a loopback address)."""
    port = free_port()
    # A static folder of its own: two of these servers may be collecting at once under pytest-xdist.
    env = site_env(
        tmp_path / "db.sqlite3", PYTHONIOENCODING="utf-8", PYTHONUNBUFFERED="1", STATIC_ROOT=str(tmp_path / "static")
    )
    env.pop("ALLOWED_HOSTS", None)
    process = subprocess.Popen(
        [sys.executable, "manage.py", "classroom", "--port", str(port), "--address", "127.0.0.2", "--workers", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    output = Output(process)
    try:
        assert output.until("Stop with Ctrl-C", timeout=90), output.text
        wait_for(f"http://127.0.0.2:{port}/healthz")
        yield port, output
    finally:
        stop_process(process, 15, group=True)


def test_make_classroom_answers_on_another_loopback_address_with_its_teacher_link(classroom_server):
    port, output = classroom_server
    printed = output.text
    student_url = re.search(r"Students open:\s+(\S+)", printed).group(1)
    teacher_url = re.search(r"(http://\S+/classroom/teacher/\?key=(\S+))", printed)
    assert student_url == f"http://127.0.0.2:{port}/"
    assert teacher_url.group(1).startswith(f"http://127.0.0.2:{port}/classroom/teacher/?key=")
    key = teacher_url.group(2)
    assert len(key) >= 32 and "█" in printed  # a key of this run, and the QR code
    assert requests.get(f"http://127.0.0.2:{port}/static/cookielab/css/cookielab.css", timeout=5).status_code == 200

    base = student_url.rstrip("/")
    home = wait_for(student_url)
    assert home.status_code == 200 and 'id="classroom"' in home.text  # classroom mode, at 127.0.0.2
    assert "cookielab_student" in home.cookies
    assert requests.get(f"{base}/no-such-page/", timeout=5).status_code == 404
    assert "Traceback" not in requests.get(f"{base}/no-such-page/", timeout=5).text  # DEBUG is off
    assert requests.get(student_url, headers={"Host": "evil.example"}, timeout=5).status_code == 400  # not '*'

    # Without the key: no dashboard, no counts, not from the JSON endpoint either.
    stranger = requests.Session()
    for path in ("/classroom/teacher/", "/classroom/teacher/?key=wrong", "/classroom/teacher/data.json"):
        refused = stranger.get(base + path, timeout=5, allow_redirects=False)
        assert refused.status_code == 404 and "student" not in refused.text.lower()

    # Three students, each a cookie jar of its own, answer the same question.
    for choice in (1, 0, 0):
        student = requests.Session()
        student.get(student_url, timeout=10)
        answer(student, base, "cookie-flags", 0, choice)

    teacher = requests.Session()
    admitted = teacher.get(teacher_url.group(1), timeout=10, allow_redirects=False)
    assert admitted.status_code == 303 and key not in admitted.headers["Location"]
    dashboard = teacher.get(base + "/classroom/teacher/", timeout=10)
    assert dashboard.status_code == 200 and "3 students" in dashboard.text
    data = teacher.get(base + "/classroom/teacher/data.json", timeout=10).json()
    assert data["active"] == 3
    assert data["questions"]["cookie-flags-1"]["first_choices"][:2] == [2, 1]
    assert dict(data["store"])["Engine"].startswith("Database")


def test_the_classroom_servers_processes_share_one_cache(classroom_server, tmp_path):
    """The wire panel's history lives in a database table both workers read, not in one process's memory."""
    port, _output = classroom_server
    student = requests.Session()
    for _ in range(4):
        student.get(f"http://127.0.0.2:{port}/lessons/cookie-flags/", timeout=10)
    with sqlite3.connect(tmp_path / "db.sqlite3") as database:
        [(entries,)] = database.execute("SELECT COUNT(*) FROM cookielab_cache WHERE cache_key LIKE '%wire%'")
    assert entries >= 1
