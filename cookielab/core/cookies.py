"""Cookie validation Django does not do for you.

``HttpResponse.set_cookie`` trusts its arguments: a bad name raises ``CookieError`` (a 500), CR/LF
in ``path``, ``domain`` or a string ``expires`` injects response headers on a CPython without the fixes for
gh-143919 / gh-145599 (3.11.7, for one; fixed releases raise ``CookieError``), a value above U+00FF
crashes the server while encoding, ``max_age="10"`` is a ``TypeError``. Every function here checks
one argument the way a browser and the cookie standard (RFC 6265bis) see it, and raises a
``ValidationError`` whose message a student can act on.
"""

from __future__ import annotations

import base64
import math
import re
from datetime import datetime
from datetime import timedelta
from datetime import timezone as dt_timezone
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http.request import split_domain_port
from django.utils.dateparse import parse_datetime

from cookielab.conf import conf

MAX_COOKIE_BYTES = 4096  # name + value; a browser silently ignores a bigger cookie
MAX_ATTRIBUTE_BYTES = 1024  # a longer attribute value is ignored on its own
MAX_AGE_LIMIT = 400 * 24 * 60 * 60  # 34,560,000 s: browsers clamp any longer lifetime to 400 days
SAMESITE_CHOICES = ("Lax", "Strict", "None")
# The signed cookie in which the setting-cookies workbench lists the cookies it set: one of the site's own.
WORKBENCH_COOKIE_NAME = "cookielab_workbench"

# An RFC 9110 token: what a cookie name (or a header name) may be.
HTTP_TOKEN = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
# cookie-octet = %x21 / %x23-2B / %x2D-3A / %x3C-5B / %x5D-7E
_COOKIE_OCTETS = re.compile(r"[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*")
# Legal for the standard, but Python's http.cookies (behind Django) wraps a value holding one in quotes.
_QUOTED_BY_PYTHON = set("()/<=>?@[]{}")
_PATH = re.compile(r"/[\x21-\x3A\x3C-\x7E]*")
# Words http.cookies reserves for attributes: a cookie with one of these names raises CookieError.
_ATTRIBUTE_WORDS = frozenset(
    {"expires", "path", "comment", "domain", "max-age", "secure", "httponly", "version", "samesite", "partitioned"}
)


def _describe(char: str) -> str:
    names = {" ": "a space", "\r": "a carriage return (CR)", "\n": "a line feed (LF)", "\t": "a tab"}
    if char in names:
        return names[char]
    if ord(char) < 0x20 or ord(char) == 0x7F:
        return f"the control character U+{ord(char):04X}"
    if ord(char) > 0x7E:
        return f"“{char}” (U+{ord(char):04X}, not ASCII)"
    return f"“{char}”"


def site_cookie_names() -> frozenset[str]:
    """Cookies this site relies on; setting one of them from the workbench would break the site."""
    return frozenset(
        {
            settings.SESSION_COOKIE_NAME,
            settings.CSRF_COOKIE_NAME,
            settings.LANGUAGE_COOKIE_NAME,
            "messages",
            conf.WIRE_COOKIE_NAME,
            conf.PROGRESS_COOKIE_NAME,
            WORKBENCH_COOKIE_NAME,
        }
    )


def validate_cookie_name(name: str) -> str:
    if name == "":
        raise ValidationError("Give the cookie a name: a cookie without one cannot be read back.", code="empty")
    bad = next((char for char in name if not HTTP_TOKEN.fullmatch(char)), None)
    if bad is not None:
        raise ValidationError(
            f"A cookie name cannot contain {_describe(bad)}. Use letters, digits and ! # $ % & ' * + - . ^ _ ` | ~ "
            "only (an HTTP “token”).",
            code="name_chars",
        )
    if name.startswith("$"):
        raise ValidationError(
            f"“{name}” starts with $: older cookie parsers (RFC 2109, Python's http.cookies among them) read such "
            "a name as an attribute of the cookie before it, not as a cookie. Start the name with a letter.",
            code="dollar_name",
        )
    if name.lower() in _ATTRIBUTE_WORDS:
        raise ValidationError(
            f"“{name}” is the name of a cookie attribute; Python's cookie module (and so Django) refuses it as a "
            "cookie name. Pick another.",
            code="attribute_word",
        )
    if name in site_cookie_names():
        raise ValidationError(
            f"“{name}” is a cookie this site itself relies on; overwriting it would log you out or break the forms. "
            "Pick another name.",
            code="site_cookie",
        )
    return name


def validate_cookie_octets(value: str) -> str:
    """A value the cookie standard allows: no space, ``;`` ``,`` ``"`` ``\\``, control character or non-ASCII."""
    if not _COOKIE_OCTETS.fullmatch(value):
        bad = next(char for char in value if not _COOKIE_OCTETS.fullmatch(char))
        raise ValidationError(
            f"A cookie value cannot contain {_describe(bad)}. Choose Base64 or percent-encoding to send this text.",
            code="value_chars",
        )
    return value


def validate_cookie_value(value: str) -> str:
    """A value the browser keeps and Django sends exactly as typed (no quotes added)."""
    validate_cookie_octets(value)
    quoted = next((char for char in value if char in _QUOTED_BY_PYTHON), None)
    if quoted is not None:
        raise ValidationError(
            f"The standard allows {_describe(quoted)} in a value, but Django would then wrap the whole value in "
            "double quotes and the browser would keep the quotes. Choose Base64 or percent-encoding.",
            code="value_quoted",
        )
    return value


