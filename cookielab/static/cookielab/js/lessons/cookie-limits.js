// Lesson "Cookie limits": which of the server's cookies does this browser hold, as scripts see it?
import { visibleCookieNames } from "../cookielab.js";

async function namesVisibleToScripts() {
  if ("cookieStore" in window) {
    const items = await window.cookieStore.getAll();
    return new Set(items.map((item) => item.name));
  }
  return visibleCookieNames();
}

async function markRows() {
  const table = document.getElementById("limits-table");
  if (!table) return;
  const names = await namesVisibleToScripts();
  for (const row of table.querySelectorAll("tr[data-cookie]")) {
    const cell = row.querySelector(".js-kept");
    const kept = names.has(row.dataset.cookie);
    cell.textContent = kept ? "kept" : "not there";
    cell.dataset.kept = kept ? "yes" : "no";
  }
}

markRows().catch((error) => {
  document.getElementById("limits-table").dataset.jsError = String(error);
});
