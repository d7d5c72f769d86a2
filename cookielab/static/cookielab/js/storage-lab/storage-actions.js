// What the storage lab's buttons do: one export per data-lab-action, and the reading of a peek
// tab's report. storage-lab.js imports this module on the first press (or report), so a visit
// that only reads the table never loads it.

import { fetchJson, refreshWirePanel, visibleCookie } from "../cookielab.js";
import { say, show } from "./storage-cells.js";
import {
  LAB_NAME,
  RELOAD_KEY,
  RELOAD_NOTE,
  TAB_KEY,
  Unavailable,
  cacheStorage,
  describeError,
  isQuotaError,
  markerToken,
  requestResult,
  storageArea,
} from "./storage-stores.js";

const ITEMS = 1000;
const RUNS = 3;
const COOKIE_LIMIT = 4096;
const MAX_PROBE_CHARS = 2 ** 27; // give up looking for a Web Storage limit above 128 M characters
const SHARED_QUOTA = ["indexedDB", "cacheApi"];

const number = (value) => value.toLocaleString("en");
const mebibytes = (bytes) => `${(bytes / 2 ** 20).toFixed(2)} MiB`;
const milliseconds = (value) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;

function humanBytes(bytes) {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(1)} GiB`;
  if (bytes >= 2 ** 20) return mebibytes(bytes);
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${number(bytes)} bytes`;
}

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// ---- Run ----

async function checkRoundTrips(stores) {
  for (const store of stores) {
    show(store.id, "works", "Testing…", "pending");
    try {
      const token = markerToken("probe");
      await store.write("probe", token);
      const back = await store.read("probe");
      await store.erase("probe");
      if (back !== token) throw new Error(`read back ${JSON.stringify(back)} instead of the value written`);
      show(store.id, "works", "Works: wrote a value, read the same value back, deleted it.");
    } catch (error) {
      show(store.id, "works", describeError(error), "bad");
    }
  }
}

async function checkWhatIsSent(stores, echoUrl) {
  const written = new Map();
  for (const store of stores) {
    const token = markerToken(`sent-${store.id}`);
    try {
      await store.write("sent", token);
      written.set(store.id, token);
    } catch (error) {
      show(store.id, "sent_with_requests", `Could not write a marker: ${describeError(error)}`, "bad");
    }
  }
  let echo;
  try {
    echo = await fetchJson(echoUrl);
  } catch (error) {
    for (const id of written.keys()) show(id, "sent_with_requests", `Could not ask the server: ${describeError(error)}`, "bad");
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

/** Does the browser keep a cookie whose name + value is `bytes` long? (ASCII: one byte a character) */
function keepsCookieOf(cookies, bytes) {
  const name = `${cookies.prefix}size`;
  cookies.set(name, "x".repeat(Math.max(0, bytes - name.length)));
  const kept = visibleCookie(name) !== null;
  cookies.expire(name);
  return kept;
}

async function measureSizes(cookies) {
  try {
    const fits = keepsCookieOf(cookies, COOKIE_LIMIT);
    const tooBig = keepsCookieOf(cookies, COOKIE_LIMIT + 1);
    const text =
      `${fits ? "Kept" : "Dropped"} a cookie of ${number(COOKIE_LIMIT)} bytes (name + value); ` +
      `${tooBig ? "also kept" : "silently dropped"} one of ${number(COOKIE_LIMIT + 1)} bytes. ` +
      "(Counting how many a domain keeps would push out the site's own cookies, so the lab does not.)";
    show("cookie", "max_size", text, "ok", { value: fits && !tooBig ? COOKIE_LIMIT : "" });
  } catch (error) {
    show("cookie", "max_size", describeError(error), "bad");
  }
  const both = (...args) => SHARED_QUOTA.forEach((id) => show(id, ...args));
  both("max_size", "Asking navigator.storage…", "pending");
  try {
    const manager = navigator.storage;
    if (typeof manager?.estimate !== "function") {
      both("max_size", "Not measurable here: this browser has no navigator.storage.estimate().", "info");
      both("persist", "No navigator.storage.persist() in this browser.", "info");
      return;
    }
    const { usage, quota } = await manager.estimate();
    const persisted =
      typeof manager.persist === "function" ? (await manager.persisted()) || (await manager.persist()) : null;
    both(
      "max_size",
      `navigator.storage.estimate(): quota ${humanBytes(quota)} for this origin, ${humanBytes(usage)} in use — one budget for IndexedDB, the Cache API and OPFS together.`,
      "ok",
      { value: quota, usage },
    );
    both(
      "persist",
      persisted === null
        ? "No navigator.storage.persist() in this browser: storage stays best-effort."
        : persisted
          ? "navigator.storage.persist() answered true: this origin is exempt from eviction."
          : "navigator.storage.persist() answered false: storage stays best-effort and can be evicted under pressure.",
      "info",
      { value: persisted },
    );
  } catch (error) {
    both("max_size", describeError(error), "bad");
  }
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = resolve;
    image.onerror = () => reject(new Error(`the image ${url} did not load`));
    image.src = url;
  });
}

