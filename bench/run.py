"""`python -m bench`: measure Cookie Lab under its production server against the lecture's Express app.

Prints a Markdown report and writes docs/performance.md and docs/performance.svg. Everything it
starts (the site, a redis-server of its own, the Express peer) listens on 127.0.0.1 only and is
stopped at the end; a PostgreSQL database of its own is created and dropped.
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from pathlib import Path
from urllib.parse import urljoin

from bench import classroom
from bench import servers
from bench.load import LoadResult
from bench.load import measure
from bench.report import bar_chart
from bench.report import markdown_table

ROOT = servers.ROOT
DOCS = ROOT / "docs"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ENGINES = ("db-sqlite", "db-postgres", "cache-redis", "cached_db-redis", "file", "signed_cookies")


@dataclass
class Row:
    label: str
    result: LoadResult
    baseline: float  # the bare view's req/s on the same server, same run


def say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


class Environment:
    """The temporary databases, Redis and folders a run needs, and the env of each engine."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.redis_url = ""
        self.redis = None
        self.postgres_url = ""
        self._pg_name = ""

    def start(self) -> None:
        from tests.support.redis_server import RedisServer
        from tests.support.redis_server import redis_server_binary

        if redis_server_binary():
            self.redis = RedisServer().start()
            self.redis_url = f"redis://127.0.0.1:{self.redis.port}/0"
        else:
            say("skip: redis-server not found (apt-get install redis-server): Redis engines are not measured")
        try:
            import psycopg

            self._pg_name = f"cookielab_bench_{os.getpid()}"
            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=3) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}"')
                admin.execute(f'CREATE DATABASE "{self._pg_name}"')
            self.postgres_url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{self._pg_name}"
        except Exception as error:
            say(f"skip: PostgreSQL not reachable at {POSTGRES_ADMIN_URL} ({error}): db-postgres is not measured")

    def stop(self) -> None:
        if self.redis:
            self.redis.stop()
        if self.postgres_url:
            import psycopg

            with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self._pg_name}" WITH (FORCE)')

    def env_for(self, engine: str) -> dict[str, str] | None:
        base = servers.site_env(self.workdir / f"{engine}.sqlite3", ALLOWED_HOSTS="127.0.0.1,localhost")
        name = engine.split("-")[0]
        if engine.endswith("-postgres"):
            if not self.postgres_url:
                return None
            base["DATABASE_URL"] = self.postgres_url
        if engine.endswith("-redis"):
            if not self.redis_url:
                return None
            base["REDIS_URL"] = self.redis_url
            base["CACHE_KEY_PREFIX"] = f"bench-{engine}"
        if name == "file":
            folder = self.workdir / "sessions"
            folder.mkdir(exist_ok=True)
            base["SESSION_FILE_PATH"] = str(folder)
        base["SESSION_ENGINE"] = name
        return base


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True)


JSON = {"Accept": "application/json"}


def browser_cookies(url: str) -> str:
    """Visit once as a browser would; return the Cookie header that sends back every cookie it got."""
    with urllib.request.urlopen(url, timeout=5) as response:
        pairs = [header.split(";", 1)[0] for header in response.headers.get_all("Set-Cookie") or []]
    if not pairs:
        raise RuntimeError(f"{url} set no cookie")
    return "; ".join(pairs)


def measure_engine(engine: str, env: dict[str, str], seconds: float, with_lesson: bool) -> list[Row]:
    """The lecture's counter as JSON (like the Express route's short text) and as its lesson page."""
    manage(env, "migrate", "--noinput")
    rows: list[Row] = []
    with servers.django("granian", env) as site:
        bare = measure(site.url("/healthz"), seconds)
        rows.append(Row(f"{engine}: bare view (no session)", bare, bare.requests_per_second))
        cookie = browser_cookies(site.url("/counter/"))
        for path in ("/counter/", "/counter/atomic/"):
            reused = measure(site.url(path), seconds, headers={**JSON, "Cookie": cookie})
            rows.append(Row(f"{engine}: {path} one session", reused, bare.requests_per_second))
            fresh = measure(site.url(path), seconds, headers=JSON)
            rows.append(Row(f"{engine}: {path} new session each", fresh, bare.requests_per_second))
        page = measure(site.url("/counter/"), seconds, headers={"Cookie": cookie})
        rows.append(Row(f"{engine}: /counter/ lesson page, one session", page, bare.requests_per_second))
        if with_lesson:
            lesson = measure(site.url("/lessons/http-is-stateless/"), seconds)
            rows.append(Row(f"{engine}: first lesson page", lesson, bare.requests_per_second))
        say(f"measured {engine}")
    return rows


