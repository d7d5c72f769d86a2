// Shared helpers for every Cookie Lab page (an ES module; no inline script anywhere).

/** The element the address's #fragment names, if any. */
function targetOf(hash) {
  if (!hash || hash.length < 2) return null;
  try {
    return document.getElementById(decodeURIComponent(hash.slice(1)));
  } catch {
    return null;
  }
}

/** Whether the top of `element` is on screen. */
function topInView(element) {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.top < window.innerHeight;
}

/**
 * Land on the result an action sent us to: every demo form's action and every 303 ends with the anchor of its
 * result. Without JavaScript the browser scrolls there; here focus follows, so a screen reader starts reading at
 * the result (or at the first field with an error) instead of the top of the page.
 */
function focusTarget() {
  const target = targetOf(window.location.hash);
  if (!target) return;
  // Keep focus the visitor moved inside (a Tab after the skip link).
  const active = document.activeElement;
  if (active !== target && target.contains(active)) return;
  const invalid = target.querySelector("[aria-invalid=true]");
  const focused = invalid || target;
  if (!invalid && !target.hasAttribute("tabindex") && !target.matches("a[href], button, input, select, textarea")) {
    target.setAttribute("tabindex", "-1");
  }
  focused.focus({ preventScroll: true });
  // Scripts that reveal their controls above the result may have moved it: bring it back.
  if (!topInView(target)) target.scrollIntoView({ block: "start" });
}

/**
 * A script demo's answer is ready in `element`: bring it into view (the least scrolling that shows its top) and
 * name it in the address, as a form's result is, so that a reload comes back to it. Focus stays on the button
 * that was pressed (the result is a live region that is read out), so it can be pressed again.
 */
export function showResult(element) {
  if (!element) return;
  if (element.id) window.history.replaceState(window.history.state, "", `#${element.id}`);
  const box = element.getBoundingClientRect();
  if (box.top < 0 || box.top > window.innerHeight - Math.min(box.height, window.innerHeight / 3)) {
    element.scrollIntoView({ block: box.height > window.innerHeight ? "start" : "nearest" });
  }
}

/** A table or figure wider than its box says so: the box gets a "scrolls sideways" hint while it overflows. */
function markScrollers() {
  for (const box of document.querySelectorAll(".table-scroll, .figure-scroll")) {
    box.toggleAttribute("data-overflows", box.scrollWidth > box.clientWidth + 1);
  }
}

// "You pressed …": the wire panel tells which button sent the form that its story starts with.
const PRESSED = "cookielab:pressed";
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== "post") return;
  const label = (event.submitter?.textContent || "").trim().replace(/\s+/g, " ");
  const action = new URL(form.action, window.location.href);
  try {
    window.sessionStorage.setItem(PRESSED, JSON.stringify({ request: `POST ${action.pathname}${action.search}`, label }));
  } catch {
    // no sessionStorage: the panel says "You sent a form" without the button's name
  }
});

function tellWhatWasPressed() {
  const panel = document.getElementById("wire");
  const intro = document.getElementById("wire-intro");
  if (!panel?.dataset.first || !intro) return;
  let pressed = null;
  try {
    pressed = JSON.parse(window.sessionStorage.getItem(PRESSED) || "null");
  } catch {
    return;
  }
  if (pressed?.label && pressed.request === panel.dataset.first) {
    intro.textContent = `You pressed “${pressed.label}”. ${intro.textContent}`;
  }
}

tellWhatWasPressed();
if (document.readyState === "complete") {
  focusTarget();
} else {
  window.addEventListener("load", focusTarget, { once: true });
}
window.addEventListener("hashchange", focusTarget);
markScrollers();
// On a wide screen the contents disclosure is the sidebar: open it there, closed again on a phone-sized window.
const wideScreen = window.matchMedia("(min-width: 80rem)");
function openContentsWhenWide() {
  const contents = document.getElementById("contents");
  if (contents instanceof HTMLDetailsElement) contents.open = wideScreen.matches;
}
openContentsWhenWide();
wideScreen.addEventListener("change", openContentsWhenWide);
// On resize (a chart drawn, say), a frame later: the hint resizes the box.
const scrollerSizes = new ResizeObserver(() => requestAnimationFrame(markScrollers));
for (const box of document.querySelectorAll(".table-scroll, .figure-scroll")) {
  scrollerSizes.observe(box);
  for (const child of box.children) scrollerSizes.observe(child);
}

/** Re-read the "What crossed the wire" panel after a fetch() demo changed cookies. */
export async function refreshWirePanel() {
  const panel = document.getElementById("wire");
  if (!panel || !panel.dataset.wireUrl) return;
  try {
    const response = await fetch(panel.dataset.wireUrl, { credentials: "same-origin" });
    if (!response.ok) return;
    const html = await response.text();
    const fresh = new DOMParser().parseFromString(html, "text/html").getElementById("wire");
    if (fresh) panel.replaceChildren(...fresh.childNodes);
  } catch (error) {
    panel.dataset.refreshError = String(error);
  }
}

/** The CSRF token Django put in the page (from a form's hidden input, so it works with CSRF_COOKIE_HTTPONLY). */
export function csrfToken() {
  const input = document.querySelector("input[name=csrfmiddlewaretoken]");
  return input ? input.value : "";
}

/** GET one of this site's JSON endpoints, with its cookies and never from the HTTP cache; a non-2xx answer throws. */
export async function fetchJson(url, failure = "the server answered") {
  const response = await fetch(url, {
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json" },
  });
  if (!response.ok) throw new Error(`${failure} ${response.status}`);
  return response.json();
}

/** Every cookie document.cookie shows, as [name, value] pairs (HttpOnly ones never appear). */
export function visibleCookies() {
  if (!document.cookie) return [];
  return document.cookie.split("; ").map((pair) => {
    const cut = pair.indexOf("=");
    return cut < 0 ? ["", pair] : [pair.slice(0, cut), pair.slice(cut + 1)];
  });
}

/** The names of the cookies a page script can see. */
export function visibleCookieNames() {
  return new Set(visibleCookies().map(([name]) => name));
}

/** The raw value document.cookie shows for `name`, or null when a script sees no such cookie. */
export function visibleCookie(name) {
  const found = visibleCookies().find(([cookieName]) => cookieName === name);
  return found ? found[1] : null;
}
