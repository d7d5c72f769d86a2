"""Every page passes axe-core (WCAG 2.1 A/AA and best practice) in light and dark mode, is keyboard usable,
fits a 360 px phone screen, and still teaches without JavaScript: every page and sub-page."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup

from cookielab.lessons import LESSONS
from tests.support.chromium import RECORD_CSP_VIOLATIONS
from tests.support.chromium import csp_violations
from tests.support.crawl import argument_free_paths

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]},
    "resultTypes": ["violations"],
}
PHONE = {"width": 360, "height": 740}
# Pages whose demo is a form: each is checked again after its first button was pressed.
DEMOS_WITH_A_FORM = [
    "/lessons/http-is-stateless/",
    "/lessons/how-cookies-are-sent/",
    "/lessons/cookie-limits/",
    "/lessons/cookie-flags/",
    "/lessons/logging-in/",
    "/lessons/cart-and-preferences/",
    "/lessons/session-backends/",
]

# The focus ring of the focused element, as the page draws it.
FOCUS_RING = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || '').trim().slice(0, 40),
    outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
    inDemo: Boolean(el.closest('.demo')), inMain: Boolean(el.closest('main')),
  };
}"""


# The hashchange event of the fragment the address already names, as it arrives a task after the navigation.
LATE_HASHCHANGE = "() => window.dispatchEvent(new HashChangeEvent('hashchange'))"


def linked_pages(page, base: str) -> list[str]:
    """The index and every page its main content links to."""
    page.goto(base + "/")
    hrefs = page.eval_on_selector_all("main a[href]", "links => links.map(a => a.getAttribute('href'))")
    return ["/", *sorted({href for href in hrefs if href.startswith("/") and href != "/"})]


def every_page(page, base: str) -> list[str]:
    """The linked pages, then every sub-page: each URL without arguments that a GET answers with a whole HTML
    page (not JSON, a redirect, a 404 or 405, or the wire panel's fragment), asked over HTTP first."""
    linked = linked_pages(page, base)
    sub_pages = []
    for path in sorted(set(argument_free_paths()) - set(linked)):
        response = page.request.get(base + path, max_redirects=0)
        if (
            response.status == 200
            and response.headers.get("content-type", "").startswith("text/html")
            and BeautifulSoup(response.body(), "html.parser").select_one("body main") is not None
        ):
            sub_pages.append(path)
    return [*linked, *sub_pages]


def axe_violations(page) -> list[str]:
    """axe-core's findings on the page as it is now, one line per rule: id, impact, offending selectors."""
    # Axe injects its source with page.evaluate: the strict CSP refuses a <script> tag, not an evaluate.
    results = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{violation['id']} ({violation['impact']}): "
        + ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"][:8])
        for violation in results["violations"]
    ]


def report(found: dict[str, list[str]]) -> str:
    count = sum(map(len, found.values()))
    return f"{count} axe violations:\n" + "\n".join(f"{path}\n  " + "\n  ".join(lines) for path, lines in found.items())


def test_every_page_loads_cleanly_and_passes_axe_in_light_mode_on_a_laptop(lab):
    """Every page and sub-page: 200 with a CSP, no console error or CSP violation, no axe finding."""
    lab.page.add_init_script(RECORD_CSP_VIOLATIONS)
    lab.page.emulate_media(color_scheme="light")
    found, unclean = {}, {}
    pages = every_page(lab.page, lab.base)
    assert len(pages) > len(LESSONS) + 10  # the lessons, their sub-pages, the index and the end
    for path in pages:
        response = lab.goto(path)  # waits for "load": the page's modules have run
        assert response is not None and response.status == 200, path
        assert "content-security-policy" in response.headers, path
        assert urlsplit(lab.page.url).path == urlsplit(lab.url(path)).path, path
        if violations := axe_violations(lab.page):
            found[path] = violations
        if blocked := csp_violations(lab.page):  # after axe: whatever the page loaded late has loaded
            unclean[path] = blocked
    assert found == {}, report(found)
    assert unclean == {}, f"CSP violations: {unclean}"
    lab.watch.assert_clean()


def test_every_page_passes_axe_in_dark_mode_on_a_phone_without_scrolling_sideways(lab):
    lab.page.emulate_media(color_scheme="dark")
    lab.page.set_viewport_size(PHONE)
    found, too_wide = {}, {}
    for path in every_page(lab.page, lab.base):
        lab.goto(path)  # waits for "load": the page's modules have run
        assert lab.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        if violations := axe_violations(lab.page):
            found[path] = violations
        width = lab.page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[path] = width
    assert found == {}, report(found)
    assert too_wide == {}, f"pages scroll sideways at {PHONE['width']} px: {too_wide}"


def axe_in_both_schemes(page) -> dict[str, list[str]]:
    """axe's findings on the page as it is now, in light and then in dark mode (the same state, repainted)."""
    found = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        if violations := axe_violations(page):
            found[scheme] = violations
    return found


