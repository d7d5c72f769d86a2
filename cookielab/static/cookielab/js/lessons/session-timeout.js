// Count down every [data-seconds-left] element from the number of seconds the server reported.
// Counting elapsed time from page load (not the client's clock) keeps a skewed clock from mattering.

function format(seconds) {
  return seconds > 0 ? `${seconds} s left` : "expired: reload to see what the server says now";
}

function start(element) {
  const total = Number.parseInt(element.dataset.secondsLeft, 10);
  const value = element.querySelector(".countdown-value");
  if (!Number.isFinite(total) || !value) return;
  const loadedAt = performance.now();
  const tick = () => {
    const left = Math.max(0, total - Math.floor((performance.now() - loadedAt) / 1000));
    value.textContent = format(left);
    element.classList.toggle("is-expired", left === 0);
    if (left === 0) {
      clearInterval(timer);
      element.setAttribute("aria-live", "polite");
    }
  };
  const timer = setInterval(tick, 250);
  tick();
}

document.querySelectorAll("[data-seconds-left]").forEach(start);
