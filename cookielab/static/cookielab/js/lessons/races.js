// The race lesson: fire simultaneous views at both counters, then read what each one counted.
import { csrfToken, fetchJson, refreshWirePanel, showResult } from "../cookielab.js";

const race = document.getElementById("race");

function readCounts() {
  return fetchJson(race.dataset.countUrl, "reading the counts failed: HTTP");
}

// Loading the page stores nothing; this POST creates the session all fifty requests will share
// (fifty requests without a cookie would make fifty sessions) and answers the counts before the race.
async function startRace() {
  const response = await fetch(race.dataset.startUrl, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { Accept: "application/json", "X-CSRFToken": csrfToken() },
  });
  if (!response.ok) throw new Error(`starting the race failed: HTTP ${response.status}`);
  return response.json();
}

function fireAtOnce(url, size) {
  const view = () =>
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { Accept: "application/json" } });
  return Promise.all(Array.from({ length: size }, view));
}

function show(id, value) {
  document.getElementById(id).textContent = String(value);
}

async function runRace(button, status) {
  const size = Number(race.dataset.raceSize);
  button.disabled = true;
  status.textContent = `Sending ${size} requests to each counter…`;
  showResult(document.getElementById("race-answer"));
  try {
    const before = await startRace();
    const [lecture, atomic] = await Promise.all([
      fireAtOnce(race.dataset.counterUrl, size),
      fireAtOnce(race.dataset.atomicUrl, size),
    ]);
    const failed = [...lecture, ...atomic].filter((response) => !response.ok).length;
    const after = await readCounts();
    const lectureCounted = after.page_views - before.page_views;
    const atomicCounted = after.atomic_views - before.atomic_views;
    show("lecture-counted", lectureCounted);
    show("lecture-lost", size - lectureCounted);
    show("atomic-counted", atomicCounted);
    show("atomic-lost", size - atomicCounted);
    show("page-views-now", after.page_views);
    show("atomic-views-now", after.atomic_views);
    document.getElementById("race-result").hidden = false;
    status.textContent =
      `Done: the lecture's counter counted ${lectureCounted} of ${size}, the atomic one ${atomicCounted} of ${size}.` +
      (failed ? ` ${failed} requests failed.` : "");
  } catch (error) {
    status.textContent = `The race could not run: ${error.message}`;
  } finally {
    button.disabled = false;
    showResult(document.getElementById("race-answer"));
    refreshWirePanel();
  }
}

if (race) {
  const button = document.getElementById("race-button");
  const status = document.getElementById("race-status");
  button.hidden = false;
  document.getElementById("race-needs-js").hidden = true;
  button.addEventListener("click", () => runRace(button, status));
}
