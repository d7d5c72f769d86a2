"""Every page linked from the lesson index loads in Chromium without a console error or CSP violation."""

from __future__ import annotations

from urllib.parse import urlsplit

# Runs before any page script: every CSP violation is recorded, even one the console never shows.
RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


def csp_violations(page) -> list[str]:
    return page.evaluate("() => window.__cspViolations || []")


def test_every_page_linked_from_the_index_loads_cleanly(lab):
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto("/")
    hrefs = lab.page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    pages = sorted({href for href in hrefs if href.startswith("/")})
    assert len(pages) >= 1
    for path in pages:
        response = lab.goto(path)
        assert response is not None and response.status == 200, path
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
        lab.page.wait_for_load_state("networkidle")
        assert urlsplit(lab.page.url).path == urlsplit(lab.url(path)).path
        assert csp_violations(lab.page) == [], path
    lab.watch.assert_clean()


def test_a_csp_violation_is_caught(lab):
    """The watchers themselves work: an inline script on a page is reported, not silently ignored."""
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.goto("/")
    lab.page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1'; document.body.append(s); }"
    )
    lab.page.wait_for_timeout(200)
    assert any("Content Security Policy" in problem for problem in lab.watch.problems)
    assert any(violation.startswith("script-src") for violation in csp_violations(lab.page))
