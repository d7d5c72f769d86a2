// Where cookies live: mark which of the cookies the server received a page script can also see.
import { visibleCookieNames } from "../cookielab.js";

function markVisibility() {
  const table = document.getElementById("cookie-views");
  if (!table) return;
  const visible = visibleCookieNames();
  for (const row of table.querySelectorAll("tr[data-cookie]")) {
    const seen = visible.has(row.dataset.cookie);
    row.querySelector(".script-sees").textContent = seen ? "yes" : "no — HttpOnly";
    visible.delete(row.dataset.cookie);
  }
  // Cookies the script sees that did not come with this request (set since it was sent).
  const body = table.tBodies[0];
  for (const name of visible) {
    const row = body.insertRow();
    row.dataset.cookie = name;
    const header = document.createElement("th");
    header.scope = "row";
    const code = document.createElement("code");
    code.textContent = name;
    header.append(code);
    row.append(header);
    row.insertCell().textContent = "not with this request";
    row.insertCell().textContent = "yes";
  }
  table.dataset.views = "ready";
}

markVisibility();
