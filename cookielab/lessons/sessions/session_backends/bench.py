"""Store one payload through every session engine, show where it landed, time it, clean up.

Each engine's ``SessionStore`` is imported directly, so the comparison works whatever
SESSION_ENGINE the site uses: Django's five, Cookie Lab's lean Redis engine beside them, and the site's
own engine when it is another one (with REDIS_URL: Cookie Lab's resilient ``cached_db``). The engines
that keep sessions in Redis need a Redis cache (Django's or django-redis) as SESSION_CACHE_ALIAS; without
one their card says how to get it instead of failing. With one, Redis itself counts the commands each
load and save costs (``INFO commandstats``).
"""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from dataclasses import field

from django.conf import settings

from cookielab.core.redis_client import command_calls
from cookielab.core.redis_client import commands_between
from cookielab.core.redis_client import is_redis
from cookielab.core.redis_client import raw_client
from cookielab.core.session_stores import ENABLE_REDIS_HINT
from cookielab.core.session_stores import ENGINES
from cookielab.core.session_stores import Location
from cookielab.core.session_stores import engine_kind
from cookielab.core.session_stores import friendly_name
from cookielab.core.session_stores import locate_session
from cookielab.core.session_stores import session_cache
from cookielab.core.session_stores import store_class_of
from cookielab.sessions.outage import STORE_OUTAGE_ERRORS

DEMO_PAYLOAD: dict[str, object] = {"coat": "blue duffle", "cart": ["apple", "pear"], "visits": 1}
BENCH_RUNS = 200
BENCH_BUDGET_NS = 120_000_000  # per engine: five engines stay well under a second per click
SITE_ENGINE = "site"  # the name of the card for this site's own engine, when it is not one of the others
REDIS_ENGINE = "cookielab.sessions.backends.redis"


@dataclass
class EngineResult:
    name: str
    engine: str
    location: Location | None = None
    runs: int = 0
    median_us: float | None = None
    notice: str = ""
    timings_us: list[float] = field(default_factory=list, repr=False)
    # Redis commands per load + save, by command (engines that keep the session in Redis only).
    redis_commands: dict[str, float] | None = None

    @property
    def redis_commands_per_round(self) -> float | None:
        return None if self.redis_commands is None else sum(self.redis_commands.values())

    @property
    def friendly_name(self) -> str:
        return engine_label(self.name, self.engine)


def engine_label(name: str, engine: str) -> str:
    label = friendly_name(engine)
    return f"This site's engine: {label}" if name == SITE_ENGINE else label


def compared_engines() -> dict[str, str]:
    """Django's five engines and Cookie Lab's ``redis`` by short name, and ``site``: this site's own engine
    if it is another one."""
    engines = {**ENGINES, "redis": REDIS_ENGINE}
    if settings.SESSION_ENGINE not in engines.values():
        engines[SITE_ENGINE] = settings.SESSION_ENGINE
    return engines


@dataclass(frozen=True)
class Bar:
    name: str
    median_us: float
    y: int
    width: int
    label_x: int

    @property
    def label(self) -> str:
        return "this site" if self.name == SITE_ENGINE else self.name


@dataclass(frozen=True)
class Chart:
    bars: list[Bar]
    width: int
    height: int
    bar_height: int
    left: int


def engine_ready(name: str) -> str:
    """An empty string when engine ``name`` (a key of ``compared_engines()``) can run here, else what to do."""
    engine = compared_engines().get(name, name)
    try:
        store_class_of(engine)
    except ImportError as error:
        return f"This engine cannot be imported: {error}"
    kind = engine_kind(engine)
    if kind is not None and kind.cache and not is_redis(session_cache()):
        return f"This engine needs Redis as the session cache. {ENABLE_REDIS_HINT}"
    return ""


def _load_and_save(store_class: type, session_key: str) -> str:
    store = store_class(session_key)
    store["visits"] = store.get("visits", 0) + 1
    store.save()
    return store.session_key


def time_load_and_save(store_class: type, session_key: str, runs: int, budget_ns: int) -> tuple[list[float], str]:
    """Microseconds of each load+save round (at most ``runs``, within ``budget_ns``) and the last key."""
    timings: list[float] = []
    deadline = time.perf_counter_ns() + budget_ns
    for _ in range(runs):
        start = time.perf_counter_ns()
        session_key = _load_and_save(store_class, session_key)
        end = time.perf_counter_ns()
        timings.append((end - start) / 1000)
        if end > deadline:
            break
    return timings, session_key


def run_engine(name: str, *, runs: int = BENCH_RUNS, budget_ns: int = BENCH_BUDGET_NS) -> EngineResult:
    engine = compared_engines()[name]
    result = EngineResult(name=name, engine=engine)
    result.notice = engine_ready(name)
    if result.notice:
        return result
    store_class = store_class_of(engine)
    store = store_class()
    try:
        store.update(DEMO_PAYLOAD)
        store.save(must_create=True)
        session_key = store.session_key or ""  # save() gave it a key (signed_cookies: the signed data)
        result.location = locate_session(engine, session_key)
        kind = engine_kind(engine)
        redis = raw_client(session_cache()) if kind is not None and kind.cache else None
        before = command_calls(redis) if redis is not None else Counter()
        result.timings_us, last_key = time_load_and_save(store_class, session_key, runs, budget_ns)
        result.runs = len(result.timings_us)
        if redis is not None:
            spent = commands_between(before, command_calls(redis))
            result.redis_commands = {name: calls / result.runs for name, calls in sorted(spent.items())}
        result.median_us = statistics.median(result.timings_us)
        store_class(last_key).delete()
    except STORE_OUTAGE_ERRORS as error:
        result.notice = f"The store did not answer ({type(error).__name__}); nothing could be stored or timed."
        _forget(store)
    return result


def _forget(store) -> None:
    """Remove a half-finished demo session, if the store lets us."""
    try:
        if store.session_key:
            store.delete()
    except STORE_OUTAGE_ERRORS:
        pass


def run_all(*, runs: int = BENCH_RUNS, budget_ns: int = BENCH_BUDGET_NS) -> list[EngineResult]:
    return [run_engine(name, runs=runs, budget_ns=budget_ns) for name in compared_engines()]


def bar_chart(results: list[EngineResult], *, width: int = 520, bar_height: int = 22, left: int = 120) -> Chart:
    """Horizontal bars of the median load+save time, scaled to the slowest engine."""
    timed = [(result.name, result.median_us) for result in results if result.median_us is not None]
    slowest = max((median for _, median in timed), default=1.0) or 1.0
    span = width - left - 90
    bars = []
    for index, (name, median) in enumerate(timed):
        bar_width = max(1, round(span * median / slowest))
        bars.append(Bar(name, median, 10 + index * (bar_height + 10), bar_width, left + bar_width + 6))
    return Chart(bars=bars, width=width, height=20 + len(bars) * (bar_height + 10), bar_height=bar_height, left=left)
