// The browser storage lab: measure, in this browser, what the lecture's storage table claims.
// Every measurement reports into its own table cell; a failure says what happened there and the
// rest of the lab carries on. Nothing is allowed to throw to the console.

import { refreshWirePanel } from "./cookielab.js";
import { addMeasuredLines, say, show } from "./storage-cells.js";
import { renderInspector } from "./storage-inspector.js";
import {
  LAB_NAME,
  TAB_KEY,
  cacheApiStore,
  cookieStore,
  describeError,
  indexedDBStore,
  markerToken,
  webStorage,
} from "./storage-stores.js";

const RELOAD_KEY = "reload";
const RELOAD_NOTE = `${LAB_NAME}:reload-note`;

const root = document.getElementById("storage-lab");

// ---- Persistence: reload markers ---------------------------------------------------------------

async function writeReloadMarkers(stores) {
  const stamp = String(Date.now());
  const failed = [];
  for (const store of stores) {
    try {
      await store.write(RELOAD_KEY, stamp);
    } catch (error) {
      failed.push(`${store.label}: ${describeError(error)}`);
    }
  }
  try {
    if (failed.length) sessionStorage.setItem(RELOAD_NOTE, failed.join(" "));
  } catch {
    // sessionStorage itself is unusable; the cells will say so after the reload
  }
  location.reload();
}

async function checkReloadMarkers(stores) {
  try {
    const note = sessionStorage.getItem(RELOAD_NOTE);
    sessionStorage.removeItem(RELOAD_NOTE);
    if (note) say(`Some reload markers could not be written: ${note}`);
  } catch {
    // no sessionStorage, so no note either
  }
  const found = new Map();
  for (const store of stores) found.set(store.id, await store.read(RELOAD_KEY).catch((error) => error));
  if (![...found.values()].some((value) => typeof value === "string")) return; // no reload test yet
  for (const [id, value] of found) {
    if (typeof value === "string") {
      const seconds = Math.max(0, (performance.timeOrigin - Number(value)) / 1000);
      show(id, "persistence", `Survived a reload: found the marker written ${seconds.toFixed(1)} s before this page loaded.`, "ok", { survived: "yes" });
    } else if (value instanceof Error) {
      show(id, "persistence", `Could not look for the marker: ${describeError(value)}`, "bad", { survived: "unknown" });
    } else {
      show(id, "persistence", "Gone: no marker after the reload (or it could not be written).", "bad", { survived: "no" });
    }
  }
}

// ---- Persistence: other tabs ---------------------------------------------------------------------

let tabToken = null;
const tabReports = new Map();
const showTabs = (...args) => show("sessionStorage", "tabs", ...args);

async function markThisTab(stores) {
  tabToken = markerToken("tab");
  await stores.sessionStorage.write(TAB_KEY, tabToken);
  await stores.localStorage.write(TAB_KEY, tabToken);
  showTabs("Waiting for the other tab to report…", "pending");
}

/** A peek page (storage-peek.js) reported what it saw of this tab's storage. */
async function onPeekReport(stores, report) {
  if (report?.type !== "peek" || !tabToken) return;
  const seen = report.session === tabToken ? "copy" : report.session ? "other" : "empty";
  const session = {
    copy: "started with a copy of this tab's sessionStorage",
    other: "saw some other sessionStorage value",
    empty: "started with an empty sessionStorage",
  }[seen];
  const local = report.local === tabToken ? "saw this tab's localStorage marker (shared)" : "did not see this tab's localStorage marker";
  const mine = await stores.sessionStorage.read(TAB_KEY).catch(describeError);
  const isolated = report.changed && mine === tabToken ? " Its own change to sessionStorage did not reach this tab." : "";
  const windowOpen = report.via === "window-open";
  const who = windowOpen ? "The window.open() window" : "The new tab (rel=noopener link)";
  tabReports.set(windowOpen ? "windowOpen" : "link", { text: `${who} ${session} and ${local}.${isolated}`, seen });
  const data = Object.fromEntries([...tabReports].map(([via, { seen: what }]) => [via, what]));
  showTabs([...tabReports.values()].map(({ text }) => text).join(" "), "ok", data);
}

