// Lesson "Cookies in JavaScript": read and write cookies from the page, then ask the server what it got.
import { fetchJson, refreshWirePanel, showResult, visibleCookie } from "../cookielab.js";

const demo = document.getElementById("js-demo");
const WRITTEN = "js_demo_written";

function cookieAttributes(extra) {
  return `; path=${demo.dataset.cookiePath}; samesite=lax${extra}`;
}

function show(id, text) {
  document.getElementById(id).textContent = text;
}

async function listFromJavaScript() {
  show("js-document-cookie", document.cookie === "" ? "(empty string)" : document.cookie);
  if (!("cookieStore" in window)) {
    show("js-cookie-store", "This browser has no cookieStore (or this is not a secure context).");
    return;
  }
  const items = await window.cookieStore.getAll();
  show("js-cookie-store", items.length ? items.map((item) => `${item.name}=${item.value}`).join("; ") : "(none)");
}

async function askServer() {
  const data = await fetchJson(demo.dataset.echoUrl);
  const pairs = Object.entries(data.demo_cookies).map(([name, value]) => `${name}=${value}`);
  show("js-server-view", pairs.length ? pairs.join("; ") : "(none)");
  return data.demo_cookies;
}

async function refresh() {
  await listFromJavaScript();
  const server = await askServer();
  await refreshWirePanel();
  return server;
}

async function write() {
  document.cookie = `${WRITTEN}=written-by-js${cookieAttributes("; max-age=600")}`;
  const server = await refresh();
  show("js-result", WRITTEN in server
    ? `JavaScript wrote ${WRITTEN}; the server received it with the very next request.`
    : `The browser refused ${WRITTEN}.`);
}

async function overwrite() {
  const name = demo.dataset.httponlyName;
  document.cookie = `${name}=overwritten-by-js${cookieAttributes("; max-age=600")}`;
  let storeResult = "";
  if ("cookieStore" in window) {
    try {
      await window.cookieStore.set({ name, value: "overwritten-by-cookieStore", path: demo.dataset.cookiePath });
      storeResult = " cookieStore.set() reported no error.";
    } catch (error) {
      storeResult = ` cookieStore.set() failed: ${error.name}.`;
    }
  }
  const server = await refresh();
  show("js-result", server[name] && !server[name].startsWith("overwritten")
    ? `The browser refused: the server still receives ${name}=${server[name]}.${storeResult}`
    : `The server now receives ${name}=${server[name] ?? "(nothing)"}.${storeResult}`);
}

async function expire() {
  document.cookie = `${WRITTEN}=${cookieAttributes("; max-age=0")}`;
  const server = await refresh();
  const gone = !(WRITTEN in server) && visibleCookie(WRITTEN) === null;
  show("js-result", gone
    ? `${WRITTEN} is gone: written again with max-age=0, the browser threw it away.`
    : `${WRITTEN} is still there.`);
}

function run(action) {
  return () =>
    action()
      .catch((error) => show("js-result", `Something went wrong: ${error}`))
      .finally(() => showResult(document.getElementById("js-answer")));
}

if (demo) {
  document.getElementById("needs-js").hidden = true;
  demo.querySelector(".js-only").hidden = false;
  document.getElementById("js-list").addEventListener("click", run(refresh));
  document.getElementById("js-write").addEventListener("click", run(write));
  document.getElementById("js-overwrite").addEventListener("click", run(overwrite));
  document.getElementById("js-expire").addEventListener("click", run(expire));
}
