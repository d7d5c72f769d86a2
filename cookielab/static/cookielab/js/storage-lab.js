// The browser storage lab: measure, in this browser, what the lecture's storage table claims.
// Every measurement reports into its own table cell; a failure says what happened there and the
// rest of the lab carries on. Nothing is allowed to throw to the console.

import { fetchJson, refreshWirePanel } from "./cookielab.js";
import { drawTimingChart } from "./storage-chart.js";
import { renderInspector } from "./storage-inspector.js";
import {
  ITEMS,
  RUNS,
  markerToken,
  memoryCacheProbe,
  roundTrip,
  storageManager,
  timeStore,
  webStorageCapacity,
} from "./storage-measure.js";
import {
  LAB_NAME,
  cacheApiStore,
  cookieStore,
  describeError,
  indexedDBStore,
  labDatabaseExists,
  webStorage,
} from "./storage-stores.js";

const RELOAD_KEY = "reload";
const TAB_KEY = "tab";
const SENT_KEY = "sent";
const COOKIE_LIMIT = 4096;

const number = new Intl.NumberFormat("en");
const mebibytes = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const milliseconds = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;

function humanBytes(bytes) {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return mebibytes(bytes);
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${number.format(bytes)} bytes`;
}

const root = document.getElementById("storage-lab");
const statusLine = document.getElementById("lab-status");

/** Fill one "this browser" cell: m-<store>-<measure>. */
function show(store, measure, text, state = "ok", data = {}) {
  const output = document.getElementById(`m-${store}-${measure}`);
  if (!output) return;
  output.textContent = text;
  for (const key of Object.keys(output.dataset)) delete output.dataset[key]; // nothing stale from a run before
  output.dataset.state = state;
  for (const [key, value] of Object.entries(data)) output.dataset[key] = String(value);
}

function say(text) {
  if (statusLine) statusLine.textContent = text;
}

function labStores() {
  return {
    cookie: cookieStore({ prefix: root.dataset.cookiePrefix, path: root.dataset.cookiePath }),
    localStorage: webStorage("localStorage"),
    sessionStorage: webStorage("sessionStorage"),
    indexedDB: indexedDBStore(),
    cacheApi: cacheApiStore(),
  };
}

// ---- Run: works, sent with requests, sizes, timings ------------------------------------------

async function checkRoundTrips(stores) {
  for (const store of stores) {
    show(store.id, "works", "Testing…", "pending");
    try {
      await roundTrip(store);
      show(store.id, "works", "Works: wrote a value, read the same value back, deleted it.", "ok");
    } catch (error) {
      show(store.id, "works", describeError(error), "bad");
    }
  }
}

async function checkWhatIsSent(stores) {
  const written = new Map();
  for (const store of stores) {
    const token = markerToken(`sent-${store.id}`);
    try {
      await store.write(SENT_KEY, token);
      written.set(store.id, token);
    } catch (error) {
      show(store.id, "sent_with_requests", `Could not write a marker: ${describeError(error)}`, "bad");
    }
  }
  let echo;
  try {
    echo = await fetchJson(root.dataset.echoUrl);
  } catch (error) {
    for (const id of written.keys()) {
      show(id, "sent_with_requests", `Could not ask the server: ${describeError(error)}`, "bad");
    }
    return;
  }
  const received = JSON.stringify(echo);
  const inCookies = new Set(Object.values(echo.cookies || {}));
  for (const [id, token] of written) {
    if (received.includes(token)) {
      const where = inCookies.has(token) ? "in the Cookie header" : "in a request header";
      show(id, "sent_with_requests", `Sent: the server received this store's marker ${where}.`, "sent", { arrived: "yes" });
    } else {
      show(id, "sent_with_requests", "Not sent: the server never saw this store's marker.", "kept", { arrived: "no" });
    }
  }
}

