"""``manage.py cookielab_sessions stats | inspect KEY | purge-expired``: look after the session store."""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.base import CommandError
from django.utils import timezone

from cookielab.core.session_stores import engine_kind
from cookielab.core.session_stores import session_store_class
from cookielab.core.session_stores import uses_cache
from cookielab.sessions import maintenance

DEFAULT_BATCH_SIZE = 10_000
BAR_WIDTH = 30


def progress_bar(done: int, total: int) -> str:
    """``[#####     ] 50% 500000/1000000``"""
    fraction = done / total if total else 1.0
    filled = round(BAR_WIDTH * fraction)
    return f"[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {fraction:4.0%} {done}/{total}"


def human_bytes(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    value = size / 1024
    for unit in ("KiB", "MiB"):
        if value < 1024:
            return f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GiB"


def engine_summary(engine: str) -> str:
    """The engine's path, and for any engine but Django's own what Cookie Lab makes of it."""
    kind = engine_kind(engine)
    if kind is None:
        return f"{engine} (built on none of Django's engines: only what it keeps in their stores can be counted)"
    if kind.engine == engine:
        return engine
    return f"{engine} (built on {kind.built_on}: counted and purged like it)"


class Command(BaseCommand):
    help = "Count, inspect and purge the sessions this project keeps (database and Redis)."

    def add_arguments(self, parser) -> None:
        commands = parser.add_subparsers(dest="subcommand", required=True, metavar="{stats,inspect,purge-expired}")
        commands.add_parser("stats", help="How many sessions each store holds, how many expired, how much memory.")
        inspect = commands.add_parser("inspect", help="Show one session's data, expiry and where it is kept.")
        inspect.add_argument(
            "key", help="The session key: the value of the session cookie (with signed_cookies, the whole value)."
        )
        purge = commands.add_parser(
            "purge-expired", help="Delete expired database sessions, and the page-view counters of expired sessions."
        )
        purge.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Rows per DELETE (default {DEFAULT_BATCH_SIZE}).",
        )
        purge.add_argument("--dry-run", action="store_true", help="Only count what would be deleted.")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            session_store_class()
        except ImportError as error:
            raise CommandError(f"SESSION_ENGINE {settings.SESSION_ENGINE!r} cannot be imported: {error}") from None
        if subcommand == "stats":
            self.stats()
        elif subcommand == "inspect":
            self.inspect(options["key"])
        else:
            self.purge_expired(options["batch_size"], options["dry_run"])

    def stats(self) -> None:
        self.stdout.write(f"Session engine: {engine_summary(settings.SESSION_ENGINE)}")
        database = maintenance.database_stats()
        if database is None:
            self.stdout.write("Database: django.contrib.sessions is not installed.")
        else:
            self.stdout.write(f"Database table {database.table}: {database.rows} rows, {database.expired} expired")
        counters = maintenance.counter_stats()
        self.stdout.write(
            f"Page-view counters, table {counters.table}: {counters.rows} rows, {counters.expired} expired"
        )
        alias = settings.SESSION_CACHE_ALIAS
        try:
            redis = maintenance.redis_stats(alias)
        except Exception as error:  # the stats must still print when Redis is down
            raise CommandError(f"Cache {alias!r} did not answer: {type(error).__name__}: {error}") from None
        if redis is None:
            self.stdout.write(f"Cache {alias!r}: not Redis, so its session keys cannot be counted.")
            return
        engines = ", ".join(f"{engine}: {count}" for engine, count in redis.keys_by_engine.items())
        self.stdout.write(f"Redis (cache {alias!r}): {redis.keys} session keys ({engines})")
        if redis.sampled:
            self.stdout.write(
                f"Redis memory for session keys: about {human_bytes(redis.estimated_bytes)} "
                f"(MEMORY USAGE of {redis.sampled} sampled keys); whole server: {redis.used_memory_human}"
            )
        else:
            self.stdout.write(f"Redis memory: whole server uses {redis.used_memory_human}")

    def inspect(self, key: str) -> None:
        key = key.strip()
        if maintenance.uses_signed_cookies():
            self.inspect_signed_cookie(key)
            return
        if not maintenance.is_plausible_session_key(key):
            raise CommandError(
                f"{key[:60]!r} does not look like a session key: expected 8 to 40 letters and digits "
                "(the value of the session cookie)."
            )
        found = maintenance.find_session(key)
        if not found:
            raise CommandError(f"No session with key {key!r} (engine {settings.SESSION_ENGINE}).")
        for stored in found:
            self.show(stored)

    def inspect_signed_cookie(self, value: str) -> None:
        if not maintenance.is_plausible_signed_cookie(value):
            raise CommandError(
                f"{value[:60]!r} does not look like a signed_cookies session: with SESSION_ENGINE "
                f"{settings.SESSION_ENGINE} give the whole value of the session cookie (payload:timestamp:signature)."
            )
        stored, reason = maintenance.decode_signed_cookie(value)
        if stored is None:
            raise CommandError(f"This cookie holds no session Django would accept: {reason}")
        self.show(stored)

    def show(self, stored: maintenance.StoredSession) -> None:
        self.stdout.write(f"Where: {stored.where}")
        self.stdout.write(f"Expires: {stored.expires}")
        self.stdout.write("Data:")
        self.stdout.write(json.dumps(stored.data, indent=2, sort_keys=True, ensure_ascii=False, default=str))

    def purge_expired(self, batch_size: int, dry_run: bool) -> None:
        if batch_size < 1:
            raise CommandError(f"--batch-size must be at least 1, not {batch_size}.")
        self.purge_sessions(batch_size, dry_run)
        # Whatever the session engine, the atomic counter keeps rows in the database (unless the cache is Redis).
        now = timezone.now()
        if dry_run:
            expired = maintenance.counter_stats(now).expired
            self.stdout.write(f"Dry run: {expired} expired page-view counters would be deleted.")
            return
        counters = maintenance.purge_expired_counters(now, batch_size)
        self.stdout.write(self.style.SUCCESS(f"Deleted {counters} expired page-view counters."))

    def purge_sessions(self, batch_size: int, dry_run: bool) -> None:
        engine = settings.SESSION_ENGINE
        if uses_cache() and not maintenance.uses_database():
            self.stdout.write(f"No sessions to purge: {engine} entries expire on their own in the cache.")
            return
        if maintenance.uses_signed_cookies():
            self.stdout.write(
                f"Nothing to purge: {settings.SESSION_ENGINE} stores nothing on the server. Each session is the "
                "browser's own signed cookie, and its expiry is in the cookie (signed at + SESSION_COOKIE_AGE): "
                "an expired one is refused when it comes back. To end every session at once, change SECRET_KEY."
            )
            return
        if not maintenance.uses_database():
            if not dry_run:
                try:
                    session_store_class().clear_expired()
                except NotImplementedError:
                    raise CommandError(
                        f"{engine} has no clear_expired(), and Cookie Lab cannot look inside it: "
                        "it cannot tell which of its sessions expired."
                    ) from None
            self.stdout.write(f"Cleared the expired sessions of {engine} with its clear_expired().")
            return
        now = timezone.now()
        total = maintenance.count_expired(now)
        if dry_run:
            self.stdout.write(f"Dry run: {total} expired sessions would be deleted.")
            return
        show_progress = total > batch_size
        ending = "\r" if self.stderr.isatty() else "\n"

        def report(done: int) -> None:
            if show_progress:
                self.stderr.write(progress_bar(min(done, total), total), ending=ending)

        deleted = maintenance.purge_expired(now, batch_size, on_batch=report)
        if show_progress and ending == "\r":
            self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} expired sessions."))
        if uses_cache():
            self.stdout.write("Their cache entries need no purge: each expires with its own TTL.")