SERVERS = ("granian", "gunicorn-sync", "gunicorn-gthread", "uvicorn")


def compare_servers(env: dict[str, str], seconds: float) -> list[list[str]]:
    """The same site and settings under each production server candidate: bare view and counter."""
    manage(env, "migrate", "--noinput")
    table = []
    for name in SERVERS:
        try:
            with servers.django(name, env) as site:
                bare = measure(site.url("/healthz"), seconds)
                cookie = browser_cookies(site.url("/counter/"))
                counter = measure(site.url("/counter/"), seconds, headers={**JSON, "Cookie": cookie})
        except (FileNotFoundError, RuntimeError) as error:
            say(f"skip: server {name} could not start ({error})")
            continue
        table.append([name, fmt(bare.requests_per_second), fmt(bare.p99_ms, 2), fmt(counter.requests_per_second)])
        say(f"measured server {name}")
    return table


# (label, Django path, Express path, reuse a session cookie, Django headers). Express answers each
# route with a short text; Django's counter answers JSON when asked, /setcookie/ and /getcookie/
# always render their whole lesson page (about 20 KiB), so those two compare unlike work.
PEER_ROUTES = (
    ("bare route", "/healthz", "/bare", False, {}),
    ("counter, one session", "/counter/", "/counter", True, JSON),
    ("/setcookie (Django: lesson page)", "/setcookie/", "/setcookie", False, {}),
    ("/getcookie (Django: lesson page)", "/getcookie/", "/getcookie", False, {}),
)


def measure_peer(env: dict[str, str], seconds: float, rounds: int) -> list[tuple[str, float, float]] | None:
    peer = servers.express()
    if peer is None:
        say("skip: the Express peer is not installed (needs node and npm: make bench installs it)")
        return None
    manage(env, "migrate", "--noinput")
    results = []
    with peer, servers.django("granian", env) as site:
        for label, ours, theirs, reuse, headers in PEER_ROUTES:
            our_headers = {**headers, "Cookie": browser_cookies(site.url(ours))} if reuse else headers
            their_headers = {"Cookie": browser_cookies(peer.url(theirs))} if reuse else {}
            ours_rps, theirs_rps = [], []
            for _ in range(rounds):  # alternate, so drift on the machine hits both sides alike
                theirs_rps.append(measure(peer.url(theirs), seconds, headers=their_headers).requests_per_second)
                ours_rps.append(measure(site.url(ours), seconds, headers=our_headers).requests_per_second)
            results.append((label, statistics.median(ours_rps), statistics.median(theirs_rps)))
            say(f"measured peer route {label}")
    return results


_ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="([^"]+\.(?:css|js))"')
_IMPORT = re.compile(r'^\s*import\s[^"\']*["\']([^"\']+)["\']', re.M)


def page_weights(env: dict[str, str]) -> list[tuple[str, int]]:
    """Bytes of each lesson page: its HTML plus every stylesheet and script it loads (imports included)."""
    code = (
        "import django; django.setup(); from cookielab.lessons import LESSONS;"
        "[print(lesson.get_absolute_url()) for lesson in LESSONS]"
    )
    urls = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    weights = []
    with servers.django("granian", env) as site:
        for path in urls.stdout.split():
            html = urllib.request.urlopen(site.url(path), timeout=10).read()
            total, seen, queue = len(html), set(), [urljoin(site.url(path), a) for a in _ASSET.findall(html.decode())]
            while queue:
                asset = queue.pop()
                if asset in seen:
                    continue
                seen.add(asset)
                body = urllib.request.urlopen(asset, timeout=10).read()
                total += len(body)
                if asset.endswith(".js"):
                    queue += [urljoin(asset, imported) for imported in _IMPORT.findall(body.decode())]
            weights.append((path, total))
    return weights


def fmt(value: float, digits: int = 0) -> str:
    return f"{value:,.{digits}f}"