async function measureSizes(stores) {
  try {
    const fits = stores.cookie.keepsCookieOf(COOKIE_LIMIT);
    const tooBig = stores.cookie.keepsCookieOf(COOKIE_LIMIT + 1);
    const text =
      `${fits ? "Kept" : "Dropped"} a cookie of ${number.format(COOKIE_LIMIT)} bytes (name + value); ` +
      `${tooBig ? "also kept" : "silently dropped"} one of ${number.format(COOKIE_LIMIT + 1)} bytes. ` +
      "(Counting how many a domain keeps would push out the site's own cookies, so the lab does not.)";
    show("cookie", "max_size", text, "ok", { value: fits && !tooBig ? COOKIE_LIMIT : "" });
  } catch (error) {
    show("cookie", "max_size", describeError(error), "bad");
  }
  for (const id of ["indexedDB", "cacheApi"]) show(id, "max_size", "Asking navigator.storage…", "pending");
  try {
    const manager = await storageManager();
    if (manager === null) {
      for (const id of ["indexedDB", "cacheApi"]) {
        show(id, "max_size", "Not measurable here: this browser has no navigator.storage.estimate().", "info");
        show(id, "persist", "No navigator.storage.persist() in this browser.", "info");
      }
      return;
    }
    const quota = `navigator.storage.estimate(): quota ${humanBytes(manager.quota)} for this origin, ${humanBytes(manager.usage)} in use — one budget for IndexedDB, the Cache API and OPFS together.`;
    const persisted =
      manager.persisted === null
        ? "No navigator.storage.persist() in this browser: storage stays best-effort."
        : manager.persisted
          ? "navigator.storage.persist() answered true: this origin is exempt from eviction."
          : "navigator.storage.persist() answered false: storage stays best-effort and can be evicted under pressure.";
    for (const id of ["indexedDB", "cacheApi"]) {
      show(id, "max_size", quota, "ok", { value: manager.quota, usage: manager.usage });
      show(id, "persist", persisted, "info", { value: String(manager.persisted) });
    }
  } catch (error) {
    for (const id of ["indexedDB", "cacheApi"]) show(id, "max_size", describeError(error), "bad");
  }
}

async function measureTimings(stores) {
  const svg = document.getElementById("timing-chart");
  const rows = [];
  for (const store of stores) {
    show(store.id, "api", `Timing ${number.format(ITEMS)} writes + reads, ${RUNS} runs…`, "pending");
    try {
      const { medianMs, stallMs } = await timeStore(store);
      const share = Math.min(100, Math.round((stallMs / Math.max(medianMs, 0.001)) * 100));
      const what = store.id === "cookie" ? `${number.format(ITEMS)} writes + reads of one cookie` : `${number.format(ITEMS)} items written and read back`;
      show(
        store.id,
        "api",
        `${milliseconds(medianMs)} for ${what} (median of ${RUNS} runs). Longest main-thread stall: ${milliseconds(stallMs)}, ${share}% of the run.`,
        "ok",
        { medianMs: medianMs.toFixed(3), stallMs: stallMs.toFixed(3) },
      );
      rows.push({ id: store.id, label: store.label, medianMs, stallMs });
    } catch (error) {
      show(store.id, "api", describeError(error), "bad");
    }
    if (svg && rows.length) drawTimingChart(svg, rows);
  }
}

async function probeMemoryCache() {
  show("memoryCache", "works", "Loading a test image twice…", "pending");
  try {
    const result = await memoryCacheProbe(root.dataset.probeImage);
    if (!result.observed) {
      show("memoryCache", "works", "Not observable from this page: the browser kept no timing entry for the test image.", "info");
    } else if (!result.newEntry) {
      show(
        "memoryCache",
        "works",
        `Loaded a test image twice. The first load transferred ${number.format(result.firstBytes)} bytes; the second made no request and left no Resource Timing entry: the image came from the memory cache.`,
        "ok",
        { reused: "memory" },
      );
    } else if (result.secondBytes === 0) {
      show(
        "memoryCache",
        "works",
        `The second load of a test image transferred 0 bytes (deliveryType “${result.secondDelivery}”): a cache answered, but a page cannot tell the memory cache from the HTTP cache.`,
        "ok",
        { reused: "cache" },
      );
    } else {
      show("memoryCache", "works", `The second load went to the network again (${number.format(result.secondBytes)} bytes): no reuse was seen.`, "info", { reused: "no" });
    }
  } catch (error) {
    show("memoryCache", "works", `Not observable: ${describeError(error)}`, "info");
  }
}

