"""The sequence diagram of how-cookies-are-sent: the recorded exchanges laid out as SVG coordinates."""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from cookielab.core.cookie_header import cookie_pairs
from cookielab.core.cookie_header import shorten


@dataclass(frozen=True)
class DiagramLine:
    text: str
    y: int
    highlight: bool = False
    indent: int = 0


@dataclass(frozen=True)
class DiagramMessage:
    from_browser: bool
    arrow_y: int
    label: DiagramLine
    lines: tuple[DiagramLine, ...]


@dataclass(frozen=True)
class SequenceDiagram:
    messages: tuple[DiagramMessage, ...]
    height: int
    width: int = 780
    browser_x: int = 40
    server_x: int = 740
    text_x: int = 56


_LINE = 17
_INDENT = 16
_MAX_PAIRS = 8
# (text, highlighted, indented)
_Line = tuple[str, bool, bool]


def _request_lines(cookie_header: str, highlighted: str) -> list[_Line]:
    pairs = cookie_pairs(cookie_header)
    if not pairs:
        return [("(no Cookie header)", False, False)]
    lines: list[_Line] = [("Cookie:", False, False)]
    for name, value in pairs[:_MAX_PAIRS]:
        lines.append((f"{shorten(name, 30)}={shorten(value, 24)}", name == highlighted, True))
    if len(pairs) > _MAX_PAIRS:
        lines.append((f"… and {len(pairs) - _MAX_PAIRS} more", False, True))
    return lines


def _response_lines(set_cookies: list[str], highlighted: str) -> list[_Line]:
    if not set_cookies:
        return [("(no Set-Cookie)", False, False)]
    return [
        (f"Set-Cookie: {shorten(header, 76)}", header.startswith(f"{highlighted}="), False) for header in set_cookies
    ]


def _status_text(status: int) -> str:
    try:
        return f"{status} {HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def sequence_diagram(
    exchanges: list[dict[str, Any]], method: str, path: str, cookie_header: str, *, highlighted: str
) -> SequenceDiagram:
    """Lay out ``exchanges`` (oldest first) and the request being answered as a sequence diagram.

    Header lines about the cookie named ``highlighted`` stand out.
    """
    steps: list[tuple[bool, str, list[_Line]]] = []
    for exchange in exchanges:
        request_line = f"{exchange['method']} {shorten(exchange['path'], 56)}"
        steps.append((True, request_line, _request_lines(exchange["cookie"], highlighted)))
        steps.append((False, _status_text(exchange["status"]), _response_lines(exchange["set_cookie"], highlighted)))
    steps.append((True, f"{method} {shorten(path, 56)}  (this page)", _request_lines(cookie_header, highlighted)))
    messages: list[DiagramMessage] = []
    y = 48
    for from_browser, label, lines in steps:
        arrow_y = y + 20
        body = tuple(
            DiagramLine(text, arrow_y + _LINE * (index + 1), highlight, _INDENT if indented else 0)
            for index, (text, highlight, indented) in enumerate(lines)
        )
        messages.append(DiagramMessage(from_browser, arrow_y, DiagramLine(label, y + 12), body))
        y = arrow_y + _LINE * len(lines) + 18
    return SequenceDiagram(tuple(messages), height=y + 8)
