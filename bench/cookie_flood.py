"""A cookie flood: clients sending 400 KB Cookie headers while an ordinary visitor reads a lesson.

Issue #17's attack, replayed on loopback against the production server (granian, as `make serve`
runs it): every flood request must be answered fast and small, and the ordinary visitor's page must
stay fast. Prints a Markdown table; `make bench` runs it. Bounded in requests and in time.
"""

from __future__ import annotations

import argparse
import http.client
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from bench import servers
from bench.load import assert_loopback
from bench.run import manage

# 400 KB: refused by granian's own limit on the request head (make serve: 64 KiB). 48 KB: passes
# granian and is refused by CookieHeaderLimitMiddleware (32 KiB) with its 431 page.
FLOOD_SIZES = (400 * 1024, 48 * 1024)
FLOOD_CLIENTS = 8
ORDINARY_PATH = "/lessons/reading-cookies/"


@dataclass
class Samples:
    times_ms: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)

    def add(self, elapsed_ms: float, size: int, status: str) -> None:
        self.times_ms.append(elapsed_ms)
        self.sizes.append(size)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    def percentile(self, share: float) -> float:
        ordered = sorted(self.times_ms)
        return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))] if ordered else 0.0


def flood_cookie_header(size: int) -> str:
    """Cookies of 4 KB up to ``size`` bytes: what a cookie bomb leaves in a browser."""
    value = "x" * 4000
    pairs = [f"bomb{index}={value}" for index in range(size // 4008)]
    return "; ".join(pairs)


def one_request(port: int, path: str, cookie: str | None) -> tuple[float, int, str]:
    """Elapsed ms, bytes received, and the status (or how the connection ended)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest("GET", path)
        if cookie is not None:
            connection.putheader("Cookie", cookie)
        connection.endheaders()
        response = connection.getresponse()
        body = response.read()
        return (time.perf_counter() - started) * 1000, len(body), str(response.status)
    except (OSError, http.client.HTTPException) as error:  # a server may close instead of answering
        return (time.perf_counter() - started) * 1000, 0, type(error).__name__
    finally:
        connection.close()


def run(port: int, size: int, seconds: float, max_requests: int) -> tuple[Samples, Samples]:
    assert_loopback(f"http://127.0.0.1:{port}/")
    cookie = flood_cookie_header(size)
    flood, ordinary = Samples(), Samples()
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def flooder() -> None:
        for _ in range(max_requests):
            if time.monotonic() > deadline:
                return
            sample = one_request(port, ORDINARY_PATH, cookie)
            with lock:
                flood.add(*sample)

    threads = [threading.Thread(target=flooder, daemon=True) for _ in range(FLOOD_CLIENTS)]
    for thread in threads:
        thread.start()
    for _ in range(max_requests):
        if time.monotonic() > deadline:
            break
        ordinary.add(*one_request(port, ORDINARY_PATH, "flavour=oatmeal"))
    for thread in threads:
        thread.join(seconds + 15)
    return flood, ordinary


def report(size: int, flood: Samples, ordinary: Samples) -> str:
    def row(name: str, samples: Samples) -> str:
        statuses = ", ".join(f"{status}: {count}" for status, count in sorted(samples.statuses.items()))
        return (
            f"| {name} | {len(samples.times_ms)} | {statistics.median(samples.times_ms):.1f} | "
            f"{samples.percentile(0.99):.1f} | {max(samples.sizes):,} | {statuses} |"
        )

    return "\n".join(
        [
            f"Cookie flood: {FLOOD_CLIENTS} clients sending {size // 1024} KB Cookie headers, "
            f"one ordinary visitor reading {ORDINARY_PATH}",
            "",
            "| requests | count | p50 ms | p99 ms | largest answer (bytes) | answers |",
            "|---|---|---|---|---|---|",
            row(f"flood ({size // 1024} KB Cookie)", flood),
            row("ordinary visitor", ordinary),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--max-requests", type=int, default=2000)
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        env = servers.site_env(Path(folder) / "db.sqlite3")
        manage(env, "migrate", "--noinput")
        with servers.django("granian", env) as server:
            for size in FLOOD_SIZES:
                print(report(size, *run(server.port, size, options.seconds, options.max_requests)), end="\n\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
