"""What Chromium itself holds and reports, for browser tests that check what a page made it keep or refuse."""

from __future__ import annotations


def chromium_cookies(lab) -> dict[str, dict]:
    """The browser context's cookie jar, by name (HttpOnly cookies included: scripts cannot see those)."""
    return {cookie["name"]: cookie for cookie in lab.page.context.cookies()}


# Runs before any page script: every CSP violation is recorded, even one the console never shows.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")
