// The five stores a page can script, behind one shape so the lab can treat them alike:
// write(key, value), read(key), erase(key) for the lab's own (namespaced) items, clearLab() to
// remove what the lab may remove, and the handles storage-actions.js times bulk writes with.
// Every failure is thrown as an error for the caller to report in plain words.

import { visibleCookie, visibleCookies } from "../cookielab.js";

export const LAB_NAME = "cookielab-storage-lab"; // IndexedDB database, cache names, Web Storage key prefix
// the lab's marker keys, shared by the page, its button actions and the peek tab
export const TAB_KEY = "tab";
export const RELOAD_KEY = "reload";
export const RELOAD_NOTE = `${LAB_NAME}:reload-note`; // in sessionStorage: which reload markers failed
const IDB_STORE = "items";
const OPEN_TIMEOUT_MS = 5000;

/** A store that cannot be used here, with the reason in words a student can act on. */
export class Unavailable extends Error {
  name = "Unavailable";
}

export const isQuotaError = (error) => error?.name === "QuotaExceededError" || error?.code === 22;

/** What went wrong, in a sentence for a table cell. */
export function describeError(error) {
  if (error instanceof Unavailable) return error.message;
  const name = error?.name || "Error";
  const detail = `${name}: ${error?.message || error}`;
  if (isQuotaError(error)) return `Quota exceeded: the browser refused to store more (${detail}).`;
  if (name === "SecurityError") {
    return `Blocked: the browser does not let this page use it (${detail}). Storage may be disabled for this site.`;
  }
  if (name === "InvalidStateError") return `Not usable in this state, e.g. a private window (${detail}).`;
  if (name === "UnknownError") return `The browser failed to store it, e.g. the disk is full (${detail}).`;
  return detail;
}

function randomToken() {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export const markerToken = (label) => `${label}-${randomToken()}`;

// ---- cookies ----

export function cookieStore({ prefix, path }) {
  const attributes = `; Path=${path}; SameSite=Strict${location.protocol === "https:" ? "; Secure" : ""}`;
  const set = (name, value) => {
    if (!navigator.cookieEnabled) throw new Unavailable("Cookies are disabled in this browser.");
    document.cookie = `${name}=${value}${attributes}`;
  };
  const expire = (name) => {
    document.cookie = `${name}=; Max-Age=0${attributes}`;
  };
  return {
    id: "cookie",
    label: "Cookies",
    prefix,
    set,
    expire,
    isLabCookie: (name) => name.startsWith(prefix),
    async write(key, value) {
      set(prefix + key, encodeURIComponent(value));
      if (visibleCookie(prefix + key) === null) {
        throw new Unavailable("The browser did not keep the cookie: cookies may be blocked for this site.");
      }
    },
    async read(key) {
      const value = visibleCookie(prefix + key);
      try {
        return value === null ? null : decodeURIComponent(value);
      } catch {
        return value;
      }
    },
    erase: async (key) => expire(prefix + key),
    async clearLab() {
      for (const [name] of visibleCookies()) if (name.startsWith(prefix)) expire(name);
    },
  };
}

// ---- localStorage and sessionStorage ----

/** The Storage object, or the reason it is unusable (the getter itself throws when storage is blocked). */
export function storageArea(id) {
  const area = window[id];
  if (!area) throw new Unavailable(`${id} does not exist in this browser.`);
  return area;
}

export function webStorage(id) {
  const key = (name) => `${LAB_NAME}:${name}`;
  return {
    id,
    label: id,
    key,
    area: () => storageArea(id),
    write: async (name, value) => storageArea(id).setItem(key(name), value),
    read: async (name) => storageArea(id).getItem(key(name)),
    erase: async (name) => storageArea(id).removeItem(key(name)),
    clearLab: async () => storageArea(id).clear(),
  };
}

// ---- IndexedDB ----

function indexedDBFactory() {
  const factory = globalThis.indexedDB;
  if (!factory) throw new Unavailable("IndexedDB is not available in this browser or mode.");
  return factory;
}

/** The names of this origin's databases, or null when the browser cannot list them. */
export async function databaseNames() {
  const factory = indexedDBFactory();
  return typeof factory.databases === "function" ? (await factory.databases()).map((info) => info.name) : null;
}

/** A request's result as a promise. */
export function requestResult(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = (event) => {
      event.preventDefault();
      reject(request.error);
    };
  });
}