def build_report(
    rows: list[Row], peer, weights, server_table, scale_text: str, seconds: float, classroom_text: str = ""
) -> tuple[str, str]:
    tool = rows[0].result.tool if rows else "none"
    table = markdown_table(
        ["scenario", "req/s", "p50 ms", "p99 ms", "errors", "× bare view"],
        [
            [
                row.label,
                fmt(row.result.requests_per_second),
                fmt(row.result.p50_ms, 2),
                fmt(row.result.p99_ms, 2),
                str(row.result.errors),
                f"{row.result.requests_per_second / row.baseline:.2f}",
            ]
            for row in rows
        ],
    )
    sections = [
        "# Performance",
        "",
        f"Measured by `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load tool `{tool}` "
        f"(16 connections, {seconds:g} s per figure), the site under granian (WSGI, 2 workers, DEBUG off). "
        "Ratios compare figures measured in this same run; absolute numbers depend on the machine.",
        "",
        "![req/s per scenario](performance.svg)",
        "",
        "## Cookie Lab, every session engine",
        "",
        "The `/counter/` and `/counter/atomic/` rows ask for JSON (`Accept: application/json`): the lecture's",
        'read-modify-write and a few bytes of answer, the same work as the Express route. "one session" sends',
        'back every cookie the site set, as a browser does; "new session each" sends none. The lesson-page',
        "rows render the whole HTML page with its wire panel.",
        "",
        table,
    ]
    chart_bars = [
        (row.label, row.result.requests_per_second, "bare" if "bare" in row.label else "django") for row in rows
    ]
    if peer:
        sections += [
            "",
            "## Against the lecture's Express app (same machine, alternating runs)",
            "",
            markdown_table(
                ["route", "Django req/s", "Express req/s", "Django / Express"],
                [[label, fmt(ours), fmt(theirs), f"{ours / theirs:.2f}"] for label, ours, theirs in peer],
            ),
        ]
        for label, ours, theirs in peer:
            chart_bars += [(f"peer {label}: Django", ours, "django"), (f"peer {label}: Express", theirs, "express")]
    if weights:
        heaviest = max(weights, key=lambda item: item[1])
        sections += [
            "",
            "## Page weight (HTML + CSS + JS of each lesson page)",
            "",
            f"Heaviest: `{heaviest[0]}` at {heaviest[1] / 1024:.1f} KiB; goal ≤ 60 KiB.",
            "",
            markdown_table(["page", "KiB"], [[f"`{path}`", f"{size / 1024:.1f}"] for path, size in weights]),
        ]
    if server_table:
        sections += [
            "",
            "## Choosing the production server (2 workers each, same settings)",
            "",
            markdown_table(["server", "bare req/s", "bare p99 ms", "counter req/s"], server_table),
            "",
            "`make serve` uses the fastest: granian (WSGI).",
        ]
    sections += ["", goals(rows, peer, weights), "", scale_text, ""]
    if classroom_text:
        sections += [classroom_text, ""]
    sections.append(HOW_TO_RERUN)
    return "\n".join(sections) + "\n", bar_chart("Requests per second (higher is better)", chart_bars)


def find(rows: list[Row], label: str) -> Row | None:
    return next((row for row in rows if row.label == label), None)


def goals(rows: list[Row], peer, weights) -> str:
    lines = ["## Goals", ""]

    def line(goal: str, value: float | None, target: float) -> None:
        if value is None:
            lines.append(f"- {goal}: not measured in this run")
        else:
            lines.append(f"- {goal}: **{value:.2f}×** (goal ≥ {target:g}×) {'met' if value >= target else 'NOT met'}")

    peer_by = {label: (ours, theirs) for label, ours, theirs in (peer or [])}
    ratio = lambda pair: pair[0] / pair[1] if pair else None  # noqa: E731
    line("Bare view vs Express's bare route", ratio(peer_by.get("bare route")), 1.0)
    line("Redis counter (cache engine) vs Express's counter", ratio(peer_by.get("counter, one session")), 1.0)
    for engine in ("cache-redis", "db-sqlite"):
        counter = find(rows, f"{engine}: /counter/ one session")
        atomic = find(rows, f"{engine}: /counter/atomic/ one session")
        if counter and atomic:
            line(
                f"{engine}: /counter/atomic/ vs /counter/",
                atomic.result.requests_per_second / counter.result.requests_per_second,
                1.0,
            )
    redis_counter = find(rows, "cache-redis: /counter/ one session")
    line(
        "Session overhead on Redis: counter vs bare view",
        redis_counter and redis_counter.result.requests_per_second / redis_counter.baseline,
        0.9,
    )
    sqlite_counter = find(rows, "db-sqlite: /counter/ one session")
    line(
        "Embedded default (SQLite db sessions): counter vs bare view",
        sqlite_counter and sqlite_counter.result.requests_per_second / sqlite_counter.baseline,
        0.5,
    )
    if weights:
        heaviest = max(size for _, size in weights) / 1024
        lines.append(
            f"- Heaviest lesson page: **{heaviest:.1f} KiB** (goal ≤ 60 KiB) {'met' if heaviest <= 60 else 'NOT met'}"
        )
    return "\n".join(lines)


