// The httpbin lesson: call the API with fetch(), show the exchange and the JSON, refresh the wire panel.
import { refreshWirePanel, showResult } from "../cookielab.js";

const demo = document.getElementById("httpbin-demo");
const exchange = document.getElementById("httpbin-exchange");
const output = document.getElementById("httpbin-output");
const form = document.getElementById("httpbin-cookie-form");

function pathOf(url) {
  const parsed = new URL(url, document.baseURI);
  return parsed.pathname + parsed.search;
}

async function call(url) {
  exchange.textContent = `GET ${pathOf(url)} …`;
  output.textContent = "";
  try {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    const body = await response.text();
    const followed = response.redirected ? ` (after redirects, ended at GET ${pathOf(response.url)})` : "";
    exchange.textContent = `GET ${pathOf(url)} → ${response.status}${followed}`;
    output.textContent = body;
  } catch (error) {
    exchange.textContent = `GET ${pathOf(url)} failed: ${error}`;
  }
  showResult(document.getElementById("httpbin-result"));
  await refreshWirePanel();
}

if (demo && exchange && output) {
  demo.addEventListener("click", (event) => {
    const link = event.target.closest("a.httpbin-call");
    if (!link) return;
    event.preventDefault();
    call(link.href);
  });

  if (form) {
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const name = form.elements.cookie_name.value;
      const value = form.elements.cookie_value.value;
      const query = new URLSearchParams([[name, value]]);
      call(`${form.dataset.setUrl}?${query}`);
    });
  }
}
