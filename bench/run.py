"""`python -m bench`: measure Cookie Lab under its production server against the lecture's Express app,
and its Redis counter against what users pick instead (Express with connect-redis, Flask-Session).

Prints a Markdown report and writes docs/performance.md and docs/performance.svg. Everything it
starts (the site, a redis-server of its own, the peers) listens on 127.0.0.1 only and is
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
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import datetime
from datetime import timezone
from pathlib import Path
from urllib.parse import urljoin

from bench import classroom
from bench import servers
from bench.load import LoadResult
from bench.load import measure
from bench.redis_commands import commands_per_request
from bench.report import bar_chart
from bench.report import markdown_table

ROOT = servers.ROOT
DOCS = ROOT / "docs"
POSTGRES_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
ENGINES = (
    "db-sqlite",
    "django_db-sqlite",
    "db-postgres",
    "redis",
    "cache-redis",
    "cached_db-redis",
    "file",
    "signed_cookies",
)
# SESSION_ENGINE for each name above: `db` is the site's default, Cookie Lab's db engine; `django_db` is Django's own.
SESSION_ENGINE_OF = {"db": "cookielab.sessions.backends.db", "django_db": "db"}


@dataclass
class Row:
    label: str
    result: LoadResult
    baseline: float  # the bare view's req/s on the same server, same run
    commands: float | None = None  # Redis commands per request, counted by Redis; None: no Redis


@dataclass
class PeerCounter:
    label: str
    requests_per_second: float  # median of the rounds
    p99_ms: float  # median of the rounds
    commands: tuple[float, float] | None  # Redis commands per request: one session, a new session each


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
        if engine == "redis" or engine.endswith("-redis"):
            if not self.redis_url:
                return None
            base["REDIS_URL"] = self.redis_url
            base["CACHE_KEY_PREFIX"] = f"bench-{engine}"
        if name == "file":
            folder = self.workdir / "sessions"
            folder.mkdir(exist_ok=True)
            base["SESSION_FILE_PATH"] = str(folder)
        base["SESSION_ENGINE"] = SESSION_ENGINE_OF.get(name, name)
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


def measure_engine(engine: str, env: dict[str, str], seconds: float, with_lesson: bool, redis=None) -> list[Row]:
    """The lecture's counter as JSON (like the Express route's short text) and as its lesson page.

    With ``redis`` (a client of the server the engine uses), each counter row also says how many
    commands a request cost Redis.
    """
    manage(env, "migrate", "--noinput")
    rows: list[Row] = []
    with servers.django("granian", env) as site:
        bare = measure(site.url("/healthz"), seconds)
        rows.append(Row(f"{engine}: bare view (no session)", bare, bare.requests_per_second))
        cookie = browser_cookies(site.url("/counter/"))
        for path in ("/counter/", "/counter/atomic/"):
            for kind, headers in (("one session", {**JSON, "Cookie": cookie}), ("new session each", JSON)):
                result = measure(site.url(path), seconds, headers=headers)
                spent = commands_per_request(redis, site.url(path), headers) if redis else None
                rows.append(Row(f"{engine}: {path} {kind}", result, bare.requests_per_second, spent))
        page = measure(site.url("/counter/"), seconds, headers={"Cookie": cookie})
        rows.append(Row(f"{engine}: /counter/ lesson page, one session", page, bare.requests_per_second))
        if with_lesson:
            lesson = measure(site.url("/lessons/http-is-stateless/"), seconds)
            rows.append(Row(f"{engine}: first lesson page", lesson, bare.requests_per_second))
        say(f"measured {engine}")
    return rows


SERVERS = ("granian", "granian-4-threads", "gunicorn-sync", "gunicorn-gthread", "uvicorn")


def compare_servers(stores: dict[str, dict[str, str]], seconds: float) -> list[list[str]]:
    """The same site and settings under each production server candidate: the bare view, and the counter with
    one session on each store of ``stores`` (label: the site's environment)."""
    for env in stores.values():
        manage(env, "migrate", "--noinput")
    table = []
    for name in SERVERS:
        row = [name]
        try:
            for index, env in enumerate(stores.values()):
                with servers.django(name, env) as site:
                    if index == 0:
                        bare = measure(site.url("/healthz"), seconds)
                        row += [fmt(bare.requests_per_second), fmt(bare.p99_ms, 2)]
                    cookie = browser_cookies(site.url("/counter/"))
                    counter = measure(site.url("/counter/"), seconds, headers={**JSON, "Cookie": cookie})
                    row.append(fmt(counter.requests_per_second))
        except (FileNotFoundError, RuntimeError) as error:
            say(f"skip: server {name} could not start ({error})")
            continue
        table.append(row)
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


# The lecture's counter, one session, in Cookie Lab and in what its users pick instead. Each entry:
# (label, which server, counter path, headers, keeps sessions in Redis).
COUNTER_PEERS = (
    ("Cookie Lab, redis engine", "django-redis", "/counter/", JSON, True),
    ("Cookie Lab, Django's cache engine", "django-cache", "/counter/", JSON, True),
    ("Express + MemoryStore", "express", "/counter", {}, False),
    ("Express + connect-redis", "express-redis", "/counter", {}, True),
    ("Flask + Flask-Session (Redis)", "flask", "/counter", {}, True),
)


def counter_servers(environment: Environment) -> dict[str, servers.Server | None]:
    """Every server COUNTER_PEERS names (None: it cannot run here), all on the run's own Redis."""
    url = environment.redis_url
    found: dict[str, servers.Server | None] = {"express": servers.express()}
    for name, engine in (("django-redis", "redis"), ("django-cache", "cache-redis")):
        env = environment.env_for(engine)
        if env is not None:
            manage(env, "migrate", "--noinput")
        found[name] = servers.django("granian", env) if env is not None else None
    found["express-redis"] = servers.express(url, prefix="bench-express:") if url else None
    found["flask"] = servers.flask(url, prefix="bench-flask:") if url else None
    return found


def measure_counters(environment: Environment, seconds: float, rounds: int) -> list[PeerCounter]:
    """Each counter of COUNTER_PEERS under the same load, in alternating rounds; then its Redis commands."""
    available = counter_servers(environment)
    peers = []
    for label, name, path, headers, in_redis in COUNTER_PEERS:
        if available[name] is None:
            say(f"skip: {label} is not installed (make bench installs node's and Python's peers) or has no Redis")
        else:
            peers.append((label, available[name], path, headers, in_redis))
    results: list[PeerCounter] = []
    with ExitStack() as running:
        for _, server, _, _, _ in peers:
            running.enter_context(server)
        urls = [server.url(path) for _, server, path, _, _ in peers]
        fresh = [headers for _, _, _, headers, _ in peers]
        reused = [{**headers, "Cookie": browser_cookies(url)} for headers, url in zip(fresh, urls, strict=True)]
        runs: list[list[LoadResult]] = [[] for _ in peers]
        for round_number in range(rounds):  # alternate, so drift on the machine hits every app alike
            order = range(len(peers)) if round_number % 2 == 0 else reversed(range(len(peers)))
            for index in order:
                runs[index].append(measure(urls[index], seconds, headers=reused[index]))
        for index, (label, _, _, _, in_redis) in enumerate(peers):
            commands = None
            if in_redis and environment.redis:
                client = environment.redis.client()
                commands = (
                    commands_per_request(client, urls[index], reused[index]),
                    commands_per_request(client, urls[index], fresh[index]),
                )
            results.append(
                PeerCounter(
                    label,
                    statistics.median(result.requests_per_second for result in runs[index]),
                    statistics.median(result.p99_ms for result in runs[index]),
                    commands,
                )
            )
        say("measured the counter peers")
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
    rows: list[Row],
    peer,
    counters: list[PeerCounter],
    weights,
    server_table,
    server_stores: list[str],
    scale_text: str,
    seconds: float,
    started_load: float,
    classroom_text: str = "",
) -> tuple[str, str]:
    tool = rows[0].result.tool if rows else "none"
    table = markdown_table(
        ["scenario", "req/s", "p50 ms", "p99 ms", "errors", "× bare view", "Redis commands/request"],
        [
            [
                row.label,
                fmt(row.result.requests_per_second),
                fmt(row.result.p50_ms, 2),
                fmt(row.result.p99_ms, 2),
                str(row.result.errors),
                f"{row.result.requests_per_second / row.baseline:.2f}",
                "" if row.commands is None else fmt(row.commands, 2),
            ]
            for row in rows
        ],
    )
    sections = [
        "# Performance",
        "",
        f"Measured by `make bench` on {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, load tool `{tool}` "
        f"(16 connections, {seconds:g} s per figure), the site under granian "
        "(WSGI, 2 workers of one thread, DEBUG off). "
        "Ratios compare figures measured in this same run; absolute numbers depend on the machine. "
        f"Other work on the machine takes its share too: the 1-minute load average was {started_load:.1f} "
        f"when the run started and {os.getloadavg()[0]:.1f} when it ended.",
        "",
        "![req/s per scenario](performance.svg)",
        "",
        "## Cookie Lab, every session engine",
        "",
        "The `/counter/` and `/counter/atomic/` rows ask for JSON (`Accept: application/json`): the lecture's",
        'read-modify-write and a few bytes of answer, the same work as the Express route. "one session" sends',
        'back every cookie the site set, as a browser does; "new session each" sends none. The lesson-page',
        "rows render the whole HTML page with its wire panel. `db` is the site's default, Cookie Lab's db",
        "engine (Django's table, one SQL statement to load and one to save); `django_db` is Django's own",
        "(`SESSION_ENGINE=db`). `redis` is Cookie Lab's Redis engine",
        "(`SESSION_ENGINE=redis`); Redis commands per request are counted by Redis (`INFO commandstats`)",
        "over 50 requests sent one after another. The load generator is not a browser page's script (no",
        "`Sec-Fetch-Mode`), so the wire panel does not record its JSON requests; a page's fetch() of the",
        "counter costs the panel's cache two more commands (a GET and a SET of its history).",
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
    if counters:
        ours = counters[0].requests_per_second
        sections += [
            "",
            "## The Redis counter against what users pick instead (same machine, alternating runs)",
            "",
            "The lecture's counter with one session, each app on the run's own redis-server (Express's",
            "MemoryStore keeps sessions in the Node process). Flask is served like the site: granian, WSGI,",
            "2 workers of one thread (sessionsdemo/serving.py).",
            "",
            markdown_table(
                ["app", "req/s", "p99 ms", "Cookie Lab's redis engine ÷ this", "Redis commands: one session / new"],
                [
                    [
                        counter.label,
                        fmt(counter.requests_per_second),
                        fmt(counter.p99_ms, 2),
                        f"{ours / counter.requests_per_second:.2f}",
                        "none" if counter.commands is None else " / ".join(fmt(n, 2) for n in counter.commands),
                    ]
                    for counter in counters
                ],
            ),
        ]
        chart_bars += [
            (
                f"counter: {counter.label}",
                counter.requests_per_second,
                "django" if "Cookie Lab" in counter.label else "express",
            )
            for counter in counters
        ]
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
        stores = [f"{store} counter req/s" for store in server_stores]
        sections += [
            "",
            "## Choosing the production server (2 workers each, same settings)",
            "",
            "`granian` is granian (WSGI) as `make serve` runs it, one thread a worker "
            "(sessionsdemo/serving.py); `granian-4-threads` the same with four. gunicorn's gthread "
            "workers have 4 threads each. The counters have one session.",
            "",
            markdown_table(["server", "bare req/s", "bare p99 ms", *stores], server_table),
        ]
    sections += ["", goals(rows, peer, counters, weights), "", scale_text, ""]
    if classroom_text:
        sections += [classroom_text, ""]
    sections.append(HOW_TO_RERUN)
    return "\n".join(sections) + "\n", bar_chart("Requests per second (higher is better)", chart_bars)


def find(rows: list[Row], label: str) -> Row | None:
    return next((row for row in rows if row.label == label), None)


def goals(rows: list[Row], peer, counters: list[PeerCounter], weights) -> str:
    lines = ["## Goals", ""]

    def line(goal: str, value: float | None, target: float, unit: str = "×", at_most: bool = False) -> None:
        if value is None:
            lines.append(f"- {goal}: not measured in this run")
            return
        met = value <= target if at_most else value >= target
        suffix = unit if unit in {"×", ""} else f" {unit}"
        lines.append(
            f"- {goal}: **{value:,.2f}{suffix}** (goal {'≤' if at_most else '≥'} {target:g}{suffix}) "
            f"{'met' if met else 'NOT met'}"
        )

    peer_by = {label: (ours, theirs) for label, ours, theirs in (peer or [])}
    ratio = lambda pair: pair[0] / pair[1] if pair else None  # noqa: E731
    line("Bare view vs Express's bare route", ratio(peer_by.get("bare route")), 1.0)
    line(
        "Redis counter (redis engine) vs Express's counter (MemoryStore)",
        ratio(peer_by.get("counter, one session")),
        1.0,
    )
    for engine in ("redis", "cache-redis", "db-sqlite"):
        counter = find(rows, f"{engine}: /counter/ one session")
        atomic = find(rows, f"{engine}: /counter/atomic/ one session")
        if counter and atomic:
            line(
                f"{engine}: /counter/atomic/ vs /counter/",
                atomic.result.requests_per_second / counter.result.requests_per_second,
                1.0,
            )
    for kind, most in (("one session", 2), ("new session each", 1)):
        counted = find(rows, f"redis: /counter/ {kind}")
        line(f"Redis commands per counter request, {kind} (redis engine)", counted and counted.commands, most, "", True)
    by_label = {counter.label: counter.requests_per_second for counter in counters}
    ours = by_label.get("Cookie Lab, redis engine")
    for label, target in (("Flask + Flask-Session (Redis)", 1.0), ("Express + connect-redis", 0.7)):
        theirs = by_label.get(label)
        line(f"Redis counter (redis engine) vs {label}", ours / theirs if ours and theirs else None, target)
    redis_counter = find(rows, "redis: /counter/ one session")
    line(
        "Session overhead on Redis: counter (redis engine) vs bare view",
        redis_counter and redis_counter.result.requests_per_second / redis_counter.baseline,
        0.45,
    )
    sqlite_counter = find(rows, "db-sqlite: /counter/ one session")
    line(
        "Embedded default (SQLite db sessions): counter vs bare view",
        sqlite_counter and sqlite_counter.result.requests_per_second / sqlite_counter.baseline,
        0.3,
    )
    line(
        "Embedded default: counter p99 at 16 connections",
        sqlite_counter and sqlite_counter.result.p99_ms,
        100,
        "ms",
        True,
    )
    if weights:
        heaviest = max(size for _, size in weights) / 1024
        lines.append(
            f"- Heaviest lesson page: **{heaviest:.1f} KiB** (goal ≤ 60 KiB) {'met' if heaviest <= 60 else 'NOT met'}"
        )
    return "\n".join(lines)


HOW_TO_RERUN = """## How to rerun

```sh
make bench                      # everything: engines, the peers, page weight, a million sessions
make bench BENCH_ARGS="--seconds 2 --skip-scale"   # a quicker pass
make bench BENCH_ARGS="--only-classroom"           # only the classroom, replacing its section of this report
```

`make bench` installs the Express peer's packages (express-session, connect-redis) with npm into
`bench/peer/node_modules` and the Flask peer (Flask, Flask-Session, granian) with pip into
`bench/peer-flask/.venv` (both git-ignored), starts its own redis-server and PostgreSQL database,
and says on a line starting `skip:` what it could not measure (no Redis, no PostgreSQL, no node).
wrk is used when installed (`apt-get install wrk`), else a bounded Python load generator on loopback."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--seconds", type=float, default=4.0, help="duration of each measurement")
    parser.add_argument("--rounds", type=int, default=2, help="alternating rounds against the peers")
    parser.add_argument("--engines", default=",".join(ENGINES), help="comma-separated subset of " + ", ".join(ENGINES))
    parser.add_argument("--skip-scale", action="store_true", help="skip the million-session step")
    parser.add_argument("--skip-servers", action="store_true", help="skip comparing production servers")
    parser.add_argument("--skip-peers", action="store_true", help="skip the Express and Flask peers")
    parser.add_argument("--sessions", type=int, default=1_000_000, help="sessions for the scale step")
    parser.add_argument("--classroom-seconds", type=float, default=60.0, help="duration of each classroom run")
    parser.add_argument("--students", type=int, default=classroom.STUDENTS, help="simulated students in the classroom")
    parser.add_argument("--skip-classroom", action="store_true", help="skip the classroom step")
    parser.add_argument(
        "--only-classroom", action="store_true", help="run only the classroom step; replace its section of the report"
    )
    args = parser.parse_args(argv)

    started_load = os.getloadavg()[0]
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
            redis = environment.redis.client() if "redis" in engine.split("-") else None
            rows += measure_engine(engine, env, args.seconds, with_lesson=engine == "db-sqlite", redis=redis)
        peer_env = environment.env_for("redis") or environment.env_for("db-sqlite")
        peer = None if args.skip_peers else measure_peer(peer_env, args.seconds, args.rounds)
        counters = [] if args.skip_peers else measure_counters(environment, args.seconds, args.rounds)
        server_stores = {
            label: env
            for label, env in (("Redis", environment.env_for("redis")), ("SQLite", environment.env_for("db-sqlite")))
            if env is not None
        }
        server_table = [] if args.skip_servers else compare_servers(server_stores, args.seconds)
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
        markdown, svg = build_report(
            rows,
            peer,
            counters,
            weights,
            server_table,
            list(server_stores),
            scale_text,
            args.seconds,
            started_load,
            classroom_text,
        )
    finally:
        environment.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    DOCS.mkdir(exist_ok=True)
    (DOCS / "performance.md").write_text(markdown)
    (DOCS / "performance.svg").write_text(svg)
    print(markdown)
    say("wrote docs/performance.md and docs/performance.svg")
    return 0
