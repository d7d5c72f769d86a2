"""What Chromium itself holds, for browser tests that check what a page made it keep."""

from __future__ import annotations


def chromium_cookies(lab) -> dict[str, dict]:
    """The browser context's cookie jar, by name (HttpOnly cookies included: scripts cannot see those)."""
    return {cookie["name"]: cookie for cookie in lab.page.context.cookies()}
