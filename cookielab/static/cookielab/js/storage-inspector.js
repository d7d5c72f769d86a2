// The inspector: what this origin holds in each store right now, with a Delete per item.

import { visibleCookies } from "./cookielab.js";
import {
  LAB_NAME,
  Unavailable,
  cacheStorage,
  describeError,
  openDatabase,
  requestResult,
  storageArea,
  transactionDone,
} from "./storage-stores.js";

const MAX_ITEMS = 50;
const MAX_SHOWN_CHARS = 80;

function make(tag, { className, text, attributes } = {}) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  return node;
}

function shorten(value) {
  const text = String(value);
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS)}… (${text.length} characters)` : text;
}

/** One store's section: a heading, then a list of items or a message. */
class Section {
  constructor(container, id, title, refresh) {
    this.node = make("section", { className: "inspector-store card", attributes: { "data-store": id } });
    this.node.append(make("h3", { text: title }));
    this.list = make("ul", { className: "inspector-items" });
    this.node.append(this.list);
    this.count = 0;
    this.refresh = refresh;
    container.append(this.node);
  }

  item(key, value, remove, note = "") {
    this.count += 1;
    if (this.count > MAX_ITEMS) return;
    const li = make("li", { attributes: { "data-key": key } });
    li.append(make("code", { text: shorten(key) }));
    if (value !== undefined) li.append(" = ", make("code", { text: shorten(value) }));
    if (remove) {
      const button = make("button", { className: "secondary small", text: "Delete", attributes: { type: "button" } });
      button.setAttribute("aria-label", `Delete ${shorten(key)}`);
      button.addEventListener("click", () => this.run(remove));
      li.append(" ", button);
    }
    if (note) li.append(" ", make("small", { className: "muted", text: note }));
    this.list.append(li);
  }

  async run(remove) {
    try {
      await remove();
      await this.refresh();
    } catch (error) {
      this.message(`Could not delete it: ${describeError(error)}`, true);
    }
  }

  message(text, isError = false) {
    this.node.append(make("p", { className: isError ? "cell-error" : "muted", text }));
  }

  finish() {
    if (this.count === 0 && !this.node.querySelector(".cell-error")) this.message("Empty.");
    if (this.count > MAX_ITEMS) this.message(`…and ${this.count - MAX_ITEMS} more not listed.`);
  }
}

async function listing(section, fill) {
  try {
    await fill();
  } catch (error) {
    section.message(describeError(error), true);
  }
  section.finish();
}

function inspectCookies(section, cookies) {
  for (const [name, value] of visibleCookies()) {
    if (cookies.isLabCookie(name)) section.item(name, value, async () => cookies.expireCookie(name));
    else section.item(name, value, null, "the site's own cookie: the lab leaves it alone");
  }
}

function inspectWebStorage(section, id) {
  const area = storageArea(id);
  for (const key of Object.keys(area)) section.item(key, area.getItem(key), async () => area.removeItem(key));
}

async function databaseNames() {
  const factory = globalThis.indexedDB;
  if (!factory) throw new Unavailable("IndexedDB is not available in this browser or mode.");
  if (typeof factory.databases === "function") return { names: (await factory.databases()).map((d) => d.name) };
  return { names: [LAB_NAME], partial: true };
}

async function inspectIndexedDB(section) {
  const { names, partial } = await databaseNames();
  if (partial) section.message("This browser cannot list databases (no indexedDB.databases()); only the lab's is shown.");
  for (const name of names) {
    const db = await openDatabase(name);
    try {
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, "readonly").objectStore(storeName);
        const keys = await requestResult(store.getAllKeys(null, MAX_ITEMS));
        const total = await requestResult(store.count());
        for (const key of keys) {
          section.item(`${name} › ${storeName} › ${String(key)}`, undefined, async () => {
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
        section.count += total - keys.length;
      }
      if (db.objectStoreNames.length === 0) section.item(`${name} (no object stores)`, undefined, null);
    } finally {
      db.close();
    }
  }
}

async function inspectCaches(section) {
  const storage = cacheStorage();
  for (const name of await storage.keys()) {
    const cache = await storage.open(name);
    const requests = await cache.keys();
    if (requests.length === 0) section.item(`${name} (empty cache)`, undefined, async () => storage.delete(name));
    for (const request of requests) {
      section.item(`${name} › ${request.url}`, undefined, async () => cache.delete(request));
    }
  }
}

/** Redraw the inspector from what the stores hold now. */
export async function renderInspector(container, cookies) {
  const refresh = () => renderInspector(container, cookies);
  const fresh = make("div", { className: "inspector-stores" });
  const sections = [
    [new Section(fresh, "cookie", "Cookies visible to JavaScript", refresh), async (s) => inspectCookies(s, cookies)],
    [new Section(fresh, "localStorage", "localStorage", refresh), async (s) => inspectWebStorage(s, "localStorage")],
    [new Section(fresh, "sessionStorage", "sessionStorage", refresh), async (s) => inspectWebStorage(s, "sessionStorage")],
    [new Section(fresh, "indexedDB", "IndexedDB", refresh), inspectIndexedDB],
    [new Section(fresh, "cacheApi", "Cache API", refresh), inspectCaches],
  ];
  await Promise.all(sections.map(([section, fill]) => listing(section, () => fill(section))));
  container.replaceChildren(fresh);
}