/**
 * Load one image twice and ask the Resource Timing API what the second load cost. The memory
 * cache is never visible directly; this is the closest a page can get.
 */
async function probeMemoryCache(imageUrl) {
  const report = (...args) => show("memoryCache", "works", ...args);
  report("Loading a test image twice…", "pending");
  try {
    const url = new URL(imageUrl, location.href);
    url.searchParams.set("memory-cache-probe", markerToken("probe"));
    const entries = () => performance.getEntriesByName(url.href, "resource");
    await loadImage(url.href);
    const first = entries();
    await loadImage(url.href);
    const second = entries()[first.length];
    if (!first.length) {
      report("Not observable from this page: the browser kept no timing entry for the test image.", "info");
    } else if (!second) {
      report(
        `Loaded a test image twice. The first load transferred ${number(first[0].transferSize)} bytes; the second made no request and left no Resource Timing entry: the image came from the memory cache.`,
        "ok",
        { reused: "memory" },
      );
    } else if (second.transferSize === 0) {
      report(
        `The second load of a test image transferred 0 bytes (deliveryType “${second.deliveryType || ""}”): a cache answered, but a page cannot tell the memory cache from the HTTP cache.`,
        "ok",
        { reused: "cache" },
      );
    } else {
      report(`The second load went to the network again (${number(second.transferSize)} bytes): no reuse was seen.`, "info", {
        reused: "no",
      });
    }
  } catch (error) {
    report(`Not observable: ${describeError(error)}`, "info");
  }
}

// ---- timing: each store's fastest way to write and read back ITEMS items, then remove them ----

const bulkValue = (i) => `value ${i}`;
const indexes = (count) => Array.from({ length: count }, (_, i) => i);
function checkReadBack(values) {
  values.forEach((value, i) => {
    if (value !== bulkValue(i)) throw new Error(`item ${i} did not read back`);
  });
}

const webStorageBulk = {
  async write(store, count) {
    const area = store.area();
    for (let i = 0; i < count; i += 1) area.setItem(store.key(`bulk:${i}`), bulkValue(i));
    checkReadBack(indexes(count).map((i) => area.getItem(store.key(`bulk:${i}`))));
  },
  async remove(store) {
    const area = store.area();
    for (const name of Object.keys(area)) if (name.startsWith(store.key("bulk:"))) area.removeItem(name);
  },
};

const BULK = {
  cookie: {
    // a domain keeps only ~180 cookies, so this rewrites ONE cookie `count` times
    async write(store, count) {
      const name = `${store.prefix}bulk`;
      for (let i = 0; i < count; i += 1) {
        store.set(name, `v${i}`);
        if (visibleCookie(name) !== `v${i}`) throw new Unavailable(`The browser did not keep write ${i + 1} of ${count}.`);
      }
    },
    remove: async (store) => store.expire(`${store.prefix}bulk`),
  },
  localStorage: webStorageBulk,
  sessionStorage: webStorageBulk,
  indexedDB: {
    // one transaction to write them all, then one read each
    async write(store, count, clock) {
      // put() clones each value before it returns: the loop itself is main-thread work
      await store.change((objects) =>
        clock.synchronously(() => indexes(count).forEach((i) => objects.put(bulkValue(i), `bulk:${i}`))),
      );
      const objects = await store.objects("readonly");
      checkReadBack(await Promise.all(indexes(count).map((i) => requestResult(objects.get(`bulk:${i}`)))));
    },
    remove: (store) => store.change((objects) => objects.delete(IDBKeyRange.bound("bulk:", "bulk:\uffff"))),
  },
  cacheApi: {
    async write(store, count, clock) {
      const cache = await store.open(`${LAB_NAME}-bulk`);
      const urls = indexes(count).map((i) => store.entryUrl(`bulk:${i}`));
      const puts = clock.synchronously(() => urls.map((url, i) => cache.put(url, new Response(bulkValue(i)))));
      await Promise.all(puts);
      checkReadBack(await Promise.all(urls.map(async (url) => (await cache.match(url)).text())));
    },
    remove: async () => cacheStorage().delete(`${LAB_NAME}-bulk`),
  },
};

/**
 * Watch the main thread with a setTimeout(0) ticker: the longest gap between two ticks is the
 * longest time the page could not run anything else (its resolution is about 4 ms).
 */
function watchMainThread() {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return () => {
    running = false;
    return Math.max(longest, performance.now() - last);
  };
}

/**
 * Times the part of an asynchronous store's write that runs before its calls return: the loop that
 * calls put(). Whatever that loop does (cloning values, building Response objects) is main-thread
 * work however asynchronous the API's results are.
 */
