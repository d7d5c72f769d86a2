// The flags lesson: which demo cookies can a script see, and can it overwrite an HttpOnly one?
import { refreshWirePanel, visibleCookieNames } from "../cookielab.js";

function showVisibility() {
  const visible = visibleCookieNames();
  for (const row of document.querySelectorAll("tr[data-cookie]")) {
    row.querySelector(".js-visible").textContent = visible.has(row.dataset.cookie) ? "yes" : "no";
  }
}

function tryOverwrite() {
  const path = window.location.pathname;
  document.cookie = `lab_httponly=written-by-script; path=${path}; samesite=lax`;
  const written = document.cookie.includes("lab_httponly=written-by-script");
  document.getElementById("overwrite-result").textContent = written
    ? "The script wrote lab_httponly: there was no HttpOnly cookie of that name to protect."
    : "The browser refused: a script may not overwrite an HttpOnly cookie, and document.cookie still does not show it.";
  showVisibility();
  refreshWirePanel();
}

showVisibility();
const button = document.getElementById("overwrite-httponly");
if (button) {
  button.hidden = false;
  button.addEventListener("click", tryOverwrite);
}
