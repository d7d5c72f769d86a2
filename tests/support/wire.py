"""Read the wire panel back from a page: its steps, what each request carried and each answer set."""

from __future__ import annotations


def text(node) -> str:
    """The text of a node as read, inline elements run together, whitespace collapsed."""
    return " ".join(node.get_text("").split())


def steps(page) -> list:
    """The panel's story, oldest request first."""
    return page.select("#wire .wire-story > .wire-step")


def request_line(step) -> str:
    """ "POST /path/": the request of a step."""
    return text(step.select_one(".exchange-line code"))


def answer_line(step) -> str:
    """ "← The server answered 303 See Other, …": the answer's first line."""
    return text(step.select_one(".wire-response .wire-dir"))


def sent(step) -> dict[str, tuple[str, str]]:
    """The cookies a step's request carried: name → (value as shown, unfolded; mark)."""
    found = {}
    for row in step.select(".wire-request .cookie-table tbody tr"):
        name = row.select_one(".cookie-name")
        if name is None:
            continue
        value = row.select(".cookie-value")[-1]  # a folded value: the whole one, in its <details>
        mark = row.select_one(".mark")
        found[text(name)] = (text(value), text(mark) if mark else "")
    return found


def set_cookies(node) -> list[tuple[str, str]]:
    """Every Set-Cookie header an answer shows, whole (folded values unfolded), with its mark."""
    found = []
    for item in node.select("li.set-cookie"):
        line = text(item.select_one("code[data-header=set-cookie]"))
        fold = item.select_one(".fold code.cookie-value")
        if fold is not None:
            head, _, rest = line.partition("=")
            _short, _, attributes = rest.partition("…")
            line = f"{head}={text(fold)}{attributes}"
        mark = item.select_one(".mark")
        found.append((line.removeprefix("Set-Cookie: "), text(mark) if mark else ""))
    return found


def answered(step) -> list[str]:
    """The Set-Cookie headers of a step's answer, whole."""
    return [header for header, _mark in set_cookies(step.select_one(".wire-response"))]
