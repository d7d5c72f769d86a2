"""Cookie Lab's settings: ``COOKIELAB_<NAME>`` in the host's settings, read at access time.

from cookielab.conf import conf
conf.WIRE_HISTORY
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # The cache alias that keeps each browser's recent exchanges for the wire panel.
    "WIRE_CACHE": "default",
    # The cookie that lets the wire panel recognise a browser between requests.
    "WIRE_COOKIE_NAME": "cookielab_wire",
    # The signed cookie that keeps a student's progress (lessons done, quiz answers, demo counts) outside
    # the session, so that the demos which end the session do not erase it.
    "PROGRESS_COOKIE_NAME": "cookielab_progress",
    # How many exchanges the wire panel keeps per browser, and for how long (seconds).
    "WIRE_HISTORY": 6,
    "WIRE_TTL": 3600,
    # Demos that change the host's own sessions or data. None means "on when DEBUG is on".
    "DEMO_LOGIN": None,
    "URL_SESSIONS_DEMO": None,
    "SESSION_CLEANUP_DEMO": None,
    # Dotted path of a function(username) -> saved user, for user models that need more than a username.
    "DEMO_USER_FACTORY": None,
    # Show session keys in full in the inspector (masked otherwise). None: when DEBUG is on.
    "REVEAL_SESSION_KEYS": None,
    # The absolute session lifetime (seconds) the session-timeout lesson enforces, however active the session.
    "SESSION_ABSOLUTE_TIMEOUT": 8 * 60 * 60,
    # The cookie workbench refuses more cookies than this per browser, or a bigger Cookie header.
    "WORKBENCH_MAX_COOKIES": 20,
    "WORKBENCH_MAX_COOKIE_HEADER_BYTES": 6144,
    # A bigger Cookie header is refused (431) by CookieHeaderLimitMiddleware before any page parses it.
    "MAX_COOKIE_HEADER_BYTES": 32 * 1024,
    # Classroom mode (cookielab.classroom): record each anonymous student's activity and answers server-side,
    # for the teacher's dashboard. Off by default: then nothing is recorded and the dashboard does not exist.
    "CLASSROOM": False,
    # The secret of the teacher link (/classroom/teacher/?key=…), made for each run; None: no dashboard at all.
    "TEACHER_KEY": None,
    # The cookie that tells one anonymous student from another in classroom mode (a random id, not the session).
    "STUDENT_COOKIE_NAME": "cookielab_student",
    # The signed cookie that keeps the teacher on the dashboard once the link's key was checked.
    "TEACHER_COOKIE_NAME": "cookielab_teacher",
    # At most this many students are recorded per class; later ones are not counted (bounded storage).
    "CLASSROOM_MAX_STUDENTS": 500,
    # A student seen within this many seconds counts as present on the dashboard.
    "CLASSROOM_ACTIVE_SECONDS": 300,
}

SWITCHES = ("DEMO_LOGIN", "URL_SESSIONS_DEMO", "SESSION_CLEANUP_DEMO", "REVEAL_SESSION_KEYS")


class CookieLabSettings:
    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"Cookie Lab has no setting {name!r}")
        return getattr(settings, f"COOKIELAB_{name}", DEFAULTS[name])

    def enabled(self, switch: str) -> bool:
        """Whether an on/off demo is on; an unset (None) switch follows DEBUG."""
        if switch not in SWITCHES:
            raise AttributeError(f"Cookie Lab has no switch {switch!r}")
        value = getattr(self, switch)
        return settings.DEBUG if value is None else bool(value)


conf = CookieLabSettings()
