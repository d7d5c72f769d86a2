// What cookies are used for: a theme kept in localStorage. This module script applies it to the
// first card after the page was parsed; cookie-use-cases-head.js (a blocking script in <head>) has
// already marked the second. Both are then compared with the browser's own record of its first paint.
import { showResult } from "../cookielab.js";

const STORAGE_KEY = "cookielab_theme_local";
const THEMES = ["light", "dark", "system"];
const PAINT_WAIT_MS = 3000;

const ms = (value) => `${value.toFixed(0)} ms`;

function applyTheme(card, theme) {
  for (const name of THEMES) card.classList.remove(`theme-${name}`);
  card.classList.add(`theme-${theme}`);
  card.dataset.theme = theme;
}

function storedTheme() {
  try {
    const theme = localStorage.getItem(STORAGE_KEY);
    return THEMES.includes(theme) ? theme : "system";
  } catch {
    return "system";
  }
}

/**
 * The browser's first paint of this page, in ms since the navigation started ("first-paint" where
 * the browser reports it, else "first-contentful-paint"), or null: no Paint Timing API, or nothing
 * painted in time (a tab opened in the background paints nothing until it is shown).
 */
function firstPaint() {
  return new Promise((resolve) => {
    const pick = (entries) =>
      entries.find((entry) => entry.name === "first-paint") ||
      entries.find((entry) => entry.name === "first-contentful-paint");
    if (!PerformanceObserver.supportedEntryTypes?.includes("paint")) {
      resolve(null);
      return;
    }
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, PAINT_WAIT_MS);
    const observer = new PerformanceObserver((list) => {
      const entry = pick(list.getEntries());
      if (!entry) return;
      clearTimeout(timer);
      observer.disconnect();
      resolve({ name: entry.name, at: entry.startTime });
    });
    observer.observe({ type: "paint", buffered: true });
  });
}

/** One card's note: when its theme was applied, against the first paint, without claiming more than was measured. */
function verdict(card, appliedAt, paint, how) {
  card.dataset.appliedMs = appliedAt.toFixed(0);
  if (!paint) {
    card.dataset.verdict = "unknown";
    return (
      `${how} ${ms(appliedAt)} after the navigation started. That is elapsed time, not a paint: ` +
      "this browser reported no paint timing for the page, so it cannot say whether the default was drawn first."
    );
  }
  card.dataset.firstPaintMs = paint.at.toFixed(0);
  if (appliedAt < paint.at) {
    card.dataset.verdict = "before-paint";
    return (
      `${how} ${ms(appliedAt)}; the browser's first paint (${paint.name}) came at ${ms(paint.at)}. ` +
      "The theme was in place before anything was drawn: no frame showed the default."
    );
  }
  card.dataset.verdict = "after-paint";
  return (
    `${how} ${ms(appliedAt)}, after the browser's first paint (${paint.name}) at ${ms(paint.at)}: ` +
    "the page had already been drawn once with this card in the default theme. That frame is the flash " +
    "(you see it if the card was on screen)."
  );
}

async function start() {
  const card = document.getElementById("local-theme-card");
  if (!card) return;
  const note = document.getElementById("local-theme-note");
  const theme = storedTheme();
  applyTheme(card, theme);
  const appliedAt = performance.now();
  note.textContent = `Theme “${theme}” read from localStorage by a module script.`;

  const early = document.getElementById("early-theme-card");
  const earlyNote = document.getElementById("early-theme-note");
  const root = document.documentElement;

  let chosenSinceLoad = false;
  document.getElementById("local-theme-buttons").hidden = false;
  for (const button of card.querySelectorAll("button[data-local-theme]")) {
    button.addEventListener("click", () => {
      const chosen = button.dataset.localTheme;
      try {
        localStorage.setItem(STORAGE_KEY, chosen);
      } catch {
        note.textContent = "This browser refused to store the theme (storage blocked or full).";
        showResult(note);
        return;
      }
      chosenSinceLoad = true;
      applyTheme(card, chosen);
      root.dataset.earlyTheme = chosen;
      note.textContent = `Saved “${chosen}” in localStorage. Reload the page and watch both cards.`;
      showResult(note);
    });
  }

  const paint = await firstPaint();
  const moduleNote = verdict(card, appliedAt, paint, `Theme “${theme}” read from localStorage by a module script and applied at`);
  if (!chosenSinceLoad) note.textContent = moduleNote;
  if (early && earlyNote && root.dataset.earlyThemeMs) {
    const earlyAt = Number(root.dataset.earlyThemeMs);
    earlyNote.textContent = verdict(
      early,
      earlyAt,
      paint,
      `Theme “${root.dataset.earlyTheme}” marked by the blocking script in <head> at`,
    );
  }
}

start();
