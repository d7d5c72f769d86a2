"""How many commands a request costs Redis, counted by Redis itself (INFO commandstats before and after)."""

from __future__ import annotations

import time
import urllib.request
from collections import Counter

from bench.load import assert_loopback

# Sent once per connection, not per request: opening a connection is not what is being counted.
HANDSHAKE = frozenset({"hello", "client|setinfo", "client|setname", "auth", "select"})


def command_calls(commandstats: dict[str, dict[str, int]]) -> Counter:
    """Calls per command from ``INFO commandstats`` as redis-py parses it ({"cmdstat_get": {"calls": 3, …}})."""
    return Counter({name.removeprefix("cmdstat_"): stats["calls"] for name, stats in commandstats.items()})


def per_request(before: Counter, after: Counter, requests: int) -> float:
    """Commands per request between two snapshots, without the probe's own INFO and connection handshakes."""
    spent = after - before
    return sum(calls for name, calls in spent.items() if name != "info" and name not in HANDSHAKE) / requests


def settled_calls(redis, timeout: float = 5.0) -> Counter:
    """The command counts once Redis has been idle for a moment: requests of a load that just ended may still run."""
    deadline = time.monotonic() + timeout
    calls = command_calls(redis.info("commandstats"))
    while time.monotonic() < deadline:
        time.sleep(0.1)
        later = command_calls(redis.info("commandstats"))
        if later - calls == Counter(info=1):
            return later
        calls = later
    return calls


def commands_per_request(redis, url: str, headers: dict[str, str], requests: int = 50) -> float:
    """Send ``requests`` GETs one after the other and divide the commands Redis ran meanwhile by their number.

    ``redis`` is a redis-py client of the server the app under test uses, and nothing else uses meanwhile.
    """
    assert_loopback(url)
    before = settled_calls(redis)
    for _ in range(requests):
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as response:
            response.read()
    return per_request(before, command_calls(redis.info("commandstats")), requests)
