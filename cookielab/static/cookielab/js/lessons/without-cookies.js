// Browsers without cookies: ask the browser itself whether it accepts them.
const output = document.getElementById("cookie-enabled");
if (output) {
  output.textContent = navigator.cookieEnabled
    ? "true: this browser accepts cookies for this page"
    : "false: this browser refuses cookies here";
}
