"""The benchmark's own parts: parsing wrk, the loopback guard, the report. No timing is asserted."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from bench.load import assert_loopback
from bench.load import parse_wrk
from bench.load import run_python
from bench.report import bar_chart
from bench.report import markdown_table

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
