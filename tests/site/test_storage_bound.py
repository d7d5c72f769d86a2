"""Issue #17, finding 5: what one client can make the server keep, measured (docs/limits.md quotes these).

Run with ``-s`` to see the numbers: ``pytest -q -n 0 -s tests/site/test_storage_bound.py``.
"""

from __future__ import annotations

import pickle
import random

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponseRedirect
from django.test import Client

from cookielab.conf import conf
from cookielab.core import wire
from cookielab.lessons import LESSONS
from cookielab.lessons.sessions.cart_and_preferences import cart
from cookielab.models import PageViewCounter
from tests.support.crawl import argument_free_paths
from tests.support.html import soup
from tests.support.html import text

pytestmark = pytest.mark.django_db

# The bounds docs/limits.md states; the measurements below must stay under them.
SESSION_DATA_BOUND = 4096  # characters of django_session.session_data, one fully used session
# path and a redirect's Location (512 together) + Cookie header + the Set-Cookie headers kept
WIRE_EXCHANGE_CHARS = 512 + 8192 + 16384
WIRE_ENTRY_BOUND = 256 * 1024  # bytes of one browser's pickled wire history: 6 × (2 × (512 + 8192) + 16384) + overhead
COOKIELESS_WIRE_ENTRY_BOUND = 1024  # bytes of the entry one cookieless lesson-page GET leaves behind


def get_routes() -> list[str]:
    """Every route of the site without a path parameter, admin aside (it has its own login)."""
    return sorted(path for path in argument_free_paths() if not path.startswith("/admin/"))


def wire_entry(client: Client) -> list[dict]:
    value = client.cookies[conf.WIRE_COOKIE_NAME].value
    key = f"cookielab:wire:{value.rsplit(':', 1)[0]}"
    return caches[conf.WIRE_CACHE].get(key) or []


def stored_size(entry: object) -> int:
    """Bytes as the cache keeps it: locmem and django-redis both pickle with the highest protocol."""
    return len(pickle.dumps(entry, pickle.HIGHEST_PROTOCOL))