// ---- wiring --------------------------------------------------------------------------------------

function fillUnobservable() {
  const memory = (measure, text) => show("memoryCache", measure, text, "info");
  memory("works", "Press Run: the lab loads a test image twice and asks Resource Timing where the second copy came from.");
  memory("max_size", "Not observable from a page: no API reports its size.");
  memory("api", "Not observable: pages cannot read or write it, so there is nothing to time.");
  memory("sent_with_requests", "Nothing to send: it holds the browser's own copies of responses.");
  memory("persistence", "Not observable from a page: nothing can be written to it.");
  for (const id of ["localStorage", "sessionStorage"]) {
    show(id, "max_size", "Press “Measure Web Storage capacity”: it fills the store until the browser refuses.", "info");
  }
}

async function clearEverything(stores) {
  const problems = [];
  for (const store of stores) {
    try {
      await store.clearLab();
    } catch (error) {
      problems.push(`${store.label}: ${describeError(error)}`);
    }
  }
  await refreshWirePanel();
  say(
    problems.length
      ? `Cleared what could be cleared. ${problems.join(" ")}`
      : "Cleared: the lab's cookies, localStorage, sessionStorage, the lab's IndexedDB database and its caches.",
  );
}

async function main() {
  const stores = {
    cookie: cookieStore({ prefix: root.dataset.cookiePrefix, path: root.dataset.cookiePath }),
    localStorage: webStorage("localStorage"),
    sessionStorage: webStorage("sessionStorage"),
    indexedDB: indexedDBStore(),
    cacheApi: cacheApiStore(),
  };
  const list = Object.values(stores);
  const refreshInspector = () => renderInspector(document.getElementById("inspector-stores"), stores.cookie);
  addMeasuredLines();
  for (const hidden of document.querySelectorAll("[data-needs-js]")) hidden.hidden = false;
  fillUnobservable();

  if (typeof BroadcastChannel === "function") {
    new BroadcastChannel(LAB_NAME).onmessage = (event) =>
      onPeekReport(stores, event.data).catch((error) => showTabs(describeError(error), "bad"));
  }

  const buttons = document.querySelectorAll("[data-lab-action]");
  const busy = async (label, work) => {
    for (const button of buttons) button.disabled = true;
    say(label);
    try {
      await work();
    } catch (error) {
      say(`Stopped: ${describeError(error)}`);
    } finally {
      for (const button of buttons) button.disabled = false;
      await refreshInspector().catch((error) => say(`The inspector failed: ${describeError(error)}`));
    }
  };
  // Run and the capacity test load their code (storage-measure.js) on the first press.
  const measure = () => import("./storage-measure.js");
  const actions = {
    run: ["Running…", async () => (await measure()).runLab(stores, root.dataset)],
    capacity: ["Filling Web Storage…", async () => (await measure()).measureCapacity()],
    reload: ["Writing reload markers…", () => writeReloadMarkers(list)],
    inspect: ["Reading the stores…", async () => say("The inspector shows what the stores hold now.")],
    clear: ["Clearing…", () => clearEverything(list)],
  };
  for (const button of buttons) button.addEventListener("click", () => busy(...actions[button.dataset.labAction]));

  document.getElementById("peek-link").addEventListener("click", () => {
    markThisTab(stores).catch((error) => showTabs(describeError(error), "bad"));
  });
  document.getElementById("peek-window").addEventListener("click", async () => {
    try {
      await markThisTab(stores);
      const url = new URL(root.dataset.peekUrl, location.href);
      url.searchParams.set("via", "window-open");
      if (!window.open(url.href, "_blank")) showTabs("The browser blocked the new window.", "bad");
    } catch (error) {
      showTabs(describeError(error), "bad");
    }
  });

  await checkReloadMarkers(list);
  await refreshInspector();
  root.dataset.ready = "true";
}

if (root) main().catch((error) => say(`The lab could not start: ${describeError(error)}`));