function syncClock() {
  return {
    ms: 0,
    synchronously(work) {
      const start = performance.now();
      try {
        return work();
      } finally {
        this.ms += performance.now() - start;
      }
    },
  };
}

/** The loop whose time syncClock measured, per asynchronous store. */
const SYNC_LOOP = {
  indexedDB: `The loop of ${number(ITEMS)} put() calls alone held the main thread`,
  cacheApi: `The loop that created ${number(ITEMS)} Response objects and called cache.put() held the main thread`,
};

/** Median time to write and read back ITEMS items, the median longest main-thread stall per run, and the median time of the put() loop. */
async function timeStore(store) {
  const bulk = BULK[store.id];
  const durations = [];
  const stalls = [];
  const loops = [];
  for (let run = 0; run < RUNS; run += 1) {
    await bulk.remove(store);
    const stop = watchMainThread();
    const clock = syncClock();
    await nextTask();
    const start = performance.now();
    try {
      await bulk.write(store, ITEMS, clock);
    } finally {
      durations.push(performance.now() - start);
      loops.push(clock.ms);
      await nextTask();
      stalls.push(stop());
      await bulk.remove(store);
    }
  }
  return { medianMs: median(durations), stallMs: median(stalls), loopMs: median(loops) };
}

async function measureTimings(stores) {
  const rows = [];
  for (const store of stores) {
    show(store.id, "api", `Timing ${number(ITEMS)} writes + reads, ${RUNS} runs…`, "pending");
    try {
      const { medianMs, stallMs, loopMs } = await timeStore(store);
      const share = Math.min(100, Math.round((stallMs / Math.max(medianMs, 0.001)) * 100));
      const what = store.id === "cookie" ? "writes + reads of one cookie" : "items written and read back";
      const loop = SYNC_LOOP[store.id];
      const data = { medianMs: medianMs.toFixed(3), stallMs: stallMs.toFixed(3) };
      if (loop) data.loopMs = loopMs.toFixed(3);
      show(
        store.id,
        "api",
        `${milliseconds(medianMs)} for ${number(ITEMS)} ${what} (median of ${RUNS} runs). Longest main-thread stall: ${milliseconds(stallMs)}, ${share}% of the run.` +
          (loop ? ` ${loop} for ${milliseconds(loopMs)} before the calls returned.` : ""),
        "ok",
        data,
      );
      rows.push({ id: store.id, label: store.label, medianMs, stallMs });
    } catch (error) {
      show(store.id, "api", describeError(error), "bad");
    }
    if (rows.length) drawTimingChart(document.getElementById("timing-chart"), rows);
  }
}

/** Everything Run measures, cell by cell; a failure is reported in its cell and the rest carries on. */
export async function run(stores, { echoUrl, probeImage }) {
  const list = Object.values(stores);
  say("Round trips…");
  await checkRoundTrips(list);
  say("Asking the server which markers arrived…");
  await checkWhatIsSent(list, echoUrl);
  say("Sizes and quota…");
  await measureSizes(stores.cookie);
  await probeMemoryCache(probeImage);
  say("Timing every store (this takes a few seconds)…");
  await measureTimings(list);
  await refreshWirePanel();
  say("Done. Every cell marked “This browser” now shows what your browser did.");
}

// ---- the timing chart: two bars a store, inline SVG (attributes only, no inline styles) ----

const LABEL_WIDTH = 120;
const BAR_AREA = 380;
const BAR_HEIGHT = 14;
const LEGEND_HEIGHT = 24;
const ROW_HEIGHT = BAR_HEIGHT * 2 + 12;

