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
