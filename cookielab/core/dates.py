"""Dates as people read them: "in 13 days (15 Dec 2026, 14:02 UTC)", with the exact instant kept for machines.

Used by the ``when`` template filter (``{% load cookielab_time %}``) wherever a page shows an expiry: the wire
panel's ``Expires`` attributes, the session inspector, the lessons that show a stored ``expire_date``.
"""

from __future__ import annotations

from datetime import datetime
from datetime import timezone
from email.utils import parsedate_to_datetime

from django.utils import timezone as django_timezone

_UNITS = (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1))


def parse_when(value: object) -> datetime | None:
    """An aware datetime from a datetime, an ISO 8601 string, a cookie ``Expires`` date or epoch seconds."""
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        try:
            moment = datetime.fromtimestamp(value, timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
    elif isinstance(value, str) and value.strip():
        moment_or_none = _parse_text(value.strip())
        if moment_or_none is None:
            return None
        moment = moment_or_none
    else:
        return None
    if django_timezone.is_naive(moment):
        moment = moment.replace(tzinfo=timezone.utc)
    return moment


def _parse_text(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    # "Tue, 30 Nov 2027 16:02:07 GMT", and the older "Tue, 30-Nov-2027 16:02:07 GMT" that browsers accept too.
    for candidate in (text, text.replace("-", " ")):
        try:
            return parsedate_to_datetime(candidate)
        except (TypeError, ValueError, IndexError):
            continue
    return None


def relative(moment: datetime, now: datetime | None = None) -> str:
    """ "in 13 days", "5 minutes ago", "now": the largest unit that counts at least two (or one day), rounded."""
    now = now or django_timezone.now()
    seconds = (moment - now).total_seconds()
    size = abs(seconds)
    if size < 1:
        return "now"
    for unit, length in _UNITS:
        if size >= 2 * length or (unit == "day" and size >= length) or unit == "second":
            count = round(size / length)  # 899.7 s after a Max-Age=900 is "in 15 minutes"
            words = f"{count} {unit}{'' if count == 1 else 's'}"
            return f"in {words}" if seconds > 0 else f"{words} ago"
    raise AssertionError("unreachable")  # pragma: no cover


def absolute(moment: datetime, now: datetime | None = None) -> str:
    """ "15 Dec 2026, 14:02 UTC"; with seconds when it is less than an hour away (a countdown's precision)."""
    now = now or django_timezone.now()
    utc = moment.astimezone(timezone.utc)
    precise = abs((moment - now).total_seconds()) < 3_600
    clock = utc.strftime("%H:%M:%S" if precise else "%H:%M")
    return f"{utc.day} {utc.strftime('%b %Y')}, {clock} UTC"


def exact(moment: datetime) -> str:
    """The instant in ISO 8601, in UTC: what the ``datetime`` attribute and the tooltip carry."""
    return moment.astimezone(timezone.utc).isoformat()