async function runLab(stores) {
  const list = Object.values(stores);
  say("Round trips…");
  await checkRoundTrips(list);
  say("Asking the server which markers arrived…");
  await checkWhatIsSent(list);
  say("Sizes and quota…");
  await measureSizes(stores);
  await probeMemoryCache();
  say("Timing every store (this takes a few seconds)…");
  await measureTimings(list);
  await refreshWirePanel();
  say("Done. Every cell marked “This browser” now shows what your browser did.");
}

async function measureCapacity() {
  for (const id of ["localStorage", "sessionStorage"]) {
    show(id, "max_size", "Filling until the browser refuses…", "pending");
    try {
      const result = await webStorageCapacity(id, (fits) =>
        show(id, "max_size", `Filling… ${number.format(fits)} characters fit so far.`, "pending"),
      );
      const text = result.full
        ? `Already full: it refused even one more character (it holds ${number.format(result.heldChars)}).`
        : `Held ${number.format(result.totalChars)} characters (keys + values) before QuotaExceededError: ${mebibytes(result.totalChars * 2)} at 2 bytes a character as Chromium counts, ${mebibytes(result.totalChars)} at one. The test item was removed again.`;
      show(id, "max_size", text, "ok", { value: result.totalChars });
    } catch (error) {
      show(id, "max_size", describeError(error), "bad");
    }
  }
  say("Capacity measured.");
}

// ---- Persistence: reload markers, tabs -------------------------------------------------------

async function writeReloadMarkers(stores) {
  const stamp = String(Date.now());
  const failed = [];
  for (const store of Object.values(stores)) {
    try {
      await store.write(RELOAD_KEY, stamp);
    } catch (error) {
      failed.push(`${store.label}: ${describeError(error)}`);
    }
  }
  if (failed.length) sessionStorageNote(failed.join(" "));
  location.reload();
}

function sessionStorageNote(text) {
  try {
    sessionStorage.setItem(`${LAB_NAME}:reload-note`, text);
  } catch {
    // sessionStorage itself is unusable; the cells will say so after the reload
  }
}

async function checkReloadMarkers(stores) {
  const found = new Map();
  for (const store of Object.values(stores)) {
    try {
      if (store.id === "indexedDB" && !(await labDatabaseExists())) found.set(store.id, null);
      else found.set(store.id, await store.read(RELOAD_KEY));
    } catch (error) {
      found.set(store.id, error);
    }
  }
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
  show("memoryCache", "persistence", "Not observable from a page: nothing can be written to it.", "info");
}

let tabToken = null;

async function markThisTab(stores) {
  tabToken = markerToken("tab");
  await stores.sessionStorage.write(TAB_KEY, tabToken);
  await stores.localStorage.write(TAB_KEY, tabToken);
  show("sessionStorage", "tabs", "Waiting for the other tab to report…", "pending");
}

const tabReports = new Map();

async function onPeekReport(stores, report) {
  if (!report || report.type !== "peek" || !tabToken) return;
  const session =
    report.session === tabToken ? "started with a copy of this tab's sessionStorage" : report.session ? "saw some other sessionStorage value" : "started with an empty sessionStorage";
  const local = report.local === tabToken ? "saw this tab's localStorage marker (shared)" : "did not see this tab's localStorage marker";
  let mine = null;
  try {
    mine = await stores.sessionStorage.read(TAB_KEY);
  } catch (error) {
    mine = describeError(error);
  }
  const isolated = report.changed && mine === tabToken ? " Its own change to sessionStorage did not reach this tab." : "";
  const who = report.via === "window-open" ? "The window.open() window" : "The new tab (rel=noopener link)";
  const seen = report.session === tabToken ? "copy" : report.session ? "other" : "empty";
  tabReports.set(report.via, { text: `${who} ${session} and ${local}.${isolated}`, seen });
  const data = {};
  for (const [via, { seen: what }] of tabReports) data[via === "window-open" ? "windowOpen" : "link"] = what;
  show("sessionStorage", "tabs", [...tabReports.values()].map(({ text }) => text).join(" "), "ok", data);
}

