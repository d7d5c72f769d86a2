"""The benchmark's own parts: parsing wrk, the loopback guard, the report. No timing is asserted."""

from __future__ import annotations

import os
import sys
import threading
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer

import pytest

from bench import servers
from bench.load import LoadResult
from bench.load import assert_loopback
from bench.load import parse_wrk
from bench.load import run_python
from bench.redis_commands import commands_per_request
from bench.redis_commands import per_request
from bench.report import bar_chart
from bench.report import markdown_table
from bench.run import Row
from bench.run import goals

WRK_OUTPUT = """Running 4s test @ http://127.0.0.1:8000/healthz
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     3.10ms    4.52ms  80.11ms   94.12%
  Latency Distribution
     50%    2.81ms
     75%    3.20ms
     90%    4.10ms
     99%   75.62ms
  9817 requests in 2.10s, 1.85MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   4661.42
Transfer/sec:    900.12KB
"""


def test_parse_wrk_reads_rate_latency_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result.requests_per_second == pytest.approx(4661.42)
    assert (result.p50_ms, result.p99_ms) == (pytest.approx(2.81), pytest.approx(75.62))
    assert result.errors == 7
    assert result.requests == 9817


def test_parse_wrk_converts_microseconds_and_seconds():
    output = WRK_OUTPUT.replace("2.81ms", "812.00us").replace("75.62ms", "1.20s")
    result = parse_wrk(output)
    assert result.p50_ms == pytest.approx(0.812)
    assert result.p99_ms == pytest.approx(1200)


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://192.168.1.2:80/", "http://8.8.8.8/"])
def test_load_is_refused_off_loopback(url):
    with pytest.raises(ValueError, match="non-loopback"):
        assert_loopback(url)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/", "http://localhost/", "http://[::1]:9/"])
def test_loopback_is_allowed(url):
    assert_loopback(url)


def test_python_load_generator_counts_what_the_server_answered(live_server):
    result = run_python(live_server.url + "/healthz", seconds=0.5, connections=2, headers={})
    assert result.requests > 0
    assert result.errors == 0
    assert result.p99_ms >= result.p50_ms > 0


def test_python_load_generator_counts_errors(live_server):
    result = run_python(live_server.url + "/no-such-page/", seconds=0.3, connections=1, headers={})
    assert result.errors == result.requests > 0


def test_chart_is_valid_svg_with_one_bar_per_row():
    svg = bar_chart("Requests", [("bare <view>", 100.0, "bare"), ("counter", 50.0, "django")])
    root = ET.fromstring(svg)
    bars = root.findall("{http://www.w3.org/2000/svg}rect")
    assert [float(bar.get("width")) for bar in bars] == [420.0, 210.0]
    assert "bare &lt;view&gt;" in svg


def test_markdown_table_shape():
    table = markdown_table(["a", "b"], [["1", "2"]])
    assert table.splitlines() == ["| a | b |", "| --- | --- |", "| 1 | 2 |"]


def test_commands_per_request_leaves_out_the_probe_and_connection_handshakes():
    before = Counter(get=10, info=3)
    after = Counter({"get": 20, "set": 10, "info": 4, "hello": 2, "client|setinfo": 4})
    assert per_request(before, after, 10) == 2.0


@pytest.mark.redis
def test_redis_counts_the_commands_of_each_request(redis_server):
    store = redis_server.client()

    class TwoCommandsWithACookie(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.headers.get("Cookie"):
                store.get("bench-test")
            store.set("bench-test", "1")
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), TwoCommandsWithACookie)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/"
    try:
        assert commands_per_request(redis_server.client(), url, {"Cookie": "a=1"}, requests=5) == 2.0
        assert commands_per_request(redis_server.client(), url, {}, requests=5) == 1.0
    finally:
        server.shutdown()
        server.server_close()


def test_goals_say_met_or_not_for_upper_bounds_too():
    def row(label: str, commands: float) -> Row:
        return Row(label, LoadResult(100.0, 1.0, 2.0, 0, 400, "wrk"), 200.0, commands)

    report = goals(
        [row("redis: /counter/ one session", 2.0), row("redis: /counter/ new session each", 1.5)], [], [], []
    )
    assert "- Redis commands per counter request, one session (redis engine): **2.00** (goal ≤ 2) met" in report
    assert "new session each (redis engine): **1.50** (goal ≤ 1) NOT met" in report
    assert "counter (redis engine) vs bare view: **0.50×** (goal ≥ 0.45×) met" in report


