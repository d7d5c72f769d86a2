"""Host-project stand-ins that the system-check tests point settings at."""

from __future__ import annotations

import pickle

from django.contrib.sessions.middleware import SessionMiddleware


class HostSessionMiddleware(SessionMiddleware):
    """A host's own SessionMiddleware subclass: it still provides request.session."""


class PickleSerializer:
    """The unsafe serializer some old projects still configure (Django removed its own in 5.0)."""

    def dumps(self, obj: object) -> bytes:
        return pickle.dumps(obj)

    def loads(self, data: bytes) -> object:
        return pickle.loads(data)
