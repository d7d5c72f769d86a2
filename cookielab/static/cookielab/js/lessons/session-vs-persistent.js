// Session vs persistent cookies: show the expiry the browser itself stored for each demo cookie.
import { timeElement } from "../dates.js";

const DAY_MS = 86_400_000;

function describe(cookie, now) {
  if (!cookie) return "not stored";
  if (cookie.expires === null || cookie.expires === undefined) return "session (no expiry: gone when the browser closes)";
  return timeElement(cookie.expires, now);
}

async function showExpiries() {
  const table = document.getElementById("lifetimes");
  const note = document.getElementById("cookie-store-note");
  if (!table) return;
  if (!("cookieStore" in window)) {
    note.textContent =
      "Your browser does not expose expiry to pages; open DevTools > Application (Storage in Firefox) > Cookies.";
    for (const cell of table.querySelectorAll(".browser-expiry")) cell.textContent = "see DevTools";
    return;
  }
  const cookies = await window.cookieStore.getAll();
  const now = Date.now();
  for (const row of table.querySelectorAll("tr[data-cookie]")) {
    const cookie = cookies.find((item) => item.name === row.dataset.cookie);
    const cell = row.querySelector(".browser-expiry");
    cell.replaceChildren(describe(cookie, now));
    if (cookie && typeof cookie.expires === "number") {
      cell.dataset.expiresDays = String((cookie.expires - now) / DAY_MS);
    }
  }
  table.dataset.browserView = "ready";
}

showExpiries();