def test_pages_pass_axe_after_their_demo_ran(lab):
    """Results, error lists and tables that only appear once a form was sent are checked too, light and dark."""
    found = {}

    def check(label: str) -> None:
        lab.page.wait_for_load_state("networkidle")
        for scheme, violations in axe_in_both_schemes(lab.page).items():
            found[f"{label} ({scheme})"] = violations

    lab.goto("/lessons/setting-cookies/")
    lab.page.fill("#id_name", "bad name;\r\n")
    lab.page.fill("#id_value", "x" * 5000)
    lab.page.locator("#id_max_age").fill("-3")
    lab.page.click(".demo button[type=submit]")
    assert lab.page.locator(".demo [aria-invalid=true]").count() >= 1
    check("/lessons/setting-cookies/ with field errors")
    lab.page.fill("#id_name", "flavour")
    lab.page.fill("#id_value", "oatmeal")
    lab.page.locator("#id_max_age").fill("60")
    lab.page.click(".demo button[type=submit]")
    lab.page.wait_for_selector("#held-cookies")
    check("/lessons/setting-cookies/ with a cookie set")

    for path in DEMOS_WITH_A_FORM:
        lab.goto(path)
        lab.page.click(".demo form button[type=submit] >> nth=0")
        check(f"{path} after its first button")

    lab.goto("/lessons/http-is-stateless/")
    lab.page.click("#check button[type=submit]")  # the quiz, sent with no answer chosen
    check("quiz with no answer")
    assert found == {}, report(found)


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(lab):
    lab.goto("/")
    lab.page.keyboard.press("Tab")
    ring = lab.page.evaluate(FOCUS_RING)
    assert ring["text"] == "Skip to content"
    assert ring["outline"] >= 2
    skip_box = lab.page.locator(".skip-link").bounding_box()
    assert skip_box is not None and skip_box["x"] >= 0 and skip_box["y"] >= 0  # on screen once focused
    lab.page.keyboard.press("Enter")
    assert lab.page.evaluate("document.activeElement.id") == "main"
    lab.page.keyboard.press("Tab")
    ring = lab.page.evaluate(FOCUS_RING)
    assert ring["inMain"] and ring["tag"] == "a"  # the first lesson link, past the site header


def test_a_late_hashchange_never_pulls_focus_back_from_inside_its_target(lab):
    """The skip link moves focus to <main> at once; the page's hashchange handler runs a task later, maybe after
    a quick Tab took focus to a link inside: it must leave focus there. From outside, focus follows the fragment."""
    lab.goto("/#main")
    lab.page.focus("main .lesson-list a >> nth=0")
    lab.page.evaluate(LATE_HASHCHANGE)
    assert lab.page.evaluate("document.activeElement.closest('.lesson-list') !== null")
    lab.page.evaluate("document.activeElement.blur()")
    lab.page.evaluate(LATE_HASHCHANGE)
    assert lab.page.evaluate("document.activeElement.id") == "main"


def test_tabbing_through_the_index_reaches_every_lesson_with_a_visible_ring(lab):
    lab.goto("/")
    lesson_links = lab.page.locator("main .lesson-list a").count()
    assert lesson_links > 20
    reached = []
    for _ in range(lesson_links + 5):
        lab.page.keyboard.press("Tab")
        ring = lab.page.evaluate(FOCUS_RING)
        if ring["inMain"]:
            assert ring["outline"] >= 2, ring
            reached.append(ring["text"])
    assert len(set(reached)) >= lesson_links


def test_a_lesson_demo_is_reachable_and_usable_by_keyboard(lab):
    lab.goto("/lessons/setting-cookies/")
    seen = []
    for _ in range(60):
        lab.page.keyboard.press("Tab")
        ring = lab.page.evaluate(FOCUS_RING)
        assert ring["outline"] >= 2, ring
        if ring["inDemo"]:
            seen.append(ring["id"])
        if ring["text"] == "Set this cookie":
            break
    else:
        pytest.fail("Tab never reached the demo's submit button")
    for field in ("id_name", "id_value", "id_max_age", "id_path", "id_samesite"):
        assert field in seen, (field, seen)
    # Fill and send the form with the keyboard alone.
    lab.page.focus("#id_name")
    lab.page.keyboard.type("keyboard")
    lab.page.keyboard.press("Tab")
    lab.page.keyboard.type("typed")
    lab.page.focus(".demo button[type=submit]")
    lab.page.keyboard.press("Enter")
    lab.page.wait_for_selector("#held-cookies")
    assert "keyboard" in lab.page.inner_text("#held-cookies")


@pytest.fixture
def no_js_page(browser, live_server, transactional_db):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_every_page_teaches_without_javascript_and_shows_no_dead_buttons(no_js_page, live_server):
    page = no_js_page
    problems = []
    for path in linked_pages(page, live_server.url):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, path
        if path != "/":
            for part in (".explanation", ".demo", ".try-it"):
                if len(page.inner_text(f"main {part}").strip()) < 40:
                    problems.append(f"{path}: {part} is (almost) empty")
        # A visible button that is not a form's submit button does nothing without JavaScript.
        dead = page.eval_on_selector_all(
            "main button, main input[type=button]",
            "buttons => buttons.filter(b => b.checkVisibility() && !(b.form && b.type === 'submit'))"
            ".map(b => b.id || b.textContent.trim().slice(0, 40))",
        )
        problems += [f"{path}: dead button {name!r}" for name in dead]
    assert problems == [], "\n".join(problems)
