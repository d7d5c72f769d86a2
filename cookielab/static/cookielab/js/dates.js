// Dates as people read them, in the words of the server's `when` filter (cookielab/core/dates.py).
const UNITS = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "in 13 days", "5 minutes ago": the same words as the server's `when` filter (cookielab/core/dates.py). */
export function relativeTime(ms, now = Date.now()) {
  const delta = ms - now;
  const size = Math.abs(delta);
  if (size < 1000) return "now";
  for (const [unit, length] of UNITS) {
    if (size >= 2 * length || (unit === "day" && size >= length) || unit === "second") {
      const count = Math.round(size / length);
      const words = `${count} ${unit}${count === 1 ? "" : "s"}`;
      return delta > 0 ? `in ${words}` : `${words} ago`;
    }
  }
  return "now";
}

/** A <time> element for epoch milliseconds: "in 13 days (15 Dec 2026, 14:02 UTC)", the exact ISO instant in its title. */
export function timeElement(ms, now = Date.now()) {
  const date = new Date(ms);
  const pad = (n) => String(n).padStart(2, "0");
  const precise = Math.abs(ms - now) < 3_600_000;
  const clock = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}${precise ? `:${pad(date.getUTCSeconds())}` : ""}`;
  const element = document.createElement("time");
  element.dateTime = date.toISOString();
  element.title = date.toISOString();
  element.textContent =
    `${relativeTime(ms, now)} (${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${clock} UTC)`;
  return element;
}
