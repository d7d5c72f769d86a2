// The five stores a page can script, behind one shape, so the lab can treat them alike:
//   write(key, value) / read(key) / erase(key)  the lab's own items (keys are namespaced)
//   bulk(count) / cleanupBulk()                 write + read back `count` items (for timing)
//   clearLab()                                  remove what the lab may remove
// Every failure is thrown as an error for the caller to report in plain words.

import { visibleCookie, visibleCookies } from "./cookielab.js";

export const LAB_NAME = "cookielab-storage-lab"; // IndexedDB database, cache names, Web Storage key prefix
const IDB_STORE = "items";
const OPEN_TIMEOUT_MS = 5000;

/** A store that cannot be used here, with the reason in words a student can act on. */
export class Unavailable extends Error {
  constructor(message) {
    super(message);
    this.name = "Unavailable";
  }
}

export function isQuotaError(error) {
  return Boolean(error) && (error.name === "QuotaExceededError" || error.code === 22);
}

/** What went wrong, in a sentence for a table cell. */
export function describeError(error) {
  if (error instanceof Unavailable) return error.message;
  const name = (error && error.name) || "Error";
  const detail = (error && error.message) || String(error);
  if (isQuotaError(error)) return `Quota exceeded: the browser refused to store more (${name}: ${detail}).`;
  if (name === "SecurityError") {
    return `Blocked: the browser does not let this page use it (${name}: ${detail}). Storage may be disabled for this site.`;
  }
  if (name === "InvalidStateError") return `Not usable in this state, e.g. a private window (${name}: ${detail}).`;
  if (name === "UnknownError") return `The browser failed to store it, e.g. the disk is full (${name}: ${detail}).`;
  return `${name}: ${detail}`;
}

// ---- cookies --------------------------------------------------------------------------------

function decodeCookieValue(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

export function cookieStore({ prefix, path }) {
  const attributes = `; Path=${path}; SameSite=Strict${location.protocol === "https:" ? "; Secure" : ""}`;
  const check = () => {
    if (!navigator.cookieEnabled) throw new Unavailable("Cookies are disabled in this browser.");
  };
  const setRaw = (name, value) => {
    document.cookie = `${name}=${value}${attributes}`;
  };
  const expire = (name) => {
    document.cookie = `${name}=; Max-Age=0${attributes}`;
  };
  return {
    id: "cookie",
    label: "Cookies",
    prefix,
    async write(key, value) {
      check();
      setRaw(prefix + key, encodeURIComponent(value));
      if (visibleCookie(prefix + key) === null) {
        throw new Unavailable("The browser did not keep the cookie: cookies may be blocked for this site.");
      }
    },
    async read(key) {
      const value = visibleCookie(prefix + key);
      return value === null ? null : decodeCookieValue(value);
    },
    async erase(key) {
      expire(prefix + key);
    },
    /** A domain keeps only ~180 cookies, so this rewrites ONE cookie `count` times. */
    async bulk(count) {
      check();
      const name = `${prefix}bulk`;
      for (let i = 0; i < count; i += 1) {
        setRaw(name, `v${i}`);
        if (visibleCookie(name) !== `v${i}`) {
          throw new Unavailable(`The browser did not keep write ${i + 1} of ${count}.`);
        }
      }
    },
    async cleanupBulk() {
      expire(`${prefix}bulk`);
    },
    /** Does the browser keep a cookie whose name + value is `bytes` long? (ASCII: one byte a character) */
    keepsCookieOf(bytes) {
      check();
      const name = `${prefix}size`;
      setRaw(name, "x".repeat(Math.max(0, bytes - name.length)));
      const kept = visibleCookie(name) !== null;
      expire(name);
      return kept;
    },
    isLabCookie(name) {
      return name.startsWith(prefix);
    },
    expireCookie(name) {
      expire(name);
    },
    async clearLab() {
      for (const [name] of visibleCookies()) if (name.startsWith(prefix)) expire(name);
    },
  };
}

// ---- localStorage and sessionStorage --------------------------------------------------------

/** The Storage object, or the reason it is unusable (the getter itself throws when storage is blocked). */
export function storageArea(id) {
  const area = window[id];
  if (!area) throw new Unavailable(`${id} does not exist in this browser.`);
  return area;
}

export function webStorage(id) {
  const key = (name) => `${LAB_NAME}:${name}`;
  const bulkKey = (i) => key(`bulk:${i}`);
  return {
    id,
    label: id,
    async write(name, value) {
      storageArea(id).setItem(key(name), value);
    },
    async read(name) {
      return storageArea(id).getItem(key(name));
    },
    async erase(name) {
      storageArea(id).removeItem(key(name));
    },
    async bulk(count) {
      const area = storageArea(id);
      for (let i = 0; i < count; i += 1) area.setItem(bulkKey(i), `value ${i}`);
      for (let i = 0; i < count; i += 1) {
        if (area.getItem(bulkKey(i)) !== `value ${i}`) throw new Error(`item ${i} did not read back`);
      }
    },
    async cleanupBulk() {
      const area = storageArea(id);
      for (const name of Object.keys(area)) if (name.startsWith(key("bulk:"))) area.removeItem(name);
    },
    async clearLab() {
      storageArea(id).clear();
    },
  };
}

// ---- IndexedDB ------------------------------------------------------------------------------

function indexedDBFactory() {
  const factory = globalThis.indexedDB;
  if (!factory) throw new Unavailable("IndexedDB is not available in this browser or mode.");
  return factory;
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

/** Open a database; a blocked or silent open is reported instead of waiting forever. */
export function openDatabase(name, { version, upgrade } = {}) {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(error);
    };
    const timer = setTimeout(
      () => fail(new Unavailable(`IndexedDB did not answer within ${OPEN_TIMEOUT_MS / 1000} seconds.`)),
      OPEN_TIMEOUT_MS,
    );
    let request;
    try {
      const factory = indexedDBFactory();
      request = version ? factory.open(name, version) : factory.open(name);
    } catch (error) {
      fail(error);
      return;
    }
    request.onupgradeneeded = () => {
      if (upgrade) upgrade(request.result);
    };
    request.onblocked = () =>
      fail(new Unavailable("Opening the database was blocked: another tab holds an older version of it open."));
    request.onerror = (event) => {
      event.preventDefault();
      fail(request.error);
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => db.close(); // let another tab upgrade or delete it
      if (settled) {
        db.close();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(db);
    };
  });
}

