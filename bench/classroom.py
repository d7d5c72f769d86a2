"""The classroom step of `make bench`: does one laptop hold a room?

Classroom mode's server (granian, 2 workers of one thread, DEBUG off, CLASSROOM=1 with its shared cache)
answers ``STUDENTS`` simulated students for a bounded time. Each student is a thread with a cookie jar
and a keep-alive connection of its own, and walks the course at a person's pace: a click about every
2 seconds (1.5–2.5 s), a lesson page, then each of its questions answered (right 70% of the time; the
POST's 303 is followed at once, as a browser does). The teacher's dashboard asks its JSON endpoint every
5 seconds and reloads its page every 30. Everything talks to 127.0.0.1 only (bench.load.assert_loopback).

Measured: the latency of every lesson page (the goal: p99 under 300 ms), of the answers and of the
dashboard, and what the dashboard counted at the end. Once with SQLite (the database cache), once with
Redis (django-redis cache, the resilient cached_db sessions) when a redis-server is available.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import secrets
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from dataclasses import field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

from bench import servers
from bench.load import assert_loopback
from bench.report import markdown_table

STUDENTS = 60
CLICK_SECONDS = (1.5, 2.5)
DASHBOARD_JSON_SECONDS = 5.0
DASHBOARD_PAGE_SECONDS = 30.0
GOAL_P99_MS = 300.0
RIGHT_ANSWERS = 0.7
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

COURSE_CODE = (
    "import json, django; django.setup(); from django.urls import reverse; from cookielab.lessons import LESSONS;"
    "print(json.dumps([[lesson.get_absolute_url(), reverse('cookielab:check', args=[lesson.slug]),"
    " [[q.answer, len(q.choices)] for q in lesson.questions]] for lesson in LESSONS]))"
)


@dataclass
class Timings:
    """Latencies in ms by kind of request, and the failures (status ≥ 400 or no answer)."""

    by_kind: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, failed: bool) -> None:
        with self.lock:
            self.by_kind.setdefault(kind, []).append(ms)
            if failed:
                self.errors[kind] = self.errors.get(kind, 0) + 1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else 0.0


class Browser:
    """One simulated browser: a keep-alive connection and a cookie jar, as a student's own."""

    def __init__(self, port: int, timings: Timings) -> None:
        self.port = port
        self.timings = timings
        self.jar: dict[str, str] = {}
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def request(self, kind: str, method: str, path: str, body: dict[str, str | int] | None = None) -> tuple[int, str]:
        headers = {"Host": f"127.0.0.1:{self.port}", "Accept": "text/html"}
        if self.jar:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.jar.items())
        data = None
        if body is not None:
            data = urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
        started = time.perf_counter()
        try:
            self.connection.request(method, path, body=data, headers=headers)
            response = self.connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            self.timings.add(kind, (time.perf_counter() - started) * 1000, True)
            return 0, ""
        self.timings.add(kind, (time.perf_counter() - started) * 1000, response.status >= 400)
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or (morsel["expires"] and "1970" in morsel["expires"]):
                    self.jar.pop(name, None)
                else:
                    self.jar[name] = morsel.coded_value
        if response.status in {301, 302, 303} and method == "POST":
            location = response.headers.get("Location", "/").split("#", 1)[0]
            return self.request("lesson page", "GET", location)  # the browser follows the 303 at once
        return response.status, text

    def close(self) -> None:
        self.connection.close()


def student(port: int, course: list, timings: Timings, stop: float, seed: int) -> None:
    chance = random.Random(seed)
    browser = Browser(port, timings)

    def pause() -> bool:
        wait = chance.uniform(*CLICK_SECONDS)
        if time.monotonic() + wait >= stop:
            return False
        time.sleep(wait)
        return True

    time.sleep(chance.uniform(0, CLICK_SECONDS[1]))  # the room does not click in step
    browser.request("index", "GET", "/")
    start = chance.randrange(len(course))  # not everyone is on lesson 1
    try:
        for step in range(len(course) * 10):
            url, check, questions = course[(start + step) % len(course)]
            if not pause():
                return
            _, page = browser.request("lesson page", "GET", url)
            for index, (right, choices) in enumerate(questions):
                token = _CSRF.search(page)
                if token is None or not pause():
                    return
                wrong = [other for other in range(choices) if other != right]
                choice = right if chance.random() < RIGHT_ANSWERS else chance.choice(wrong)
                form = {"csrfmiddlewaretoken": token.group(1), "question": index, "choice": choice}
                _, page = browser.request("answer (POST)", "POST", check, form)
    finally:
        browser.close()


