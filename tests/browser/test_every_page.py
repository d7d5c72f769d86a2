"""The page watchers every browser test relies on catch what they are for: a CSP violation is reported.

(Every page loading cleanly, with no console error or CSP violation, is checked in test_accessibility.py,
on the same visit as axe.)"""

from __future__ import annotations

from tests.support.chromium import RECORD_CSP_VIOLATIONS
from tests.support.chromium import csp_violations

INLINE_SCRIPT = (
    "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
)


def test_a_csp_violation_is_caught(lab):
    """The watchers themselves work: an inline script on a page is reported, not silently ignored."""
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto("/")
    with lab.page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        lab.page.evaluate(INLINE_SCRIPT)
    assert any("Content Security Policy" in problem for problem in lab.watch.problems)
    assert any(violation.startswith("script-src") for violation in csp_violations(lab.page))