HOW_TO_RERUN = """## How to rerun

```sh
make bench                      # everything: engines, the Express peer, page weight, a million sessions
make bench BENCH_ARGS="--seconds 2 --skip-scale"   # a quicker pass
make bench BENCH_ARGS="--only-classroom"           # only the classroom, replacing its section of this report
```

`make bench` installs the peer's packages with npm into `bench/peer/node_modules` (git-ignored),
starts its own redis-server and PostgreSQL database, and says on a line starting `skip:` what it
could not measure (no Redis, no PostgreSQL, no node). wrk is used when installed
(`apt-get install wrk`), else a bounded Python load generator on loopback."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="duration of each measurement")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds against the Express peer")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of " + ", ".join(ENGINES))
    parser.add_argument("--skip-scale", action="store_true", help="skip the million-session step")
    parser.add_argument("--skip-servers", action="store_true", help="skip comparing production servers")
    parser.add_argument("--sessions", type=int, default=1_000_000, help="sessions for the scale step")
    parser.add_argument("--classroom-seconds", type=float, default=60.0, help="duration of each classroom run")
    parser.add_argument("--students", type=int, default=classroom.STUDENTS, help="simulated students in the classroom")
    parser.add_argument("--skip-classroom", action="store_true", help="skip the classroom step")
    parser.add_argument(
        "--only-classroom", action="store_true", help="run only the classroom step; replace its section of the report"
    )
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="cookielab-bench-"))
    environment = Environment(workdir)
    environment.start()
    if args.only_classroom:
        try:
            manage(environment.env_for("db-sqlite"), "collectstatic", "--noinput")
            section = classroom.run_classroom(workdir, environment.redis_url, args.classroom_seconds, args.students)
        finally:
            environment.stop()
            shutil.rmtree(workdir, ignore_errors=True)
        report_path = DOCS / "performance.md"
        existing = report_path.read_text() if report_path.exists() else "# Performance\n"
        report_path.write_text(classroom.replace_section(existing, section))
        print(section)
        say("wrote the classroom section of docs/performance.md")
        return 0
    try:
        manage(environment.env_for("db-sqlite"), "collectstatic", "--noinput")
        rows: list[Row] = []
        for engine in args.engines.split(","):
            env = environment.env_for(engine)
            if env is None:
                continue
            rows += measure_engine(engine, env, args.seconds, with_lesson=engine == "db-sqlite")
        peer_env = environment.env_for("cache-redis") or environment.env_for("db-sqlite")
        peer = measure_peer(peer_env, args.seconds, args.rounds)
        server_table = [] if args.skip_servers else compare_servers(peer_env, args.seconds)
        weights = page_weights(environment.env_for("db-sqlite"))
        if args.skip_scale:
            scale_text = "## A million sessions\n\nNot measured in this run (`--skip-scale`)."
        else:
            from bench.scale import run_scale

            scale_text = run_scale(environment, args.sessions)
        classroom_text = (
            ""
            if args.skip_classroom
            else classroom.run_classroom(workdir, environment.redis_url, args.classroom_seconds, args.students)
        )
        markdown, svg = build_report(rows, peer, weights, server_table, scale_text, args.seconds, classroom_text)
    finally:
        environment.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    DOCS.mkdir(exist_ok=True)
    (DOCS / "performance.md").write_text(markdown)
    (DOCS / "performance.svg").write_text(svg)
    print(markdown)
    say("wrote docs/performance.md and docs/performance.svg")
    return 0
