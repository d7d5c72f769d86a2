"""``{{ value|when }}``: a date as people read it, inside a ``<time>`` that keeps the exact instant.

``<time datetime="2026-12-15T14:02:00+00:00" title="2026-12-15T14:02:00+00:00">``
``in 13 days (15 Dec 2026, 14:02 UTC)</time>``

The value may be a datetime, an ISO 8601 string, a cookie ``Expires`` date or epoch seconds; anything else is
shown as it is. ``{{ value|when:"id" }}`` gives the ``<time>`` that id.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from cookielab.core import dates

register = template.Library()


@register.filter
def when(value: object, element_id: str = "") -> SafeString | object:
    moment = dates.parse_when(value)
    if moment is None:
        return value
    exact = dates.exact(moment)
    id_attribute = format_html(' id="{}"', element_id) if element_id else ""
    return format_html(
        '<time{} datetime="{}" title="{}">{} ({})</time>',
        id_attribute,
        exact,
        exact,
        dates.relative(moment),
        dates.absolute(moment),
    )
