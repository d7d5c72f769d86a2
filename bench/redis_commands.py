"""How many commands a request costs Redis, counted by Redis itself (INFO commandstats before and after)."""

from __future__ import annotations

import time
import urllib.request
from collections import Counter

from bench.load import assert_loopback
from cookielab.core.redis_client import command_calls
from cookielab.core.redis_client import commands_between


def per_request(before: Counter, after: Counter, requests: int) -> float:
    """Commands per request between two snapshots, without the probe's own INFO and connection handshakes."""
    return sum(commands_between(before, after).values()) / requests


def settled_calls(redis, timeout: float = 5.0) -> Counter:
    """The command counts once Redis has been idle for a moment: requests of a load that just ended may still run."""
    deadline = time.monotonic() + timeout
    calls = command_calls(redis)
    while time.monotonic() < deadline:
        time.sleep(0.1)
        later = command_calls(redis)
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
    return per_request(before, command_calls(redis), requests)