def encode_cookie_value(text: str, scheme: str) -> str:
    """Text of any kind as cookie-safe ASCII: URL-safe Base64 (no padding) or percent-encoding."""
    if scheme == "base64":
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
    if scheme == "percent":
        return quote(text, safe="")
    if scheme == "none":
        return text
    raise ValidationError(f"Unknown encoding {scheme!r}: choose none, base64 or percent.", code="encoding")


def validate_cookie_size(name: str, value: str) -> None:
    size = len(name.encode()) + len(value.encode())
    if size > MAX_COOKIE_BYTES:
        raise ValidationError(
            f"Name and value together are {size:,} bytes; browsers silently ignore a cookie over "
            f"{MAX_COOKIE_BYTES:,} bytes. Shorten the value.",
            code="too_big",
        )


def validate_cookie_path(path: str) -> str:
    if not path.startswith("/"):
        raise ValidationError("A Path must start with “/”, like /lessons/.", code="path_start")
    if not _PATH.fullmatch(path):
        bad = next(char for char in path if not _PATH.fullmatch("/" + char))
        raise ValidationError(
            f"A Path cannot contain {_describe(bad)}: it would end the attribute (or the header) early.",
            code="path_chars",
        )
    if len(path.encode()) > MAX_ATTRIBUTE_BYTES:
        raise ValidationError(
            f"A Path over {MAX_ATTRIBUTE_BYTES:,} bytes is ignored by browsers. Shorten it.", code="path_long"
        )
    return path


def request_host(request: HttpRequest) -> str:
    """The host the browser asked for, without the port (cookies ignore ports)."""
    host, _port = split_domain_port(request.get_host())
    return host


def validate_cookie_domain(value: str, host: str) -> str:
    """Empty (a host-only cookie) or this very host; anything else the browser would refuse."""
    if value == "":
        return ""
    bad = next((char for char in value if not re.fullmatch(r"[A-Za-z0-9.\-\[\]:]", char)), None)
    if bad is not None:
        raise ValidationError(f"A Domain cannot contain {_describe(bad)}.", code="domain_chars")
    if value.lower().lstrip(".") != host.lower():
        raise ValidationError(
            f"Your browser only accepts a Domain that covers the site that sets it: here that is “{host}”. "
            "Leave it empty for a host-only cookie.",
            code="domain_foreign",
        )
    return value


def validate_max_age(value: object) -> int:
    """Seconds as an ``int`` (text like "900" is converted); Django's set_cookie needs a real int."""
    if isinstance(value, str):
        text = value.strip()
        if not re.fullmatch(r"[+-]?[0-9]{1,12}", text):
            raise ValidationError(
                f"Max-Age is a whole number of seconds, like 900; “{value[:40]}” is not one.", code="max_age_number"
            )
        value = int(text)
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value) or not value.is_integer():
            raise ValidationError("Max-Age is a whole number of seconds, like 900.", code="max_age_number")
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError("Max-Age is a whole number of seconds, like 900.", code="max_age_number")
    if value < 0:
        raise ValidationError(
            "Max-Age cannot be negative here. Use 0 to expire a cookie at once.", code="max_age_negative"
        )
    if value > MAX_AGE_LIMIT:
        raise ValidationError(
            f"Max-Age can be at most {MAX_AGE_LIMIT:,} seconds (400 days): browsers cut anything longer to that.",
            code="max_age_long",
        )
    return value


def validate_expires(value: datetime | str, now: datetime | None = None) -> datetime:
    """A date and time (an ISO string is parsed), at most 400 days ahead; the past expires the cookie."""
    if isinstance(value, str):
        parsed = parse_datetime(value.strip()) if re.fullmatch(r"[0-9T:.+\- Z]{10,40}", value.strip()) else None
        if parsed is None:
            raise ValidationError("Expires must be a date and time, like 2030-01-31T12:00.", code="expires_format")
        value = parsed
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt_timezone.utc)
    now = now or datetime.now(dt_timezone.utc)
    if value - now > timedelta(seconds=MAX_AGE_LIMIT):
        raise ValidationError(
            "Expires can be at most 400 days ahead: browsers cut anything later to that.", code="expires_far"
        )
    return value


def validate_samesite(value: str, secure: bool) -> str:
    """ "" (unset), Lax, Strict or None; None only together with Secure."""
    if value == "":
        return ""
    match = next((choice for choice in SAMESITE_CHOICES if choice.lower() == value.lower()), None)
    if match is None:
        raise ValidationError("SameSite is Lax, Strict or None, or left unset.", code="samesite_choice")
    if match == "None" and not secure:
        raise ValidationError(
            "SameSite=None needs Secure too: browsers reject a SameSite=None cookie without it.",
            code="samesite_none_insecure",
        )
    return match


def validate_prefix_rules(name: str, *, secure: bool, path: str, domain: str) -> None:
    lowered = name.lower()
    if lowered.startswith("__host-"):
        problems = []
        if not secure:
            problems.append("tick Secure")
        if path != "/":
            problems.append("use Path=/")
        if domain:
            problems.append("leave Domain empty")
        if problems:
            raise ValidationError(
                "A __Host- cookie must be Secure, have Path=/ and no Domain, or browsers drop it: "
                f"{', '.join(problems)}.",
                code="host_prefix",
            )
    elif lowered.startswith("__secure-") and not secure:
        raise ValidationError(
            "A __Secure- cookie must be Secure, or browsers drop it: tick Secure.", code="secure_prefix"
        )


def path_matches(cookie_path: str, request_path: str) -> bool:
    """RFC 6265 path-match: /docs matches /docs and /docs/Web, not /docsets."""
    if request_path == cookie_path:
        return True
    if request_path.startswith(cookie_path):
        return cookie_path.endswith("/") or request_path[len(cookie_path)] == "/"
    return False
