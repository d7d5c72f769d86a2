// What cookies are used for: the early theme. A classic script loaded in <head> without async or
// defer, so the parser waits for it and it runs before anything of the body can be painted. It only
// marks <html>; the stylesheet themes the card from the mark. cookie-use-cases.js reports the timing.
(function markEarlyTheme() {
  const THEMES = ["light", "dark", "system"];
  let theme = "system";
  try {
    const stored = localStorage.getItem("cookielab_theme_local");
    if (THEMES.includes(stored)) theme = stored;
  } catch {
    // storage blocked: keep the default
  }
  const root = document.documentElement;
  root.dataset.earlyTheme = theme;
  root.dataset.earlyThemeMs = performance.now().toFixed(1);
})();
