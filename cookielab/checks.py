"""System checks: what a host project needs for the lessons to work (``manage.py check``).

Ids are stable; docs/install.md lists each with its fix. All checks carry the ``cookielab`` tag,
so ``manage.py check --tag cookielab`` runs only these.
"""

from __future__ import annotations

import threading
import uuid
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.sessions.serializers import JSONSerializer
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.checks import CheckMessage
from django.core.checks import Error
from django.core.checks import Tags
from django.core.checks import Warning
from django.core.checks import register
from django.utils.module_loading import import_string

from cookielab.conf import DEFAULTS
from cookielab.conf import SWITCHES
from cookielab.conf import conf
from cookielab.core.session_stores import uses_cache

SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
WIRE_TAP_MIDDLEWARE = "cookielab.core.middleware.WireTapMiddleware"
CLASSROOM_MIDDLEWARE = "cookielab.classroom.middleware.ClassroomMiddleware"
REQUEST_CONTEXT_PROCESSOR = "django.template.context_processors.request"
DJANGO_TEMPLATES = "django.template.backends.django.DjangoTemplates"

# Settings that hold the dotted path of a function (or None).
CALLABLE_SETTINGS = frozenset({"DEMO_USER_FACTORY"})
# Settings that hold a secret (or None): long enough that nobody guesses it.
SECRET_SETTINGS = frozenset({"TEACHER_KEY"})
MIN_SECRET_LENGTH = 16
# How long the session-cache probe may take before the check gives up on the cache.
CACHE_PROBE_TIMEOUT = 2.0


def _middleware_position(wanted: str) -> int | None:
    """Index in MIDDLEWARE of ``wanted`` or a subclass of it; None when absent."""
    wanted_class = import_string(wanted)
    for index, path in enumerate(settings.MIDDLEWARE):
        try:
            candidate = import_string(path)
        except ImportError:
            continue  # Django's own checks report middleware that cannot be imported
        if isinstance(candidate, type) and issubclass(candidate, wanted_class):
            return index
    return None