export function transactionDone(transaction) {
  return new Promise((resolve, reject) => {
    transaction.oncomplete = () => resolve();
    transaction.onerror = (event) => event.preventDefault();
    transaction.onabort = () => reject(transaction.error || new Error("The transaction was aborted."));
  });
}

/** Open a database (version 1 with `upgrade`); a blocked or silent open is reported instead of waiting forever. */
export function openDatabase(name, upgrade) {
  return new Promise((resolve, reject) => {
    const request = upgrade ? indexedDBFactory().open(name, 1) : indexedDBFactory().open(name);
    let settled = false;
    const fail = (error) => {
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Unavailable(`IndexedDB did not answer within ${OPEN_TIMEOUT_MS / 1000} seconds.`)),
      OPEN_TIMEOUT_MS,
    );
    request.onupgradeneeded = () => upgrade?.(request.result);
    request.onblocked = () =>
      fail(new Unavailable("Opening the database was blocked: another tab holds an older version of it open."));
    request.onerror = (event) => {
      event.preventDefault();
      fail(request.error);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close(); // let another tab upgrade or delete it
      if (settled) return db.close(); // it answered after we gave up on it
      clearTimeout(timer);
      resolve(db);
    };
  });
}

export function indexedDBStore() {
  let connection = null;
  const forget = () => {
    connection = null;
  };
  const objects = async (mode) => {
    if (!connection) {
      connection = openDatabase(LAB_NAME, (db) => db.createObjectStore(IDB_STORE));
      connection.then((db) => {
        db.onclose = forget; // the browser closed it, e.g. the user cleared the site's data
        db.addEventListener("versionchange", forget);
      }, forget);
    }
    return (await connection).transaction(IDB_STORE, mode).objectStore(IDB_STORE);
  };
  const change = async (work) => {
    const store = await objects("readwrite");
    work(store);
    await transactionDone(store.transaction);
  };
  return {
    id: "indexedDB",
    label: "IndexedDB",
    objects,
    change,
    write: (key, value) => change((store) => store.put(value, key)),
    async read(key) {
      // a read must not create the database, as opening it would
      if (!((await databaseNames()) ?? [LAB_NAME]).includes(LAB_NAME)) return null;
      return (await requestResult((await objects("readonly")).get(key))) ?? null;
    },
    erase: (key) => change((store) => store.delete(key)),
    async clearLab() {
      const pending = connection;
      forget();
      (await pending?.catch(() => null))?.close();
      const request = indexedDBFactory().deleteDatabase(LAB_NAME);
      const blocked = new Promise((_, reject) => {
        request.onblocked = () =>
          reject(new Unavailable("Deleting the database waits for another tab that still has it open."));
      });
      await Promise.race([requestResult(request), blocked]);
    },
  };
}

// ---- Cache API ----

export function cacheStorage() {
  if (globalThis.caches) return globalThis.caches;
  throw new Unavailable(
    window.isSecureContext
      ? "The Cache API is missing in this browser."
      : "The Cache API exists only on secure pages (HTTPS or localhost); this page is not one.",
  );
}

export function cacheApiStore() {
  const entryUrl = (key) => new URL(`${LAB_NAME}/${encodeURIComponent(key)}`, location.href).href;
  const open = (name = LAB_NAME) => cacheStorage().open(name);
  return {
    id: "cacheApi",
    label: "Cache API",
    entryUrl,
    open,
    async write(key, value) {
      await (await open()).put(entryUrl(key), new Response(value));
    },
    async read(key) {
      // CacheStorage.match() reads without creating the cache, as open() would
      const response = await cacheStorage().match(entryUrl(key), { cacheName: LAB_NAME });
      return response ? response.text() : null;
    },
    erase: async (key) => (await open()).delete(entryUrl(key)),
    async clearLab() {
      const storage = cacheStorage();
      for (const name of await storage.keys()) if (name.startsWith(LAB_NAME)) await storage.delete(name);
    },
  };
}
