// The measurements behind the storage lab's "this browser" cells. Each returns plain data or
// throws; the page turns both into words.

import { LAB_NAME, isQuotaError, storageArea } from "./storage-stores.js";

export const ITEMS = 1000;
export const RUNS = 3;
const MAX_PROBE_CHARS = 2 ** 27; // give up looking for a Web Storage limit above 128 M characters

export const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function randomToken() {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export function markerToken(label) {
  return `${label}-${randomToken()}`;
}

/** Write a fresh value, read it back, delete it. */
export async function roundTrip(store) {
  const token = markerToken("probe");
  await store.write("probe", token);
  const back = await store.read("probe");
  await store.erase("probe");
  if (back !== token) throw new Error(`read back ${JSON.stringify(back)} instead of the value written`);
}

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

/** Median time to write and read back ITEMS items, and the median longest main-thread stall per run. */
export async function timeStore(store) {
  const durations = [];
  const stalls = [];
  for (let run = 0; run < RUNS; run += 1) {
    await store.cleanupBulk();
    const stop = watchMainThread();
    await nextTask();
    const start = performance.now();
    try {
      await store.bulk(ITEMS);
    } finally {
      const elapsed = performance.now() - start;
      await nextTask();
      stalls.push(stop());
      durations.push(elapsed);
      await store.cleanupBulk();
    }
  }
  return { medianMs: median(durations), stallMs: median(stalls) };
}

/** The characters already held by a Storage area (keys + values). */
function charactersHeld(area) {
  let total = 0;
  for (let i = 0; i < area.length; i += 1) {
    const key = area.key(i);
    total += key.length + (area.getItem(key) || "").length;
  }
  return total;
}

/**
 * Fill a Web Storage area with one ever larger value until QuotaExceededError, binary-searching
 * the largest value that fits; the probe item is always removed afterwards.
 */
export async function webStorageCapacity(id, onProgress = () => {}) {
  const area = storageArea(id);
  const probeKey = `${LAB_NAME}:capacity-probe`;
  area.removeItem(probeKey);
  const held = charactersHeld(area);
  const fits = (length) => {
    try {
      area.setItem(probeKey, "x".repeat(length));
      return true;
    } catch (error) {
      if (isQuotaError(error)) return false;
      throw error;
    }
  };
  try {
    if (!fits(1)) return { full: true, heldChars: held, totalChars: held };
    let low = 1;
    let high = 2 ** 20;
    while (fits(high)) {
      low = high;
      high *= 2;
      if (high > MAX_PROBE_CHARS) throw new Error(`no limit found below ${MAX_PROBE_CHARS} characters`);
      onProgress(low);
      await nextTask();
    }
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (fits(middle)) low = middle;
      else high = middle;
      onProgress(low);
      await nextTask();
    }
    return { full: false, heldChars: held, totalChars: held + probeKey.length + low };
  } finally {
    area.removeItem(probeKey);
  }
}

/** navigator.storage.estimate() and the answers of persisted()/persist(). */
export async function storageManager() {
  const manager = navigator.storage;
  if (!manager || typeof manager.estimate !== "function") return null;
  const { usage, quota } = await manager.estimate();
  let persisted = null;
  if (typeof manager.persist === "function") persisted = (await manager.persisted()) || (await manager.persist());
  return { usage, quota, persisted };
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error(`the image ${url} did not load`));
    image.src = url;
  });
}

/**
 * Load one image twice and ask the Resource Timing API what the second load cost. The memory
 * cache is never visible directly; this is the closest a page can get.
 */
export async function memoryCacheProbe(imageUrl) {
  if (typeof performance.getEntriesByName !== "function") return { observed: false, entries: 0 };
  const url = new URL(imageUrl, location.href);
  url.searchParams.set("memory-cache-probe", randomToken());
  const href = url.href;
  await loadImage(href);
  const first = performance.getEntriesByName(href, "resource");
  await loadImage(href);
  const after = performance.getEntriesByName(href, "resource");
  const second = after.length > first.length ? after[after.length - 1] : null;
  return {
    observed: first.length > 0,
    firstBytes: first.length ? first[0].transferSize : null,
    newEntry: second !== null,
    secondBytes: second ? second.transferSize : null,
    secondDelivery: second ? second.deliveryType || "" : null,
  };
}
