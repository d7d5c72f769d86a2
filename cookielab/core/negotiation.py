"""Content negotiation worked out once per distinct Accept header.

``request.get_preferred_type()`` parses and sorts the Accept header on every request, although
browsers and ``fetch()`` send a handful of distinct values, and the answer depends on nothing
else. So the answer is kept for the most recent distinct headers.
"""

from __future__ import annotations

from functools import lru_cache

from django.http import HttpRequest

# Browsers send long Accept headers, but not this long: a longer one is worked out each time, so
# whatever clients send, the cache holds at most CACHED_HEADERS × LONGEST_CACHED characters.
CACHED_HEADERS = 256
LONGEST_CACHED = 1024


def preferred_type(request: HttpRequest, media_types: tuple[str, ...]) -> str | None:
    """What ``request.get_preferred_type(media_types)`` answers."""
    accept = request.META.get("HTTP_ACCEPT", "*/*")  # what request.headers["Accept"] reads
    if len(accept) > LONGEST_CACHED:
        return request.get_preferred_type(media_types)
    return _preferred_type(accept, media_types)


@lru_cache(maxsize=CACHED_HEADERS)
def _preferred_type(accept: str, media_types: tuple[str, ...]) -> str | None:
    request = HttpRequest()
    request.META["HTTP_ACCEPT"] = accept
    return request.get_preferred_type(media_types)