def test_the_classroom_section_replaces_its_old_self_or_goes_before_how_to_rerun():
    from bench.classroom import replace_section

    base = "# Performance\n\n## Goals\n\n- x\n\n## How to rerun\n\nmake bench\n"
    first = replace_section(base, "## A classroom: 60 students\n\nold numbers")
    assert first.index("## A classroom") < first.index("## How to rerun") and first.count("## Goals") == 1
    second = replace_section(first, "## A classroom: 60 students\n\nnew numbers")
    assert "old numbers" not in second and second.count("## A classroom") == 1
    assert second.endswith("## How to rerun\n\nmake bench\n")
    assert replace_section("# Performance\n", "## A classroom: 1\n\nx").endswith("## A classroom: 1\n\nx\n")


def test_the_classroom_percentiles_and_report():
    from bench.classroom import RoomResult
    from bench.classroom import Timings
    from bench.classroom import percentile
    from bench.classroom import report

    assert percentile([], 0.99) == 0.0
    assert percentile([float(n) for n in range(1, 101)], 0.99) == 100.0
    timings = Timings()
    for ms in (10.0, 20.0, 400.0):
        timings.add("lesson page", ms, failed=False)
    timings.add("dashboard JSON", 5.0, failed=True)
    room = RoomResult("SQLite", timings, 10.0, {"active": 60, "lessons": {"a": 2, "b": 1}}, 2.0, 0.5, 0.7)
    text = report([room], 10, 60)
    assert "| SQLite | lesson page | 3 | 0.3 |" in text and "| SQLite | dashboard JSON | 1 |" in text
    assert "p99 **400 ms** (goal < 300 ms) NOT met" in text and "60 students active and 3 lessons finished" in text
    assert "20% of one core, 500.0 ms a request" in text


@pytest.mark.django_db(transaction=True)
def test_simulated_students_and_the_teacher_walk_a_live_classroom(live_server, settings, monkeypatch):
    import threading
    import time
    from urllib.parse import urlsplit

    from django.urls import reverse

    from bench import classroom
    from cookielab.lessons import LESSONS

    settings.COOKIELAB_CLASSROOM = True
    settings.COOKIELAB_TEACHER_KEY = "bench-teacher-key-0123456789"
    monkeypatch.setattr(classroom, "CLICK_SECONDS", (0.05, 0.1))
    monkeypatch.setattr(classroom, "DASHBOARD_JSON_SECONDS", 0.5)
    course = [
        [
            lesson.get_absolute_url(),
            reverse("cookielab:check", args=[lesson.slug]),
            [[q.answer, len(q.choices)] for q in lesson.questions],
        ]
        for lesson in LESSONS
    ]
    port = urlsplit(live_server.url).port
    timings = classroom.Timings()
    stop = time.monotonic() + 3
    walkers = [threading.Thread(target=classroom.student, args=(port, course, timings, stop, seed)) for seed in (1, 2)]
    for walker in walkers:
        walker.start()
    for walker in walkers:
        walker.join()
    counted = classroom.teacher(port, "bench-teacher-key-0123456789", timings, time.monotonic() + 0.3)
    assert timings.errors == {}
    assert len(timings.by_kind["lesson page"]) >= 4 and timings.by_kind["answer (POST)"]
    assert counted["students"] == 2 and counted["active"] == 2


# A server that logs a line a request, more than a pipe's 64 KiB in all, as Django does for each 431 of a flood.
CHATTY_SERVER = """
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        sys.stderr.write("Request Header Fields Too Large: " + "x" * 1000 + "\\n")
        sys.stderr.flush()
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
"""


def test_a_bench_server_that_logs_a_lot_keeps_answering():
    """The servers' logs must never fill an unread pipe: the cookie flood's 10 s timeouts came from that."""
    port = servers.free_port()
    with servers.Server("chatty", [sys.executable, "-c", CHATTY_SERVER, str(port)], port, dict(os.environ)) as server:
        for _ in range(200):  # 200 KB of log
            with urllib.request.urlopen(server.url("/"), timeout=5) as answer:
                assert answer.read() == b"ok"
        assert "Request Header Fields Too Large" in server.log_tail()


def test_a_bench_server_that_cannot_start_says_why():
    port = servers.free_port()
    command = [sys.executable, "-c", "import sys; sys.exit('no such app: cookielab_wsgi')"]
    server = servers.Server("broken", command, port, dict(os.environ))
    with pytest.raises(RuntimeError, match="no such app: cookielab_wsgi"), server:
        pass
