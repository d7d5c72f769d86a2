"""express-session's options and the Django settings that play their part, with live values."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from cookielab.core.session_stores import friendly_name


@dataclass(frozen=True)
class OptionRow:
    express: str
    express_default: str
    django: str
    current: str
    note: str


def _yes_no(value: object) -> str:
    return "True" if value else "False"


def option_rows() -> list[OptionRow]:
    """One row per express-session option, with this site's current Django value (never a secret)."""
    fallbacks = len(getattr(settings, "SECRET_KEY_FALLBACKS", ()))
    age = settings.SESSION_COOKIE_AGE
    return [
        OptionRow(
            "secret",
            "required",
            "SECRET_KEY (+ SECRET_KEY_FALLBACKS)",
            f"{'set' if settings.SECRET_KEY else 'MISSING'}, {fallbacks} fallback key(s); the value is never shown",
            "express-session signs the session-id cookie with it. Django's session ids are random and "
            "unsigned; only the signed_cookies engine signs the cookie, with SECRET_KEY.",
        ),
        OptionRow(
            "resave / rolling",
            "resave: true (deprecated default), rolling: false",
            "SESSION_SAVE_EVERY_REQUEST",
            _yes_no(settings.SESSION_SAVE_EVERY_REQUEST),
            "Off: a request that only reads the session saves nothing, so its expiry does not move.",
        ),
        OptionRow(
            "saveUninitialized",
            "true (deprecated default)",
            "none: Django always behaves like false",
            "an empty session is never saved",
            "A visitor who stores nothing gets no session row and no cookie.",
        ),
        OptionRow(
            "name",
            "connect.sid",
            "SESSION_COOKIE_NAME",
            settings.SESSION_COOKIE_NAME,
            "",
        ),
        OptionRow(
            "cookie.maxAge",
            "none (browser-session cookie)",
            "SESSION_COOKIE_AGE",
            f"{age} s (= maxAge {age * 1000} ms)",
            "Express counts milliseconds, Django seconds: maxAge 900000 is SESSION_COOKIE_AGE = 900.",
        ),
        OptionRow(
            "cookie.expires / no maxAge",
            "no maxAge: the cookie ends with the browser",
            "SESSION_EXPIRE_AT_BROWSER_CLOSE",
            _yes_no(settings.SESSION_EXPIRE_AT_BROWSER_CLOSE),
            "",
        ),
        OptionRow("cookie.secure", "false", "SESSION_COOKIE_SECURE", _yes_no(settings.SESSION_COOKIE_SECURE), ""),
        OptionRow("cookie.httpOnly", "true", "SESSION_COOKIE_HTTPONLY", _yes_no(settings.SESSION_COOKIE_HTTPONLY), ""),
        OptionRow(
            "cookie.sameSite",
            "not set",
            "SESSION_COOKIE_SAMESITE",
            str(settings.SESSION_COOKIE_SAMESITE or "not set"),
            "",
        ),
        OptionRow("cookie.path", "/", "SESSION_COOKIE_PATH", settings.SESSION_COOKIE_PATH, ""),
        OptionRow(
            "cookie.domain",
            "none (host-only)",
            "SESSION_COOKIE_DOMAIN",
            settings.SESSION_COOKIE_DOMAIN or "None (host-only)",
            "",
        ),
        OptionRow(
            "store",
            "MemoryStore (not for production)",
            "SESSION_ENGINE",
            friendly_name(settings.SESSION_ENGINE),
            "",
        ),
        OptionRow(
            "proxy",
            "undefined (trust proxy setting)",
            "SECURE_PROXY_SSL_HEADER",
            str(getattr(settings, "SECURE_PROXY_SSL_HEADER", None)),
            "Tells Django which proxy header marks a request as HTTPS (request.is_secure()). Django sends a Secure "
            "session cookie either way; express-session needs proxy to send one behind a TLS proxy.",
        ),
    ]
