// Lesson "Signed cookies": tamper with the signed cookie in the browser, then ask the server to check it.
import { fetchJson, refreshWirePanel, visibleCookie } from "./cookielab.js";

const demo = document.getElementById("signed-demo");
const form = document.getElementById("tamper-form");

function showReading(id, status, message) {
  const node = document.getElementById(id);
  node.textContent = message;
  node.dataset.status = status;
  node.className = `reading is-${status}`;
}

async function tamper(event) {
  event.preventDefault();
  const name = demo.dataset.cookieName;
  const raw = visibleCookie(name);
  if (raw === null) return;
  const [value, ...rest] = raw.split(":");
  const edited = [value === "admin" ? "root" : "admin", ...rest].join(":");
  document.cookie = `${name}=${edited}; path=${demo.dataset.cookiePath}; samesite=lax; max-age=3600`;
  const data = await fetchJson(demo.dataset.verifyUrl);
  const rawNode = document.getElementById("signed-raw");
  if (rawNode) rawNode.textContent = data.raw ?? "";
  document.getElementById("signed-parts")?.remove();
  showReading("signed-status", data.status, data.message);
  showReading("signed-status-max-age", data.status_max_age, data.message_max_age);
  await refreshWirePanel();
}

if (demo && form) form.addEventListener("submit", (event) => tamper(event).catch((error) => {
  showReading("signed-status", "error", `Something went wrong: ${error}`);
}));
