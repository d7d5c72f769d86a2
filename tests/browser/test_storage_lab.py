"""The storage lab in real Chromium: every store measured, markers, reloads, tabs, clearing, failures."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from cookielab.lessons.storage.storage_lab.facts import MARKER_COOKIE_PREFIX

SCRIPTABLE = ["cookie", "localStorage", "sessionStorage", "indexedDB", "cacheApi"]
LAB_NAME = "cookielab-storage-lab"
CHROMIUM_WEB_STORAGE_CHARS = 5 * 1024 * 1024  # 10 MiB at 2 bytes a character


def open_lab(lab, path: str = "/storage/"):
    lab.goto(path)
    expect(lab.page.locator("#storage-lab")).to_have_attribute("data-ready", "true")
    return lab.page


def run_lab(page) -> None:
    page.click("#run-lab")
    expect(page.locator("#lab-status")).to_have_text(re.compile(r"^Done"), timeout=120_000)


def cell(page, store: str, measure: str):
    return page.locator(f"#m-{store}-{measure}")


def stores_now(page) -> dict:
    """What the stores hold, read directly (not through the lab's own code)."""
    return page.evaluate(
        """async (labName) => ({
            cookies: document.cookie,
            local: Object.keys(localStorage),
            session: Object.keys(sessionStorage),
            databases: (await indexedDB.databases()).map((d) => d.name),
            caches: await caches.keys(),
        })""",
        LAB_NAME,
    )


def test_a_run_measures_every_row_and_only_the_cookie_marker_reaches_the_server(lab):
    page = open_lab(lab)
    run_lab(page)
    for store in SCRIPTABLE:
        expect(cell(page, store, "works")).to_have_attribute("data-state", "ok")
        expect(cell(page, store, "works")).to_contain_text("read the same value back")
        timing = cell(page, store, "api")
        assert float(timing.get_attribute("data-median-ms")) > 0, store
        assert float(timing.get_attribute("data-stall-ms")) > 0, store
        expect(timing).to_contain_text("median of 3 runs")
    for store in ("indexedDB", "cacheApi"):  # asynchronous APIs: their put() loop still runs on the main thread
        timing = cell(page, store, "api")
        loop_ms = float(timing.get_attribute("data-loop-ms"))
        assert 0 < loop_ms <= float(timing.get_attribute("data-median-ms")), store
        expect(timing).to_contain_text("held the main thread")
    assert cell(page, "cookie", "max_size").get_attribute("data-value") == "4096"
    for store in ("indexedDB", "cacheApi"):
        assert int(cell(page, store, "max_size").get_attribute("data-value")) > 0
        assert cell(page, store, "persist").get_attribute("data-value") in {"true", "false"}
    memory = cell(page, "memoryCache", "works").text_content().lower()
    assert "memory cache" in memory or "cache answered" in memory or "not observable" in memory
    bars = page.locator("#timing-chart g[data-store] rect")
    expect(bars).to_have_count(2 * len(SCRIPTABLE))
    assert all(float(bar.get_attribute("width")) >= 1 for bar in bars.all())
    # The same run (a whole run takes seconds of Chromium's time) put a marker in each store:
    assert_only_the_cookie_marker_reached_the_server(page)
    lab.watch.assert_clean()


def assert_only_the_cookie_marker_reached_the_server(page) -> None:
    for store in SCRIPTABLE:
        expected = "yes" if store == "cookie" else "no"
        expect(cell(page, store, "sent_with_requests")).to_have_attribute("data-arrived", expected)
    # Check the claim against the server and the stores themselves.
    markers = page.evaluate(
        """async (labName) => {
            const idb = await new Promise((resolve) => {
                const open = indexedDB.open(labName);
                open.onsuccess = () => {
                    const get = open.result.transaction("items").objectStore("items").get("sent");
                    get.onsuccess = () => { open.result.close(); resolve(get.result); };
                };
            });
            const cached = await caches.match(new URL(labName + "/sent", location.href).href, { cacheName: labName });
            return {
                local: localStorage.getItem(labName + ":sent"),
                session: sessionStorage.getItem(labName + ":sent"),
                idb,
                cache: await cached.text(),
            };
        }""",
        LAB_NAME,
    )
    echo_url = page.get_attribute("#storage-lab", "data-echo-url")
    echo_text = page.evaluate("async (url) => (await fetch(url)).text()", echo_url)
    echo = json.loads(echo_text)
    assert echo["cookies"][f"{MARKER_COOKIE_PREFIX}sent"].startswith("sent-cookie-")
    assert set(echo["cookies"]) == {f"{MARKER_COOKIE_PREFIX}sent"}
    for store, marker in markers.items():
        assert marker and marker.startswith("sent-"), store
        assert marker not in echo_text, store


def test_a_reload_keeps_what_it_should(lab):
    page = open_lab(lab)
    # The page names its table in the address (a same-document navigation), then reloads: wait for the load.
    with page.expect_event("load"):
        page.click("#reload-test")
    expect(page.locator("#storage-lab")).to_have_attribute("data-ready", "true")
    for store in SCRIPTABLE:
        expect(cell(page, store, "persistence")).to_have_attribute("data-survived", "yes")
        expect(cell(page, store, "persistence")).to_contain_text("Survived a reload")
    assert page.evaluate("(key) => localStorage.getItem(key)", f"{LAB_NAME}:reload")
    assert page.evaluate("(key) => sessionStorage.getItem(key)", f"{LAB_NAME}:reload")
    assert f"{MARKER_COOKIE_PREFIX}reload=" in page.evaluate("document.cookie")

    # The same lab in a fresh tab: sessionStorage is per tab, everything else is per origin.
    other = page.context.new_page()
    other.goto(lab.url("/storage/"))
    expect(other.locator("#storage-lab")).to_have_attribute("data-ready", "true")
    expect(other.locator("#m-sessionStorage-persistence")).to_have_attribute("data-survived", "no")
    for store in ("cookie", "localStorage", "indexedDB", "cacheApi"):
        expect(other.locator(f"#m-{store}-persistence")).to_have_attribute("data-survived", "yes")
    lab.watch.assert_clean()


def test_clear_everything_empties_every_store(lab):
    page = open_lab(lab)
    # The page names its table in the address (a same-document navigation), then reloads: wait for the load.
    with page.expect_event("load"):
        page.click("#reload-test")  # puts a marker in all five stores
    expect(page.locator("#storage-lab")).to_have_attribute("data-ready", "true")
    page.evaluate("() => { localStorage.setItem('another-lesson', '1'); sessionStorage.setItem('draft', 'x'); }")
    before = stores_now(page)
    assert LAB_NAME in before["databases"]
    assert LAB_NAME in before["caches"]
    assert f"{MARKER_COOKIE_PREFIX}reload" in before["cookies"]

    page.click("#clear-everything")
    expect(page.locator("#lab-status")).to_have_text(re.compile(r"^Cleared: "))
    after = stores_now(page)
    assert MARKER_COOKIE_PREFIX not in after["cookies"]
    assert "csrftoken=" in after["cookies"]  # the site's own cookie is left alone
    assert after["local"] == []
    assert after["session"] == []
    assert LAB_NAME not in after["databases"]
    assert [name for name in after["caches"] if name.startswith(LAB_NAME)] == []
    for store in ("localStorage", "sessionStorage", "indexedDB", "cacheApi"):
        expect(page.locator(f"#inspector-stores [data-store={store}]")).to_contain_text("Empty.")
    lab.watch.assert_clean()


def test_the_inspector_deletes_one_item(lab):
    page = open_lab(lab)
    page.evaluate("() => { localStorage.setItem('keep', '1'); localStorage.setItem('drop', '2'); }")
    page.click("#inspect")
    item = page.locator("#inspector-stores [data-store=localStorage] li[data-key=drop]")
    item.get_by_role("button", name="Delete drop").click()
    expect(item).to_have_count(0)
    assert page.evaluate("Object.keys(localStorage)") == ["keep"]
    csrf = page.locator("#inspector-stores [data-store=cookie] li[data-key=csrftoken]")
    expect(csrf).to_contain_text("the lab leaves it alone")
    expect(csrf.get_by_role("button")).to_have_count(0)
    lab.watch.assert_clean()


def test_web_storage_capacity_is_about_five_mebi_characters(lab):
    page = open_lab(lab)
    page.click("#measure-capacity")
    expect(page.locator("#lab-status")).to_have_text("Capacity measured.", timeout=120_000)
    for store in ("localStorage", "sessionStorage"):
        chars = int(cell(page, store, "max_size").get_attribute("data-value"))
        assert 0.9 * CHROMIUM_WEB_STORAGE_CHARS <= chars <= 1.1 * CHROMIUM_WEB_STORAGE_CHARS, (store, chars)
        expect(cell(page, store, "max_size")).to_contain_text("before QuotaExceededError")
    assert page.evaluate("Object.keys(localStorage).filter((k) => k.includes('capacity'))") == []
    assert page.evaluate("Object.keys(sessionStorage).filter((k) => k.includes('capacity'))") == []
    lab.watch.assert_clean()


def test_session_storage_is_per_tab(lab):
    page = open_lab(lab)
    with page.context.expect_page() as opened:
        page.click("#peek-link")
    link_tab = opened.value
    expect(link_tab.locator("body")).to_have_attribute("data-peek-done", "true")
    expect(link_tab.locator("#peek-session")).to_contain_text("Empty")
    expect(link_tab.locator("#peek-local")).to_contain_text("the same localStorage")
    expect(link_tab.locator("#peek-opener")).to_contain_text("null")
    expect(cell(page, "sessionStorage", "tabs")).to_have_attribute("data-link", "empty")

    with page.context.expect_page() as opened:
        page.click("#peek-window")
    window = opened.value
    expect(window.locator("body")).to_have_attribute("data-peek-done", "true")
    expect(window.locator("#peek-session")).to_contain_text("a copy of the lab tab's sessionStorage")
    expect(cell(page, "sessionStorage", "tabs")).to_have_attribute("data-window-open", "copy")
    expect(cell(page, "sessionStorage", "tabs")).to_have_attribute("data-link", "empty")  # both reports kept
    expect(cell(page, "sessionStorage", "tabs")).to_contain_text("did not reach this tab")
    # A copy, not a shared store: the window changed its own; this tab still has its marker.
    key = f"{LAB_NAME}:tab"
    assert window.evaluate("(key) => sessionStorage.getItem(key)", key) == "changed in the other tab"
    mine = page.evaluate("(key) => sessionStorage.getItem(key)", key)
    assert mine.startswith("tab-")
    assert page.evaluate("(key) => localStorage.getItem(key)", key) == mine
    lab.watch.assert_clean()


BROKEN_STORES = """
Storage.prototype.setItem = function () {
  throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
Object.defineProperty(window, "caches", { value: undefined, configurable: true });
Object.defineProperty(window, "indexedDB", { value: undefined, configurable: true });
"""

BLOCKED_STORAGE = """
for (const name of ["localStorage", "sessionStorage"]) {
  Object.defineProperty(window, name, {
    configurable: true,
    get() { throw new DOMException("Access is denied for this document.", "SecurityError"); },
  });
}
IDBFactory.prototype.open = function () {
  throw new DOMException("Internal error opening backing store.", "UnknownError");
};
"""


def test_failing_stores_are_reported_in_their_cells(lab):
    lab.page.add_init_script(BROKEN_STORES)
    page = open_lab(lab)
    run_lab(page)
    expect(cell(page, "cookie", "works")).to_have_attribute("data-state", "ok")
    expect(cell(page, "cookie", "sent_with_requests")).to_have_attribute("data-arrived", "yes")
    for store in ("localStorage", "sessionStorage"):
        expect(cell(page, store, "works")).to_have_text(re.compile(r"^Quota exceeded: the browser refused"))
        expect(cell(page, store, "sent_with_requests")).to_contain_text("Could not write a marker: Quota exceeded")
        expect(cell(page, store, "api")).to_have_attribute("data-state", "bad")
    for measure in ("works", "sent_with_requests", "api"):
        expect(cell(page, "indexedDB", measure)).to_contain_text("IndexedDB is not available")
        expect(cell(page, "cacheApi", measure)).to_contain_text("The Cache API is missing")
    expect(page.locator("#inspector-stores [data-store=indexedDB]")).to_contain_text("IndexedDB is not available")

    page.click("#measure-capacity")
    expect(page.locator("#lab-status")).to_have_text("Capacity measured.")
    expect(cell(page, "localStorage", "max_size")).to_contain_text("Already full")

    page.click("#clear-everything")
    expect(page.locator("#lab-status")).to_contain_text("Cache API: The Cache API is missing")
    lab.watch.assert_clean()


def test_blocked_storage_is_reported_in_plain_words(lab):
    lab.page.add_init_script(BLOCKED_STORAGE)
    page = open_lab(lab)
    run_lab(page)
    for store in ("localStorage", "sessionStorage"):
        blocked = re.compile(r"^Blocked: the browser does not let this page use it")
        expect(cell(page, store, "works")).to_have_text(blocked)
    expect(cell(page, "indexedDB", "works")).to_have_text(re.compile(r"^The browser failed to store it"))
    for store in ("cookie", "cacheApi"):
        expect(cell(page, store, "works")).to_have_attribute("data-state", "ok")
    expect(page.locator("#inspector-stores [data-store=localStorage]")).to_contain_text("Blocked")
    lab.watch.assert_clean()


@pytest.mark.parametrize("via", ["link", "window-open"])
def test_the_peek_page_alone_still_works(lab, via):
    """Opened directly (bookmarked, or the lab tab closed): it reports what it sees without failing."""
    lab.goto(f"/storage/peek/?via={via}")
    expect(lab.page.locator("body")).to_have_attribute("data-peek-done", "true")
    expect(lab.page.locator("#peek-local")).to_contain_text("No marker")
    lab.watch.assert_clean()


def test_the_timing_chart_stays_readable_on_a_phone(lab):
    """Scaled down to a 360 px screen the chart's 12 px labels would be 6 px: it keeps them at 10 px or more
    and scrolls sideways inside its box, which says so."""
    page = open_lab(lab)
    box = page.locator(".timing-figure .figure-scroll")
    for width in (1280, 360):  # turning the phone round and back, say
        page.set_viewport_size({"width": width, "height": 740})
        page.evaluate("() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    # The hint comes from a ResizeObserver, a frame after the box changed size: wait for it.
    expect(box).to_have_attribute("data-overflows", "")
    chart = page.evaluate(
        """() => {
            const svg = document.getElementById("timing-chart");
            const label = svg.querySelector("text");
            return {
                px: svg.getScreenCTM().a * parseFloat(getComputedStyle(label).fontSize),
                page_width: document.documentElement.scrollWidth,
            };
        }"""
    )
    assert chart["px"] >= 10, chart
    assert chart["page_width"] <= 360, chart  # the box scrolls, not the page
    lab.watch.assert_clean()  # the hint resizes the box it measures: no ResizeObserver loop error
