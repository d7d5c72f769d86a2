// Shared helpers for every Cookie Lab page (an ES module; no inline script anywhere).

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