function listenForPeeks(stores) {
  if (typeof BroadcastChannel !== "function") return;
  const channel = new BroadcastChannel(LAB_NAME);
  channel.onmessage = (event) => {
    onPeekReport(stores, event.data).catch((error) => show("sessionStorage", "tabs", describeError(error), "bad"));
  };
}

// ---- wiring ----------------------------------------------------------------------------------

function fillUnobservable() {
  show("memoryCache", "works", "Press Run: the lab loads a test image twice and asks Resource Timing where the second copy came from.", "info");
  show("memoryCache", "max_size", "Not observable from a page: no API reports its size.", "info");
  show("memoryCache", "api", "Not observable: pages cannot read or write it, so there is nothing to time.", "info");
  show("memoryCache", "sent_with_requests", "Nothing to send: it holds the browser's own copies of responses.", "info");
  show("memoryCache", "persistence", "Not observable from a page: nothing can be written to it.", "info");
  for (const id of ["localStorage", "sessionStorage"]) {
    show(id, "max_size", "Press “Measure Web Storage capacity”: it fills the store until the browser refuses.", "info");
  }
}

async function main() {
  if (!root) return;
  const stores = labStores();
  const inspector = document.getElementById("inspector-stores");
  const refreshInspector = () => renderInspector(inspector, stores.cookie);
  for (const hidden of document.querySelectorAll("[data-needs-js]")) hidden.hidden = false;
  fillUnobservable();
  listenForPeeks(stores);

  const buttons = [...document.querySelectorAll("[data-lab-action]")];
  const busy = async (label, work) => {
    buttons.forEach((button) => {
      button.disabled = true;
    });
    say(label);
    try {
      await work();
    } catch (error) {
      say(`Stopped: ${describeError(error)}`);
    } finally {
      buttons.forEach((button) => {
        button.disabled = false;
      });
      await refreshInspector().catch((error) => say(`The inspector failed: ${describeError(error)}`));
    }
  };
  const actions = {
    run: () => busy("Running…", () => runLab(stores)),
    capacity: () => busy("Filling Web Storage…", measureCapacity),
    reload: () => busy("Writing reload markers…", () => writeReloadMarkers(stores)),
    inspect: () => busy("Reading the stores…", async () => say("The inspector shows what the stores hold now.")),
    clear: () =>
      busy("Clearing…", async () => {
        const problems = [];
        for (const store of Object.values(stores)) {
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
      }),
  };
  for (const button of buttons) {
    button.addEventListener("click", () => actions[button.dataset.labAction]());
  }

  const peekWindow = document.getElementById("peek-window");
  const peekLink = document.getElementById("peek-link");
  peekLink.addEventListener("click", () => {
    markThisTab(stores).catch((error) => show("sessionStorage", "tabs", describeError(error), "bad"));
  });
  peekWindow.addEventListener("click", async () => {
    try {
      await markThisTab(stores);
      const url = new URL(root.dataset.peekUrl, location.href);
      url.searchParams.set("via", "window-open");
      if (!window.open(url.href, "_blank")) show("sessionStorage", "tabs", "The browser blocked the new window.", "bad");
    } catch (error) {
      show("sessionStorage", "tabs", describeError(error), "bad");
    }
  });

  let note = null;
  try {
    note = sessionStorage.getItem(`${LAB_NAME}:reload-note`);
    sessionStorage.removeItem(`${LAB_NAME}:reload-note`);
  } catch {
    note = null;
  }
  if (note) say(`Some reload markers could not be written: ${note}`);
  await checkReloadMarkers(stores);
  await refreshInspector();
  root.dataset.ready = "true";
}

main().catch((error) => say(`The lab could not start: ${describeError(error)}`));
