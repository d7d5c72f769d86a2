"""Browser tests: real headless Chromium against the live test server (marked ``browser`` by tests/conftest.py)."""

from __future__ import annotations

import pytest

WINDOW_ERRORS_TO_CONSOLE = "addEventListener('error', (event) => console.error(`window error: ${event.message}`));"


class ConsoleWatch:
    """Collects console errors, uncaught exceptions and CSP violations seen by a page."""

    def __init__(self, page) -> None:
        self.problems: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        # Errors the browser only dispatches to the window (a ResizeObserver loop, say) reach no console.
        page.add_init_script(WINDOW_ERRORS_TO_CONSOLE)

    def _on_console(self, message) -> None:
        if message.type in {"error", "warning"} and (
            message.type == "error" or "Content Security Policy" in message.text
        ):
            self.problems.append(f"{message.type}: {message.text}")

    def assert_clean(self) -> None:
        assert self.problems == [], "\n".join(self.problems)


@pytest.fixture
def lab(page, live_server, transactional_db):
    """A Chromium page on the live server, with its console watched; ``lab.url(path)`` builds URLs."""
    watch = ConsoleWatch(page)
    page.set_default_timeout(10_000)

    class Lab:
        def __init__(self) -> None:
            self.page = page
            self.watch = watch
            self.base = live_server.url

        def url(self, path: str) -> str:
            return self.base + path

        def goto(self, path: str):
            return page.goto(self.url(path))

    return Lab()
