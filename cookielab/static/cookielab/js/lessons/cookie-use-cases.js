// What cookies are used for: a theme kept in localStorage, applied by this script after the page arrived.

const STORAGE_KEY = "cookielab_theme_local";
const THEMES = ["light", "dark", "system"];

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

function start() {
  const card = document.getElementById("local-theme-card");
  if (!card) return;
  const note = document.getElementById("local-theme-note");
  const theme = storedTheme();
  applyTheme(card, theme);
  const appliedAt = performance.now();
  card.dataset.appliedMs = appliedAt.toFixed(0);
  note.textContent =
    `Theme “${theme}” read from localStorage and applied ${appliedAt.toFixed(0)} ms after the navigation started. ` +
    "Until then the card showed the default: that gap is the flash.";
  document.getElementById("local-theme-buttons").hidden = false;
  for (const button of card.querySelectorAll("button[data-local-theme]")) {
    button.addEventListener("click", () => {
      const chosen = button.dataset.localTheme;
      try {
        localStorage.setItem(STORAGE_KEY, chosen);
      } catch {
        note.textContent = "This browser refused to store the theme (storage blocked or full).";
        return;
      }
      applyTheme(card, chosen);
      note.textContent = `Saved “${chosen}” in localStorage. Reload the page and watch the card.`;
    });
  }
}

start();