def teacher(port: int, key: str, timings: Timings, stop: float) -> dict:
    browser = Browser(port, timings)
    browser.request("teacher link", "GET", f"/classroom/teacher/?key={key}")
    last: dict = {}
    next_page = time.monotonic()
    try:
        while time.monotonic() < stop:
            if time.monotonic() >= next_page:
                browser.request("dashboard page", "GET", "/classroom/teacher/")
                next_page = time.monotonic() + DASHBOARD_PAGE_SECONDS
            status, text = browser.request("dashboard JSON", "GET", "/classroom/teacher/data.json")
            if status == 200:
                last = json.loads(text)
            time.sleep(max(0.0, min(DASHBOARD_JSON_SECONDS, stop - time.monotonic())))
    finally:
        browser.close()
    return last


@dataclass
class RoomResult:
    label: str
    timings: Timings
    seconds: float
    counted: dict
    server_cpu: float | None = None
    load_before: float = 0.0
    load_after: float = 0.0
    generator_cpu: float = 0.0

    @property
    def requests(self) -> int:
        return sum(len(values) for values in self.timings.by_kind.values())

    def row(self, kind: str) -> list[str]:
        values = self.timings.by_kind.get(kind, [])
        return [
            self.label,
            kind,
            str(len(values)),
            f"{len(values) / self.seconds:.1f}",
            f"{statistics.median(values):.1f}" if values else "–",
            f"{percentile(values, 0.95):.1f}",
            f"{percentile(values, 0.99):.1f}",
            f"{max(values, default=0):.1f}",
            str(self.timings.errors.get(kind, 0)),
        ]

    @property
    def lesson_p99(self) -> float:
        return percentile(self.timings.by_kind.get("lesson page", []), 0.99)


