"""Does this server's Python let a line break through a cookie's Path? Checked live on every visit, never assumed.

CPython releases without the fixes for gh-143919 and gh-145599 (CVE-2026-3644) write a CR/LF inside a Morsel
attribute straight into the Set-Cookie line, so ``set_cookie(..., path="/\\r\\nX-Injected: 1")`` adds a header of
the caller's choice to the response. Releases with the fixes raise ``http.cookies.CookieError`` instead.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from http.cookies import CookieError

from django.http import HttpResponse

PROBE_NAME = "probe"
PROBE_PATH = "/\r\nX-Injected: 1"


@dataclass(frozen=True)
class InjectionCheck:
    python_version: str
    refused: bool
    error: str  # the CookieError's message when refused
    header_lines: tuple[str, ...]  # the lines Python produced for the cookie when let through

    @property
    def outcome(self) -> str:
        return "refused" if self.refused else "let-through"

    @property
    def injected(self) -> bool:
        return any(line.startswith("X-Injected:") for line in self.header_lines)


def check_crlf_in_path() -> InjectionCheck:
    """Ask Django's own ``set_cookie`` for a cookie whose Path holds CR/LF, and see what this Python makes of it."""
    version = platform.python_version()
    response = HttpResponse()
    try:
        response.set_cookie(PROBE_NAME, "1", path=PROBE_PATH)
        # What a WSGI server is handed for each cookie (Django's handlers call output(header="") the same way).
        output = response.cookies.output()
    except CookieError as error:
        return InjectionCheck(version, True, str(error), ())
    return InjectionCheck(version, False, "", tuple(output.split("\r\n")))