def test_only_the_two_counters_store_a_session_on_a_cookieless_get(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    stored = {}
    for route in get_routes():
        sessions, counters = Session.objects.count(), PageViewCounter.objects.count()
        Client().get(route)
        added = (Session.objects.count() - sessions, PageViewCounter.objects.count() - counters)
        if added != (0, 0):
            stored[route] = added
    assert stored == {"/counter/": (1, 0), "/counter/atomic/": (1, 1)}


def test_a_cookieless_lesson_page_leaves_one_small_wire_entry():
    client = Client()
    client.get("/lessons/what-is-a-session/")
    entry = wire_entry(client)
    assert len(entry) == 1
    size = stored_size(entry)
    print(f"\nwire entry of one cookieless lesson GET: {size} bytes, kept {conf.WIRE_TTL} s")
    assert size <= COOKIELESS_WIRE_ENTRY_BOUND


def fill_a_session(client: Client) -> None:
    """Every session write the site offers, at its largest."""
    hard_to_compress = "".join(chr(random.randrange(0x10000, 0x10FFFF)) for _ in range(80))
    client.post("/lessons/what-is-a-session/check-in/", {"note": hard_to_compress})
    for lesson in LESSONS:
        for index, quiz in enumerate(lesson.questions):
            client.post(f"/lessons/{lesson.slug}/check/", {"question": index, "choice": quiz.answer})
    for slug in cart.PRODUCTS:
        client.post("/lessons/cart-and-preferences/add/", {"product": slug, "quantity": cart.MAX_QUANTITY})
    currency = max(cart.CURRENCIES, key=len)
    client.post(
        "/lessons/cart-and-preferences/preferences/", {"currency": currency, "per_page": max(cart.PER_PAGE_CHOICES)}
    )
    client.post("/lessons/session-options/write/")
    client.post("/lessons/session-timeout/lifetime/", {"seconds": 86_400})
    client.post("/lessons/logging-in/login/")
    client.get("/counter/atomic/")
    for _ in range(3):
        client.get("/counter/")


def test_one_session_row_stays_under_the_bound(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    settings.COOKIELAB_DEMO_LOGIN = True
    client = Client()
    fill_a_session(client)
    row = Session.objects.get(session_key=client.cookies["sessionid"].value)
    data = row.get_decoded()
    assert len(data[cart.CART_KEY]) == len(cart.PRODUCTS)
    print(f"\nfully used session: session_data {len(row.session_data)} characters, keys {sorted(data)}")
    assert len(row.session_data) <= SESSION_DATA_BOUND
    assert Session.objects.count() == 1 and PageViewCounter.objects.count() == 1


def hostile_cookie_header(client: Client, size: int) -> str:
    """A Cookie header just under the 431 limit, latin-1 bytes that take two bytes each once pickled."""
    tap = f"{conf.WIRE_COOKIE_NAME}={client.cookies[conf.WIRE_COOKIE_NAME].value}"
    filler = "x=" + "é" * (size - len(tap) - 4)
    return f"{tap}; {filler}"


def test_one_browser_wire_history_stays_under_the_bound():
    client = Client()
    client.get("/lessons/cookie-limits/")
    header = hostile_cookie_header(client, conf.MAX_COOKIE_HEADER_BYTES)
    long_query = "?q=" + "é" * 2000
    heavy = [
        ("post", "/lessons/cookie-limits/send/"),  # the heaviest Set-Cookie response of the lessons (~8.5 KiB)
        ("get", "/httpbin/cookies/set?" + "&".join(f"c{n}={'v' * 380}" for n in range(20))),
        ("get", "/httpbin/response-headers?" + "&".join(f"Set-Cookie=r{n}={'w' * 370}" for n in range(20))),
        ("get", "/lessons/http-is-stateless/" + long_query),
    ]
    script = {"HTTP_SEC_FETCH_MODE": "cors", "HTTP_ACCEPT": "application/json"}
    sizes = []
    # First a burst of script requests (fetch) after each: folded into one entry per route, counted by status;
    # then the heavy requests alone, the worst case, push them out again.
    redirect = ("post", "/lessons/how-cookies-are-sent/bake/")  # a 303: its Location is kept too
    rounds = [(step, True) for step in [*heavy, redirect]] + [(step, False) for step in heavy * 2]
    for (method, path), burst in rounds:
        getattr(client, method)(path, HTTP_COOKIE=header)
        for n in range(30 if burst else 0):
            client.get("/httpbin/get" + long_query[: 500 + n], HTTP_COOKIE=header, **script)
        entry = wire_entry(client)
        assert len(entry) <= conf.WIRE_HISTORY
        for exchange in entry:
            chars = len(exchange["path"]) + len(exchange.get("location", "")) + len(exchange["cookie"])
            assert chars + sum(map(len, exchange["set_cookie"])) <= WIRE_EXCHANGE_CHARS
            assert len(exchange.get("statuses", {})) <= 8
        sizes.append(stored_size(entry))
    largest = max(sizes)
    print(f"\nlargest wire entry after hostile requests: {largest} bytes ({conf.WIRE_HISTORY} exchanges)")
    assert largest <= WIRE_ENTRY_BOUND


def test_a_redirect_location_is_kept_to_256_characters_within_the_path_s_512(rf):
    response = HttpResponseRedirect("/" + "l" * 5000)
    exchange = wire.exchange_of(rf.get("/" + "p" * 5000), response)
    assert len(exchange["location"]) == 256
    assert len(exchange["path"]) + len(exchange["location"]) == 512  # they share the path's 512 characters


def test_a_merged_entry_counts_at_most_8_kinds_of_status():
    entry: list[dict] = []
    for status in range(200, 230):
        exchange = {"method": "GET", "path": "/x", "status": status, "cookie": "", "set_cookie": [], "kind": "script"}
        entry = wire.merged(entry, exchange)
    [folded] = entry
    assert folded["count"] == 30 and len(folded["statuses"]) == 8


def test_an_exchange_keeps_at_most_16_kib_of_set_cookie_headers():
    headers = [f"c{n}=" + "v" * 4000 for n in range(10)]
    kept, left_out = wire.kept_set_cookies(headers)
    assert len(kept) == 4 and left_out == 6
    assert sum(map(len, kept)) <= 16384
    kept, left_out = wire.kept_set_cookies(["big=" + "v" * 20000])
    assert [len(header) for header in kept] == [8192] and left_out == 0


def test_the_panel_says_when_set_cookie_headers_were_left_out(client, settings):
    settings.COOKIELAB_REVEAL_SESSION_KEYS = True
    client.get("/lessons/http-is-stateless/")
    tap = client.cookies[conf.WIRE_COOKIE_NAME].value.rsplit(":", 1)[0]
    exchange = {"method": "GET", "path": "/x", "status": 200, "cookie": "", "at": "now"}
    caches[conf.WIRE_CACHE].set(
        f"cookielab:wire:{tap}", [{**exchange, "set_cookie": ["a=1"], "set_cookie_left_out": 3}]
    )
    left_out = soup(client.get("/wire/")).select_one(".set-cookie-left-out")
    assert text(left_out).startswith("… and 3 more Set-Cookie headers")


def sqlite_bytes(table: str) -> int:
    """Pages the table and its indexes take in SQLite (the dbstat virtual table)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE tbl_name = %s", [table])
        names = [name for (name,) in cursor.fetchall()]
        marks = ", ".join(["%s"] * len(names))
        cursor.execute(f"SELECT SUM(pgsize) FROM dbstat WHERE name IN ({marks})", names)
        return int(cursor.fetchone()[0] or 0)


@pytest.mark.sqlite
def test_what_a_counter_row_and_a_session_row_cost_in_sqlite(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    rows = 500
    counters_before = sqlite_bytes(PageViewCounter._meta.db_table)
    sessions_before = sqlite_bytes(Session._meta.db_table)
    for _ in range(rows):
        Client().get("/counter/atomic/")
    assert PageViewCounter.objects.count() == rows and Session.objects.count() == rows
    per_counter = (sqlite_bytes(PageViewCounter._meta.db_table) - counters_before) / rows
    per_session = (sqlite_bytes(Session._meta.db_table) - sessions_before) / rows
    print(f"\nSQLite, table + indexes: {per_counter:.0f} bytes per counter row, {per_session:.0f} per session row")
    assert per_counter <= 300 and per_session <= 400


@pytest.mark.redis
def test_what_a_redis_counter_costs(client, redis_cache, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    client.get("/counter/atomic/")
    redis = redis_cache.client()
    [key] = redis.scan_iter("*cookielab:views:*")
    usage = redis.memory_usage(key)
    print(f"\nRedis: {usage} bytes per counter key (TTL {redis.ttl(key)} s)")
    assert usage <= 200 and 0 < redis.ttl(key) <= settings.SESSION_COOKIE_AGE
