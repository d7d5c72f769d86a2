"""A contained URL-rewriting demo: a session id carried in the query string, as a site without cookies would.

It has a tiny store of its own (the cache, under its own prefix, for ten minutes) and never
touches Django's session: an id in a URL is never accepted for the real session.
"""

from __future__ import annotations

import re
import secrets
from urllib.parse import parse_qs
from urllib.parse import urlsplit

from django import forms
from django.core.cache import caches

URL_SESSION_CACHE = "default"
URL_SESSION_TTL = 600
SID_PARAMETER = "sid"
MAX_NICKNAME_LENGTH = 30
_KEY_PREFIX = "cookielab:url-session:"
_SID_SHAPE = re.compile(r"[A-Za-z0-9_-]{32}")


class NicknameForm(forms.Form):
    nickname = forms.CharField(
        max_length=MAX_NICKNAME_LENGTH,
        error_messages={
            "required": "Type a nickname first.",
            "max_length": f"Keep it to {MAX_NICKNAME_LENGTH} characters or fewer.",
        },
    )

    def clean_nickname(self) -> str:
        nickname = " ".join(self.cleaned_data["nickname"].split())
        if not nickname or not nickname.isprintable():
            raise forms.ValidationError("Use letters, digits and spaces: no control characters.")
        return nickname


def start(nickname: str) -> str:
    """Open a URL session and return its id (only ever put in a URL, never in a cookie)."""
    sid = secrets.token_urlsafe(24)
    caches[URL_SESSION_CACHE].set(_KEY_PREFIX + sid, {"nickname": nickname}, URL_SESSION_TTL)
    return sid


def load(sid: str | None) -> dict[str, str] | None:
    """The data of a URL session this demo issued; None for a forged, mangled or expired id."""
    if not sid or not _SID_SHAPE.fullmatch(sid):
        return None
    data = caches[URL_SESSION_CACHE].get(_KEY_PREFIX + sid)
    return data if isinstance(data, dict) else None


def sid_in(url: str, sid: str) -> bool:
    """Whether ``url`` (a Referer, say) carries ``sid`` in its query string."""
    return sid in parse_qs(urlsplit(url).query).get(SID_PARAMETER, [])