export async function labDatabaseExists() {
  const factory = indexedDBFactory();
  if (typeof factory.databases !== "function") return true; // cannot tell without opening it
  const databases = await factory.databases();
  return databases.some((info) => info.name === LAB_NAME);
}

export function indexedDBStore() {
  let connection = null;
  const database = async () => {
    if (!connection) {
      connection = openDatabase(LAB_NAME, {
        version: 1,
        upgrade: (db) => {
          if (!db.objectStoreNames.contains(IDB_STORE)) db.createObjectStore(IDB_STORE);
        },
      }).then((db) => {
        db.addEventListener("versionchange", () => {
          connection = null;
        });
        db.addEventListener("close", () => {
          connection = null;
        });
        return db;
      });
      connection.catch(() => {
        connection = null;
      });
    }
    return connection;
  };
  const objects = async (mode) => (await database()).transaction(IDB_STORE, mode);
  return {
    id: "indexedDB",
    label: "IndexedDB",
    async write(key, value) {
      const transaction = await objects("readwrite");
      transaction.objectStore(IDB_STORE).put(value, key);
      await transactionDone(transaction);
    },
    async read(key) {
      const transaction = await objects("readonly");
      const value = await requestResult(transaction.objectStore(IDB_STORE).get(key));
      return value === undefined ? null : value;
    },
    async erase(key) {
      const transaction = await objects("readwrite");
      transaction.objectStore(IDB_STORE).delete(key);
      await transactionDone(transaction);
    },
    async bulk(count) {
      const writing = await objects("readwrite");
      const store = writing.objectStore(IDB_STORE);
      for (let i = 0; i < count; i += 1) store.put(`value ${i}`, `bulk:${i}`);
      await transactionDone(writing);
      const reading = (await objects("readonly")).objectStore(IDB_STORE);
      const values = await Promise.all(
        Array.from({ length: count }, (_, i) => requestResult(reading.get(`bulk:${i}`))),
      );
      values.forEach((value, i) => {
        if (value !== `value ${i}`) throw new Error(`item ${i} did not read back`);
      });
    },
    async cleanupBulk() {
      const transaction = await objects("readwrite");
      transaction.objectStore(IDB_STORE).delete(IDBKeyRange.bound("bulk:", "bulk:\uffff"));
      await transactionDone(transaction);
    },
    async clearLab() {
      if (connection) {
        const pending = connection;
        connection = null;
        try {
          (await pending).close();
        } catch {
          // it never opened: nothing to close
        }
      }
      const request = indexedDBFactory().deleteDatabase(LAB_NAME);
      await new Promise((resolve, reject) => {
        request.onsuccess = () => resolve();
        request.onerror = (event) => {
          event.preventDefault();
          reject(request.error);
        };
        request.onblocked = () =>
          reject(new Unavailable("Deleting the database waits for another tab that still has it open."));
      });
    },
  };
}

// ---- Cache API ------------------------------------------------------------------------------

export function cacheStorage() {
  const storage = globalThis.caches;
  if (!storage) {
    throw new Unavailable(
      window.isSecureContext
        ? "The Cache API is missing in this browser."
        : "The Cache API exists only on secure pages (HTTPS or localhost); this page is not one.",
    );
  }
  return storage;
}

export function isLabCache(name) {
  return name.startsWith(LAB_NAME);
}

export function cacheApiStore() {
  const bulkName = `${LAB_NAME}-bulk`;
  const entryUrl = (key) => new URL(`${LAB_NAME}/${encodeURIComponent(key)}`, location.href).href;
  const open = (name = LAB_NAME) => cacheStorage().open(name);
  const textResponse = (value) => new Response(value, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  return {
    id: "cacheApi",
    label: "Cache API",
    async write(key, value) {
      await (await open()).put(entryUrl(key), textResponse(value));
    },
    async read(key) {
      // CacheStorage.match() reads without creating the cache, as open() would
      const response = await cacheStorage().match(entryUrl(key), { cacheName: LAB_NAME });
      return response ? response.text() : null;
    },
    async erase(key) {
      await (await open()).delete(entryUrl(key));
    },
    async bulk(count) {
      const cache = await open(bulkName);
      const urls = Array.from({ length: count }, (_, i) => entryUrl(`bulk:${i}`));
      await Promise.all(urls.map((url, i) => cache.put(url, textResponse(`value ${i}`))));
      const values = await Promise.all(urls.map(async (url) => (await cache.match(url)).text()));
      values.forEach((value, i) => {
        if (value !== `value ${i}`) throw new Error(`item ${i} did not read back`);
      });
    },
    async cleanupBulk() {
      await cacheStorage().delete(bulkName);
    },
    async clearLab() {
      const storage = cacheStorage();
      for (const name of await storage.keys()) if (isLabCache(name)) await storage.delete(name);
    },
  };
}