def process_tree_cpu(pid: int) -> float | None:
    """CPU seconds (user + system) used so far by process ``pid`` and its children, from /proc (Linux); else None.

    The server's own cost, whatever else the machine is doing: latencies on a shared machine also measure the
    others' load, this does not.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        own, parent = int(stat.parent.name), int(fields[1])
        if own == pid or parent == pid:
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=servers.ROOT, env=env, check=True, capture_output=True)


def course(env: dict[str, str]) -> list:
    listed = subprocess.run(
        [sys.executable, "-c", COURSE_CODE], cwd=servers.ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(listed.stdout)


def classroom_env(workdir: Path, label: str, redis_url: str, key: str) -> dict[str, str]:
    env = servers.site_env(
        workdir / f"classroom-{label}.sqlite3",
        ALLOWED_HOSTS="127.0.0.1",
        CLASSROOM="1",
        COOKIELAB_TEACHER_KEY=key,
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
        env["CACHE_KEY_PREFIX"] = f"bench-classroom-{label}"
    return env


def run_room(label: str, env: dict[str, str], key: str, seconds: float, students: int) -> RoomResult:
    manage(env, "migrate", "--noinput")
    manage(env, "createcachetable")
    lessons = course(env)
    timings = Timings()
    load_before = os.getloadavg()[0]
    generator_started = time.process_time()
    with servers.django("granian", env) as site:
        assert_loopback(site.url("/"))
        server_pid = site.process.pid if site.process else 0
        cpu_before = process_tree_cpu(server_pid)
        stop = time.monotonic() + seconds
        threads = [
            threading.Thread(target=student, args=(site.port, lessons, timings, stop, seed), daemon=True)
            for seed in range(students)
        ]
        counted: dict = {}
        teacher_thread = threading.Thread(
            target=lambda: counted.update(teacher(site.port, key, timings, stop)), daemon=True
        )
        started = time.monotonic()
        for thread in [*threads, teacher_thread]:
            thread.start()
        for thread in [*threads, teacher_thread]:
            thread.join(timeout=seconds + 60)
        elapsed = time.monotonic() - started
        cpu_after = process_tree_cpu(server_pid)
    cpu = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    generator = time.process_time() - generator_started
    return RoomResult(label, timings, elapsed, counted, cpu, load_before, os.getloadavg()[0], generator)


KINDS = ("lesson page", "answer (POST)", "index", "dashboard JSON", "dashboard page")


def run_classroom(workdir: Path, redis_url: str, seconds: float, students: int = STUDENTS) -> str:
    rooms: list[RoomResult] = []
    for label, url in (("SQLite", ""), ("Redis", redis_url)):
        if label == "Redis" and not url:
            print("skip: no redis-server: the classroom is not measured with Redis", file=sys.stderr, flush=True)
            continue
        key = secrets.token_urlsafe(24)
        rooms.append(run_room(label, classroom_env(workdir, label.lower(), url, key), key, seconds, students))
        print(f"measured the classroom with {label}", file=sys.stderr, flush=True)
    return report(rooms, seconds, students)


def report(rooms: list[RoomResult], seconds: float, students: int) -> str:
    lines = [
        f"## A classroom: {students} students and the teacher's dashboard",
        "",
        f"`make classroom`'s server (granian, 2 workers of one thread, DEBUG off, classroom mode) for {seconds:g} s "
        f"per configuration: {students} simulated students, each with its own cookie jar and connection, click "
        f"about every 2 s ({CLICK_SECONDS[0]:g}–{CLICK_SECONDS[1]:g} s): a lesson page, then each of its "
        "questions (a POST, whose 303 is followed at once to the lesson page). The teacher's dashboard asks its "
        f"JSON every {DASHBOARD_JSON_SECONDS:g} s and reloads its page every {DASHBOARD_PAGE_SECONDS:g} s. "
        "Static files are left out (a browser caches them after the first page). The load generator runs on the "
        "same 2 cores as the server. Lesson-page latencies include the pages the answers' 303s lead to.",
        "",
        markdown_table(
            ["store", "request", "count", "per s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"],
            [room.row(kind) for room in rooms for kind in KINDS if room.timings.by_kind.get(kind)],
        ),
        "",
    ]
    for room in rooms:
        counted = room.counted
        met = "met" if room.lesson_p99 < GOAL_P99_MS else "NOT met"
        cpu = (
            f" The server used {room.server_cpu:.1f} CPU seconds in {room.seconds:.0f} s "
            f"({room.server_cpu / room.seconds:.0%} of one core, {room.server_cpu / room.requests * 1000:.1f} ms a "
            f"request); the simulated students {room.generator_cpu:.1f} CPU seconds."
            if room.server_cpu is not None and room.requests
            else ""
        )
        lines.append(
            f"- {room.label}: lesson pages p99 **{room.lesson_p99:.0f} ms** (goal < {GOAL_P99_MS:.0f} ms) {met}; "
            f"the dashboard counted {counted.get('active', '?')} students active and "
            f"{sum(counted.get('lessons', {}).values())} lessons finished at the end.{cpu} Load average of the "
            f"machine (1 min): {room.load_before:.1f} before, {room.load_after:.1f} after."
        )
    return "\n".join(lines)


def replace_section(document: str, section: str) -> str:
    """``document`` with its classroom section replaced by ``section`` (added before "How to rerun" if absent)."""
    heading = "## A classroom:"
    start = document.find(heading)
    if start >= 0:
        end = document.find("\n## ", start + len(heading))
        return document[:start] + section + ("\n" + document[end:] if end >= 0 else "\n")
    rerun = document.find("## How to rerun")
    if rerun >= 0:
        return document[:rerun] + section + "\n\n" + document[rerun:]
    return document.rstrip("\n") + "\n\n" + section + "\n"