function svgElement(name, attributes, text = "") {
  const node = document.createElementNS("http://www.w3.org/2000/svg", name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.textContent = text;
  return node;
}

function drawTimingChart(svg, rows) {
  const largest = Math.max(...rows.flatMap((row) => [row.medianMs, row.stallMs]), 1);
  const width = LABEL_WIDTH + BAR_AREA + 150;
  const height = LEGEND_HEIGHT + rows.length * ROW_HEIGHT;
  const bar = (y, value, className, label) => {
    const length = Math.max(1, (value / largest) * BAR_AREA);
    return [
      svgElement("rect", { x: LABEL_WIDTH, y, width: length, height: BAR_HEIGHT, class: className }),
      svgElement("text", { x: LABEL_WIDTH + length + 6, y: y + BAR_HEIGHT - 3 }, label),
    ];
  };
  const legend = svgElement("g", { class: "legend" });
  legend.append(
    svgElement("rect", { x: LABEL_WIDTH, y: 4, width: 12, height: 12, class: "bar" }),
    svgElement("text", { x: LABEL_WIDTH + 18, y: 14 }, "write + read back, median"),
    svgElement("rect", { x: LABEL_WIDTH + 200, y: 4, width: 12, height: 12, class: "bar stall" }),
    svgElement("text", { x: LABEL_WIDTH + 218, y: 14 }, "longest main-thread stall"),
  );
  const groups = rows.map((row, index) => {
    const top = LEGEND_HEIGHT + index * ROW_HEIGHT;
    const group = svgElement("g", { "data-store": row.id });
    group.append(
      svgElement("text", { x: 0, y: top + BAR_HEIGHT + 4 }, row.label),
      ...bar(top, row.medianMs, "bar", milliseconds(row.medianMs)),
      ...bar(top + BAR_HEIGHT + 2, row.stallMs, "bar stall", `${milliseconds(row.stallMs)} stall`),
    );
    return group;
  });
  const axis = svgElement("line", { x1: LABEL_WIDTH, y1: LEGEND_HEIGHT - 4, x2: LABEL_WIDTH, y2: height, class: "axis" });
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", width);
  svg.setAttribute("height", height);
  svg.replaceChildren(legend, ...groups, axis);
}

// ---- Web Storage capacity ----

/**
 * Fill a Web Storage area with one ever larger value until QuotaExceededError, binary-searching
 * the largest value that fits; the probe item is always removed afterwards.
 */
async function webStorageCapacity(id, onProgress) {
  const area = storageArea(id);
  const probeKey = `${LAB_NAME}:capacity-probe`;
  area.removeItem(probeKey);
  let held = 0;
  for (const key of Object.keys(area)) held += key.length + area.getItem(key).length;
  const fits = (length) => {
    try {
      area.setItem(probeKey, "x".repeat(length));
      return true;
    } catch (error) {
      if (isQuotaError(error)) return false;
      throw error;
    }
  };
  const progress = async (fitting) => {
    onProgress(fitting);
    await nextTask();
  };
  try {
    if (!fits(1)) return { full: true, heldChars: held, totalChars: held };
    let low = 1;
    let high = 2 ** 20;
    while (fits(high)) {
      low = high;
      high *= 2;
      if (high > MAX_PROBE_CHARS) throw new Error(`no limit found below ${MAX_PROBE_CHARS} characters`);
      await progress(low);
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle;
      await progress(low);
    }
    return { full: false, heldChars: held, totalChars: held + probeKey.length + low };
  } finally {
    area.removeItem(probeKey);
  }
}

export async function capacity() {
  for (const id of ["localStorage", "sessionStorage"]) {
    show(id, "max_size", "Filling until the browser refuses…", "pending");
    try {
      const result = await webStorageCapacity(id, (fits) =>
        show(id, "max_size", `Filling… ${number(fits)} characters fit so far.`, "pending"),
      );
      const text = result.full
        ? `Already full: it refused even one more character (it holds ${number(result.heldChars)}).`
        : `Held ${number(result.totalChars)} characters (keys + values) before QuotaExceededError: ${mebibytes(result.totalChars * 2)} at 2 bytes a character as Chromium counts, ${mebibytes(result.totalChars)} at one. The test item was removed again.`;
      show(id, "max_size", text, "ok", { value: result.totalChars });
    } catch (error) {
      show(id, "max_size", describeError(error), "bad");
    }
  }
  say("Capacity measured.");
}

// ---- reload markers, clearing, inspecting ----

export async function reload(stores) {
  const stamp = String(Date.now());
  const failed = [];
  for (const store of Object.values(stores)) {
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

export async function clear(stores) {
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
}

export async function inspect() {
  say("The inspector shows what the stores hold now."); // the lab redraws the inspector after every action
}

// ---- a peek tab's report ----

const tabReports = {}; // what each kind of peek tab saw, as data-link and data-window-open
const tabTexts = {};

/** A peek page (storage-peek.js) reported what it saw of this tab's storage, marked with `tabToken`. */
export async function peekReport(stores, report, tabToken) {
  const seen = report.session === tabToken ? "copy" : report.session ? "other" : "empty";
  const session = {
    copy: "started with a copy of this tab's sessionStorage",
    other: "saw some other sessionStorage value",
    empty: "started with an empty sessionStorage",
  }[seen];
  const local = report.local === tabToken ? "saw this tab's localStorage marker (shared)" : "did not see this tab's localStorage marker";
  const mine = await stores.sessionStorage.read(TAB_KEY).catch(describeError);
  const isolated = report.changed && mine === tabToken ? " Its own change to sessionStorage did not reach this tab." : "";
  const [via, who] =
    report.via === "window-open" ? ["windowOpen", "The window.open() window"] : ["link", "The new tab (rel=noopener link)"];
  tabReports[via] = seen;
  tabTexts[via] = `${who} ${session} and ${local}.${isolated}`;
  show("sessionStorage", "tabs", Object.values(tabTexts).join(" "), "ok", tabReports);
}
