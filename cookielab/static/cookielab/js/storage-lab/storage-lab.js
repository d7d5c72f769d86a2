// The browser storage lab: measure, in this browser, what the lecture's storage table claims.
// Every measurement reports into its own table cell; a failure says what happened there and the
// rest of the lab carries on. Nothing is allowed to throw to the console.
// This module sets the page up; what the buttons do is in storage-actions.js, loaded on first use.

import { showResult } from "../cookielab.js";
import { addMeasuredLines, say, show } from "./storage-cells.js";
import { renderInspector } from "./storage-inspector.js";
import {
  LAB_NAME,
  RELOAD_KEY,
  RELOAD_NOTE,
  TAB_KEY,
  cacheApiStore,
  cookieStore,
  describeError,
  indexedDBStore,
  markerToken,
  webStorage,
} from "./storage-stores.js";

const root = document.getElementById("storage-lab");
const actions = () => import("./storage-actions.js");
const showTabs = (...args) => show("sessionStorage", "tabs", ...args);

/** After "Write reload markers and reload": which store kept its marker. */
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

async function main() {
  const stores = {
    cookie: cookieStore({ prefix: root.dataset.cookiePrefix, path: root.dataset.cookiePath }),
    localStorage: webStorage("localStorage"),
    sessionStorage: webStorage("sessionStorage"),
    indexedDB: indexedDBStore(),
    cacheApi: cacheApiStore(),
  };
  const refreshInspector = () => renderInspector(document.getElementById("inspector-stores"), stores.cookie);
  addMeasuredLines();
  for (const hidden of document.querySelectorAll("[data-needs-js]")) hidden.hidden = false;
  fillUnobservable();

  const buttons = document.querySelectorAll("[data-lab-action]");
  const busyLabels = {
    run: "Running…",
    capacity: "Filling Web Storage…",
    reload: "Writing reload markers…",
    inspect: "Reading the stores…",
    clear: "Clearing…",
  };
  // Where each action's answer lands: the table it fills, or the inspector it redraws.
  const answers = {
    run: "storage-table-section",
    capacity: "storage-table-section",
    reload: "storage-table-section",
    inspect: "storage-inspector",
    clear: "storage-inspector",
  };
  for (const button of buttons) {
    const action = button.dataset.labAction;
    button.addEventListener("click", async () => {
      for (const each of buttons) each.disabled = true;
      say(busyLabels[action]);
      // The reload test reloads the page: named in the address first, the table is where the reload lands.
      if (action === "reload") window.history.replaceState(window.history.state, "", `#${answers.reload}`);
      try {
        await (await actions())[action](stores, root.dataset);
      } catch (error) {
        say(`Stopped: ${describeError(error)}`);
      } finally {
        for (const each of buttons) each.disabled = false;
        await refreshInspector().catch((error) => say(`The inspector failed: ${describeError(error)}`));
        showResult(document.getElementById(answers[action]));
      }
    });
  }

  // Per tab: mark this tab's storage before the other one opens; it reports back on a BroadcastChannel.
  let tabToken = null;
  const markThisTab = async () => {
    tabToken = markerToken("tab");
    await stores.sessionStorage.write(TAB_KEY, tabToken);
    await stores.localStorage.write(TAB_KEY, tabToken);
    showTabs("Waiting for the other tab to report…", "pending");
  };
  if (typeof BroadcastChannel === "function") {
    new BroadcastChannel(LAB_NAME).onmessage = async ({ data }) => {
      if (data?.type !== "peek" || !tabToken) return;
      try {
        await (await actions()).peekReport(stores, data, tabToken);
      } catch (error) {
        showTabs(describeError(error), "bad");
      }
    };
  }
  document.getElementById("peek-link").addEventListener("click", () => {
    markThisTab().catch((error) => showTabs(describeError(error), "bad"));
  });
  document.getElementById("peek-window").addEventListener("click", async () => {
    try {
      await markThisTab();
      const url = new URL(root.dataset.peekUrl, location.href);
      url.searchParams.set("via", "window-open");
      if (!window.open(url.href, "_blank")) showTabs("The browser blocked the new window.", "bad");
    } catch (error) {
      showTabs(describeError(error), "bad");
    }
  });

  await checkReloadMarkers(Object.values(stores));
  await refreshInspector();
  root.dataset.ready = "true";
}

if (root) main().catch((error) => say(`The lab could not start: ${describeError(error)}`));