@register("cookielab")
def check_sessions_app(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if apps.is_installed("django.contrib.sessions"):
        return []
    return [
        Error(
            "Cookie Lab needs django.contrib.sessions: the session lessons store their data there.",
            hint="Add 'django.contrib.sessions' to INSTALLED_APPS and run migrate.",
            id="cookielab.E001",
        )
    ]


@register("cookielab")
def check_session_middleware(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    if _middleware_position(SESSION_MIDDLEWARE) is not None:
        return []
    return [
        Error(
            "Cookie Lab needs SessionMiddleware: without it request.session does not exist.",
            hint=f"Add '{SESSION_MIDDLEWARE}' to MIDDLEWARE.",
            id="cookielab.E002",
        )
    ]


@register("cookielab", Tags.templates)
def check_request_context_processor(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    engines: list[dict[str, Any]] = [
        engine for engine in settings.TEMPLATES if engine.get("BACKEND") == DJANGO_TEMPLATES
    ]
    if any(REQUEST_CONTEXT_PROCESSOR in engine.get("OPTIONS", {}).get("context_processors", ()) for engine in engines):
        return []
    return [
        Error(
            "Cookie Lab's templates read the request (its path, its cookies) and need the 'request' "
            "context processor in a DjangoTemplates engine.",
            hint=f"Add '{REQUEST_CONTEXT_PROCESSOR}' to TEMPLATES[...]['OPTIONS']['context_processors'].",
            id="cookielab.E003",
        )
    ]


def _probe_cache(alias: str) -> str | None:
    """Write and read back a throwaway key; the reason it failed, or None when the cache works.

    The probe runs in a daemon thread so that a cache that hangs (a frozen server, a firewall
    that drops packets) costs at most CACHE_PROBE_TIMEOUT seconds, whatever its own timeouts.
    """
    outcome: list[str | None] = []

    def probe() -> None:
        key = f"cookielab:check:{uuid.uuid4().hex}"
        try:
            cache = caches[alias]
            cache.set(key, "ok", 10)
            value = cache.get(key)
            cache.delete(key)
        except Exception as error:
            outcome.append(f"{type(error).__name__}: {error}")
            return
        outcome.append(None if value == "ok" else "a value written to it could not be read back")

    worker = threading.Thread(target=probe, name="cookielab-cache-probe", daemon=True)
    worker.start()
    worker.join(CACHE_PROBE_TIMEOUT)
    if not outcome:
        return f"it did not answer within {CACHE_PROBE_TIMEOUT:g} seconds"
    return outcome[0]


def _uses_cache_sessions() -> bool:
    try:
        return uses_cache()
    except ImportError:
        return False  # Django reports a session engine that cannot be imported at the first request


@register("cookielab", Tags.caches)
def check_session_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    if not _uses_cache_sessions():
        return []
    alias = settings.SESSION_CACHE_ALIAS
    if alias not in settings.CACHES:
        return [
            Error(
                f"SESSION_ENGINE '{settings.SESSION_ENGINE}' keeps sessions in the cache '{alias}', "
                "but there is no such alias in CACHES.",
                hint="Add it to CACHES or set SESSION_CACHE_ALIAS to one that exists.",
                id="cookielab.E004",
            )
        ]
    reason = _probe_cache(alias)
    if reason is None:
        return []
    # A server that is down now is a state, not a mistake in the settings: warn, so that migrate,
    # runserver and the maintenance command still start (the resilient engine even keeps serving).
    return [
        Warning(
            f"SESSION_ENGINE '{settings.SESSION_ENGINE}' keeps sessions in the cache '{alias}', "
            f"which is not reachable now: {reason.rstrip('.')}.",
            hint="Start the cache server (e.g. Redis) or fix CACHES / SESSION_CACHE_ALIAS: until then, "
            "requests that use the session fail (cookielab.sessions.backends.cached_db falls back to the database).",
            id="cookielab.W005",
        )
    ]


PER_PROCESS_CACHES = ("django.core.cache.backends.locmem.LocMemCache",)


@register("cookielab", Tags.caches, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Data a browser comes back for must be found by whichever worker process answers it."""
    users: dict[str, list[str]] = {}
    if _uses_cache_sessions():
        users.setdefault(settings.SESSION_CACHE_ALIAS, []).append("sessions")
    users.setdefault(conf.WIRE_CACHE, []).append("the wire panel")
    users.setdefault("default", []).append("the URL-session demo and the atomic counter")
    messages: list[CheckMessage] = []
    for alias, what in users.items():
        backend = settings.CACHES.get(alias, {}).get("BACKEND", "")
        if backend in PER_PROCESS_CACHES:
            messages.append(
                Warning(
                    f"The cache '{alias}' ({backend}) lives inside each process, and {', '.join(what)} use it: "
                    "with several worker processes a browser's data is found only by the worker that wrote it.",
                    hint="Use a cache the workers share: Redis, the database cache or the file cache "
                    "(one worker process, as with runserver, is fine: silence cookielab.W006).",
                    id="cookielab.W006",
                )
            )
    return messages


def _callable_problem(value: Any) -> str | None:
    """None when ``value`` is None or the dotted path of a callable; else what it must be."""
    if value is None:
        return None
    expected = "None or the dotted path of a function"
    if not isinstance(value, str):
        return expected
    try:
        imported = import_string(value)
    except ImportError as error:
        return f"{expected} ({error})"
    return None if callable(imported) else f"{expected} ({value} is not callable)"


def _setting_problem(name: str, value: Any) -> str | None:
    default = DEFAULTS[name]
    if name in CALLABLE_SETTINGS:
        return _callable_problem(value)
    if name in SECRET_SETTINGS:
        if value is None or (isinstance(value, str) and len(value) >= MIN_SECRET_LENGTH):
            return None
        return f"None or a secret of at least {MIN_SECRET_LENGTH} characters (e.g. secrets.token_urlsafe())"
    if name in SWITCHES:
        return None if value is None or isinstance(value, bool) else "True, False or None (follow DEBUG)"
    if isinstance(default, bool) or default is None:
        return None if isinstance(value, bool) else "True or False"
    if isinstance(default, int):
        return None if isinstance(value, int) and not isinstance(value, bool) and value > 0 else "a positive integer"
    if isinstance(default, str):
        return None if isinstance(value, str) and value else "a non-empty string"
    return None


@register("cookielab")
def check_cookielab_settings(app_configs: Any = None, **kwargs: Any) -> list[Error | Warning]:
    messages: list[Error | Warning] = []
    for setting in sorted(set(dir(settings))):  # override_settings can list a name twice
        if not setting.startswith("COOKIELAB_"):
            continue
        name = setting.removeprefix("COOKIELAB_")
        if name not in DEFAULTS:
            messages.append(
                Warning(
                    f"{setting} is not a Cookie Lab setting, so it has no effect.",
                    hint="Check the spelling against the settings reference (docs/install.md).",
                    id="cookielab.W003",
                )
            )
            continue
        value = getattr(settings, setting)
        expected = _setting_problem(name, value)
        if expected is not None:
            messages.append(
                Error(
                    f"{setting} is {value!r}; it must be {expected}.",
                    hint=f"Remove it to use the default ({DEFAULTS[name]!r}).",
                    id="cookielab.E005",
                )
            )
    wire_cache = getattr(settings, "COOKIELAB_WIRE_CACHE", DEFAULTS["WIRE_CACHE"])
    if isinstance(wire_cache, str) and wire_cache and wire_cache not in settings.CACHES:
        messages.append(
            Error(
                f"COOKIELAB_WIRE_CACHE is {wire_cache!r}, which is not an alias in CACHES.",
                hint="Name one of the caches in CACHES, or remove the setting to use 'default'.",
                id="cookielab.E006",
            )
        )
    return messages


@register("cookielab")
def check_session_serializer(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    try:
        serializer = import_string(settings.SESSION_SERIALIZER)
    except ImportError:
        serializer = None
    if isinstance(serializer, type) and issubclass(serializer, JSONSerializer):
        return []
    return [
        Warning(
            f"SESSION_SERIALIZER is '{settings.SESSION_SERIALIZER}', not JSON. The lessons show and "
            "edit session data as JSON, and a non-JSON serializer (pickle) turns a leaked SECRET_KEY "
            "into remote code execution.",
            hint="Use 'django.contrib.sessions.serializers.JSONSerializer' (Django's default).",
            id="cookielab.W001",
        )
    ]


@register("cookielab")
def check_wire_tap_order(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    tap = _middleware_position(WIRE_TAP_MIDDLEWARE)
    session = _middleware_position(SESSION_MIDDLEWARE)
    if tap is None or session is None or tap < session:
        return []
    return [
        Warning(
            "WireTapMiddleware is below SessionMiddleware, so the wire panel records the response "
            "before the session cookie is added and never shows it.",
            hint=f"Move '{WIRE_TAP_MIDDLEWARE}' above '{SESSION_MIDDLEWARE}' in MIDDLEWARE.",
            id="cookielab.W002",
        )
    ]


@register("cookielab", Tags.caches)
def check_wire_cache_keeps_data(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if _middleware_position(WIRE_TAP_MIDDLEWARE) is None:
        return []
    alias = getattr(settings, "COOKIELAB_WIRE_CACHE", DEFAULTS["WIRE_CACHE"])
    caches_setting: dict[str, dict[str, Any]] = settings.CACHES
    backend: str = caches_setting.get(alias, {}).get("BACKEND", "") if isinstance(alias, str) else ""
    try:
        backend_class = import_string(backend)
    except ImportError:
        return []  # E006 or Django's own cache checks report it
    if not (isinstance(backend_class, type) and issubclass(backend_class, DummyCache)):
        return []
    return [
        Warning(
            f"The wire panel keeps each browser's exchanges in the cache {alias!r}, which is a DummyCache: "
            "it keeps nothing, so the panel always stays empty.",
            hint="Point COOKIELAB_WIRE_CACHE at a cache that stores data (local memory, Redis...), "
            "or remove WireTapMiddleware.",
            id="cookielab.W004",
        )
    ]


@register("cookielab")
def check_classroom(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    if getattr(settings, "COOKIELAB_CLASSROOM", DEFAULTS["CLASSROOM"]) is not True:
        return []
    messages = []
    if _middleware_position(CLASSROOM_MIDDLEWARE) is None:
        messages.append(
            Warning(
                "COOKIELAB_CLASSROOM is on but ClassroomMiddleware is not installed: students are counted only "
                "from their first quiz answer, and the dashboard never learns when they were last here.",
                hint=f"Add '{CLASSROOM_MIDDLEWARE}' to MIDDLEWARE (below WireTapMiddleware).",
                id="cookielab.W007",
            )
        )
    if not getattr(settings, "COOKIELAB_TEACHER_KEY", None):
        messages.append(
            Warning(
                "COOKIELAB_CLASSROOM is on but COOKIELAB_TEACHER_KEY is not set: students are recorded, and "
                "nobody can open the teacher's dashboard.",
                hint="Set COOKIELAB_TEACHER_KEY to a new secret for each class (secrets.token_urlsafe()).",
                id="cookielab.W008",
            )
        )
    return messages
