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
    # How many exchanges the wire panel keeps per browser, and for how long (seconds).
    "WIRE_HISTORY": 6,
    "WIRE_TTL": 3600,
}


class CookieLabSettings:
    def __getattr__(self, name: str) -> Any:
        if name not in DEFAULTS:
            raise AttributeError(f"Cookie Lab has no setting {name!r}")
        return getattr(settings, f"COOKIELAB_{name}", DEFAULTS[name])


conf = CookieLabSettings()
