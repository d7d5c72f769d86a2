// The storage lab's second tab: show what this tab sees of the lab tab's storage, then tell the lab.

import { LAB_NAME, TAB_KEY, describeError, webStorage } from "./storage-stores.js";

function show(id, text) {
  const output = document.getElementById(id);
  if (output) output.textContent = text;
}

async function readMarker(store) {
  try {
    return { value: await store.read(TAB_KEY) };
  } catch (error) {
    return { error: describeError(error) };
  }
}

async function main() {
  const via = new URL(location.href).searchParams.get("via") === "window-open" ? "window-open" : "link";
  const session = webStorage("sessionStorage");
  const local = webStorage("localStorage");
  const seenSession = await readMarker(session);
  const seenLocal = await readMarker(local);
  const report = {
    type: "peek",
    via,
    opener: Boolean(window.opener),
    session: seenSession.value ?? null,
    local: seenLocal.value ?? null,
    changed: false,
  };
  for (const hidden of document.querySelectorAll("[data-needs-js]")) hidden.hidden = false;
  show("peek-via", via === "window-open" ? "window.open() from the lab" : "a link with target=_blank rel=noopener");
  show("peek-opener", report.opener ? "set: this window can reach the lab's tab" : "null: no link back to the lab's tab");
  show(
    "peek-session",
    seenSession.error ||
      (report.session === null
        ? "Empty: this tab started with a sessionStorage of its own."
        : report.session === report.local
          ? `“${report.session}”: a copy of the lab tab's sessionStorage.`
          : `“${report.session}”: not the lab tab's current marker.`),
  );
  show(
    "peek-local",
    seenLocal.error || (report.local === null ? "No marker: press a button in the lab first." : `“${report.local}”: the same localStorage as the lab's tab.`),
  );
  try {
    await session.write(TAB_KEY, "changed in the other tab");
    report.changed = true;
  } catch {
    report.changed = false;
  }
  if (typeof BroadcastChannel === "function") {
    const channel = new BroadcastChannel(LAB_NAME);
    channel.postMessage(report);
    channel.close();
    show("peek-reported", "Reported to the lab's tab: look at its sessionStorage row.");
  } else {
    show("peek-reported", "This browser has no BroadcastChannel: compare with the lab's tab by hand.");
  }
  document.body.dataset.peekDone = "true";
}

main().catch((error) => show("peek-reported", `Could not look: ${describeError(error)}`));
