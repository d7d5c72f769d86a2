// The inspector: what this origin holds in each store right now, with a Delete per item.

import { visibleCookies } from "../cookielab.js";
import { make } from "./storage-cells.js";
import {
  LAB_NAME,
  cacheStorage,
  databaseNames,
  describeError,
  openDatabase,
  requestResult,
  storageArea,
  transactionDone,
} from "./storage-stores.js";

const MAX_ITEMS = 50;
const MAX_SHOWN_CHARS = 80;

function shorten(value) {
  const text = String(value);
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters)` : text;
}

/** One store's section: a heading, then a list of items or a message. */
class Section {
  constructor(id, title, refresh) {
    this.list = make("ul", { className: "inspector-items" });
    this.node = make("section", { className: "inspector-store card" }, { "data-store": id });
    this.node.append(make("h3", { textContent: title }), this.list);
    this.count = 0;
    this.refresh = refresh;
  }

  /** List an item; `remove` (a function) adds its Delete button, `note` a remark instead. */
  item(key, value, remove, note) {
    this.count += 1;
    if (this.count > MAX_ITEMS) return;
    const li = make("li", {}, { "data-key": key });
    li.append(make("code", { textContent: shorten(key) }));
    if (value !== undefined) li.append(" = ", make("code", { textContent: shorten(value) }));
    if (remove) {
      const button = make(
        "button",
        { className: "secondary small", textContent: "Delete", type: "button" },
        { "aria-label": `Delete ${shorten(key)}` },
      );
      button.addEventListener("click", () =>
        remove()
          .then(this.refresh)
          .catch((error) => this.message(`Could not delete it: ${describeError(error)}`, true)),
      );
      li.append(" ", button);
    }
    if (note) li.append(" ", make("small", { className: "muted", textContent: note }));
    this.list.append(li);
  }

  message(text, isError = false) {
    this.node.append(make("p", { className: isError ? "cell-error" : "muted", textContent: text }));
  }

  /** Run `fill`, show its failure in the section, then say what the list leaves out. */
  async fill(fill) {
    try {
      await fill(this);
    } catch (error) {
      this.message(describeError(error), true);
    }
    if (this.count === 0 && !this.node.querySelector(".cell-error")) this.message("Empty.");
    if (this.count > MAX_ITEMS) this.message(`…and ${this.count - MAX_ITEMS} more not listed.`);
  }
}

function webStorageLister(id) {
  return async (section) => {
    const area = storageArea(id);
    for (const key of Object.keys(area)) section.item(key, area.getItem(key), async () => area.removeItem(key));
  };
}

async function listIndexedDB(section) {
  const names = await databaseNames();
  if (!names) section.message("This browser cannot list databases (no indexedDB.databases()); only the lab's is shown.");
  for (const name of names ?? [LAB_NAME]) {
    const db = await openDatabase(name);
    try {
      for (const storeName of db.objectStoreNames) {
        const store = db.transaction(storeName).objectStore(storeName);
        const keys = await requestResult(store.getAllKeys(null, MAX_ITEMS));
        for (const key of keys) {
          section.item(`${name} › ${storeName} › ${key}`, undefined, async () => {
            const target = await openDatabase(name);
            try {
              const transaction = target.transaction(storeName, "readwrite");
              transaction.objectStore(storeName).delete(key);
              await transactionDone(transaction);
            } finally {
              target.close();
            }
          });
        }
        section.count += (await requestResult(store.count())) - keys.length;
      }
      if (db.objectStoreNames.length === 0) section.item(`${name} (no object stores)`);
    } finally {
      db.close();
    }
  }
}

async function listCaches(section) {
  const storage = cacheStorage();
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    const requests = await cache.keys();
    if (requests.length === 0) section.item(`${name} (empty cache)`, undefined, async () => storage.delete(name));
    for (const request of requests) section.item(`${name} › ${request.url}`, undefined, async () => cache.delete(request));
  }
}

/** Redraw the inspector from what the stores hold now; `cookies` is the lab's cookie store. */
export async function renderInspector(container, cookies) {
  const refresh = () => renderInspector(container, cookies);
  const listers = {
    cookie: [
      "Cookies visible to JavaScript",
      async (section) => {
        for (const [name, value] of visibleCookies()) {
          if (cookies.isLabCookie(name)) section.item(name, value, async () => cookies.expire(name));
          else section.item(name, value, null, "the site's own cookie: the lab leaves it alone");
        }
      },
    ],
    localStorage: ["localStorage", webStorageLister("localStorage")],
    sessionStorage: ["sessionStorage", webStorageLister("sessionStorage")],
    indexedDB: ["IndexedDB", listIndexedDB],
    cacheApi: ["Cache API", listCaches],
  };
  const fresh = make("div", { className: "inspector-stores" });
  await Promise.all(
    Object.entries(listers).map(([id, [title, fill]]) => {
      const section = new Section(id, title, refresh);
      fresh.append(section.node);
      return section.fill(fill);
    }),
  );
  container.replaceChildren(fresh);
}
