"""An engine built on none of Django's: it keeps sessions in this process's memory, out of Cookie Lab's sight."""

from __future__ import annotations

from typing import Any

from django.contrib.sessions.backends.base import CreateError
from django.contrib.sessions.backends.base import SessionBase

STORED: dict[str, dict[str, Any]] = {}


class SessionStore(SessionBase):
    def load(self) -> dict[str, Any]:
        if self.session_key in STORED:
            return dict(STORED[self.session_key])
        self._session_key = None
        return {}

    def exists(self, session_key: str | None) -> bool:
        return session_key in STORED

    def create(self) -> None:
        while True:
            self._session_key = self._get_new_session_key()
            try:
                self.save(must_create=True)
            except CreateError:
                continue
            self.modified = True
            return

    def save(self, must_create: bool = False) -> None:
        if self.session_key is None:
            return self.create()
        if must_create and self.session_key in STORED:
            raise CreateError
        STORED[self.session_key] = dict(self._get_session(no_load=must_create))

    def delete(self, session_key: str | None = None) -> None:
        STORED.pop(session_key or self.session_key or "", None)
