// Where the storage lab reports: a "This browser" line per table cell, and the status line.

/** Add the measured lines to the table (without JavaScript the page shows only what is documented). */
export function addMeasuredLines() {
  const line = (store, column, measure, label, text) => {
    const p = make("p", { className: "measured-line" });
    p.append(
      make("span", { className: "measured-label", textContent: `${label}: ` }),
      make("output", { className: "measured", id: `m-${store}-${measure}`, textContent: text }),
    );
    document.querySelector(`#storage-table tr[data-store=${store}] td[data-column=${column}]`).append(p);
  };
  for (const row of document.querySelectorAll("#storage-table tr[data-store]")) {
    for (const column of ["max_size", "api", "persistence", "sent_with_requests"]) {
      const hint = column === "persistence" ? "Press “Write reload markers and reload”." : "Press Run.";
      line(row.dataset.store, column, column, "This browser", hint);
    }
  }
  line("sessionStorage", "persistence", "tabs", "Other tabs", "Open a new tab or a window above.");
  for (const store of ["indexedDB", "cacheApi"]) {
    line(store, "persistence", "persist", "Eviction", "Press Run to ask navigator.storage.persist().");
  }
}

/** Fill one measured line, m-<store>-<measure>: its words, a state for the colour, raw figures as data-*. */
export function show(store, measure, text, state = "ok", data = {}) {
  const output = document.getElementById(`m-${store}-${measure}`);
  if (!output) return;
  output.textContent = text;
  for (const key of Object.keys(output.dataset)) delete output.dataset[key]; // nothing stale from a run before
  Object.assign(output.dataset, { state, ...data });
}

export function say(text) {
  document.getElementById("lab-status").textContent = text;
}

/** A new element with these properties (className, textContent, type…) and attributes. */
export function make(tag, properties = {}, attributes = {}) {
  const node = Object.assign(document.createElement(tag), properties);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}
