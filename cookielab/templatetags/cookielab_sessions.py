from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def session_cache_unavailable(context: dict[str, Any]) -> bool:
    """Whether the session engine fell back to the database because its cache did not answer.

    Read as an attribute, never as ``request.session.cache_unavailable`` in a template: that would
    first look the name up *in the session data*, loading it and letting a session key fake the flag.
    """
    request = context.get("request")
    session = getattr(request, "session", None)
    return bool(getattr(session, "cache_unavailable", False))
