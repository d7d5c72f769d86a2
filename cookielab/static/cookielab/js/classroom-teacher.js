// The teacher's dashboard counts the class again every few seconds, without reloading the page.
import { fetchJson } from "./cookielab.js";

const root = document.getElementById("classroom");

function plural(count, word) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** Change a text only when it differs, so a live region speaks only of real changes. */
function setText(element, text) {
  if (element && element.textContent !== String(text)) element.textContent = String(text);
}

function setMeter(meter, value, max) {
  if (!meter) return;
  meter.max = Math.max(max, 1);
  meter.value = value;
}

function cell(text, tag = "td") {
  const element = document.createElement(tag);
  element.textContent = text;
  if (tag === "th") element.scope = "row";
  return element;
}

function updateRoster(roster) {
  const body = root.querySelector("#roster tbody");
  const rows = roster.map((student) => {
    const row = document.createElement("tr");
    row.className = student.active ? "is-active" : "is-away";
    row.append(
      cell(student.name, "th"),
      cell(String(student.finished)),
      cell(String(student.answered)),
      cell(student.active ? student.seen : `${student.seen} (away)`),
    );
    return row;
  });
  if (rows.length) body.replaceChildren(...rows);
}

function updateQuestion(box, counts) {
  setText(box.querySelector(".answered"), counts.answered);
  setText(box.querySelector(".right"), counts.right);
  const rows = [...box.querySelectorAll("tr[data-choice]")];
  const wrong = rows.filter((row) => !row.dataset.answer);
  const top = Math.max(0, ...wrong.map((row) => counts.first_choices[Number(row.dataset.choice)] || 0));
  for (const row of rows) {
    const count = counts.first_choices[Number(row.dataset.choice)] || 0;
    setText(row.querySelector(".count"), count);
    setMeter(row.querySelector("meter"), count, counts.answered);
    if (!row.dataset.answer) row.classList.toggle("is-popular-wrong", top > 0 && count === top);
  }
}

function updateStore(facts) {
  const list = root.querySelector("#store-facts");
  const items = facts.flatMap(([label, value]) => [cell(label, "dt"), cell(value, "dd")]);
  list.replaceChildren(...items);
}

function update(data) {
  setText(root.querySelector("#active-count"), plural(data.active, "student"));
  setText(root.querySelector("#student-count"), data.students);
  for (const row of root.querySelectorAll("#lessons-finished tr[data-lesson]")) {
    const finished = data.lessons[row.dataset.lesson] || 0;
    setText(row.querySelector(".finished"), finished);
    setMeter(row.querySelector("meter"), finished, data.students);
  }
  for (const details of root.querySelectorAll("details[data-lesson]")) {
    let answers = 0;
    for (const box of details.querySelectorAll("[data-question]")) {
      const counts = data.questions[box.dataset.question];
      if (!counts) continue;
      answers += counts.answered;
      updateQuestion(box, counts);
    }
    setText(details.querySelector(".lesson-answered"), answers);
  }
  updateRoster(data.roster);
  updateStore(data.store);
  const stamp = root.querySelector("#generated-at");
  stamp.dateTime = data.generated_at;
  setText(stamp, data.generated_at.slice(11, 19));
  root.dataset.refreshed = data.generated_at;
}

async function refresh() {
  if (document.hidden) return;
  try {
    update(await fetchJson(root.dataset.url, "the dashboard's data answered"));
    delete root.dataset.refreshError;
  } catch (error) {
    // A restarted server has a new teacher key: this page's cookie no longer opens the dashboard.
    root.dataset.refreshError = String(error);
    setText(root.querySelector("#refresh-status"), `Could not count again (${error.message}); use the new teacher link if the server was restarted.`);
  }
}

if (root) {
  const seconds = Number(root.dataset.interval) || 5;
  setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
}
