// A horizontal bar chart of the timings, drawn as inline SVG (no inline styles: attributes only).

const SVG = "http://www.w3.org/2000/svg";
const LABEL_WIDTH = 120;
const BAR_AREA = 380;
const VALUE_WIDTH = 150;
const BAR_HEIGHT = 14;
const ROW_GAP = 10;

function element(name, attributes = {}, text = "") {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text) node.textContent = text;
  return node;
}

const ms = (value) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;

/**
 * rows: [{ label, medianMs, stallMs }]. Two bars a store: the whole write + read back, and the
 * longest stretch the page's main thread was frozen during it.
 */
export function drawTimingChart(svg, rows) {
  const largest = Math.max(...rows.map((row) => Math.max(row.medianMs, row.stallMs)), 1);
  const scale = (value) => Math.max(1, (value / largest) * BAR_AREA);
  const legendHeight = 24;
  const rowHeight = BAR_HEIGHT * 2 + 2 + ROW_GAP;
  const width = LABEL_WIDTH + BAR_AREA + VALUE_WIDTH;
  const height = legendHeight + rows.length * rowHeight;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("width", String(width));
  svg.setAttribute("height", String(height));

  const legend = element("g", { class: "legend" });
  legend.append(
    element("rect", { x: LABEL_WIDTH, y: 4, width: 12, height: 12, class: "bar" }),
    element("text", { x: LABEL_WIDTH + 18, y: 14 }, "write + read back, median"),
    element("rect", { x: LABEL_WIDTH + 200, y: 4, width: 12, height: 12, class: "bar stall" }),
    element("text", { x: LABEL_WIDTH + 218, y: 14 }, "longest main-thread stall"),
  );
  svg.append(legend);

  rows.forEach((row, index) => {
    const top = legendHeight + index * rowHeight;
    const group = element("g", { "data-store": row.id });
    group.append(
      element("text", { x: 0, y: top + BAR_HEIGHT + 4 }, row.label),
      element("rect", { x: LABEL_WIDTH, y: top, width: scale(row.medianMs), height: BAR_HEIGHT, class: "bar" }),
      element("text", { x: LABEL_WIDTH + scale(row.medianMs) + 6, y: top + BAR_HEIGHT - 3 }, ms(row.medianMs)),
      element("rect", {
        x: LABEL_WIDTH,
        y: top + BAR_HEIGHT + 2,
        width: scale(row.stallMs),
        height: BAR_HEIGHT,
        class: "bar stall",
      }),
      element("text", { x: LABEL_WIDTH + scale(row.stallMs) + 6, y: top + BAR_HEIGHT * 2 - 1 }, `${ms(row.stallMs)} stall`),
    );
    svg.append(group);
  });
  svg.append(element("line", { x1: LABEL_WIDTH, y1: legendHeight - 4, x2: LABEL_WIDTH, y2: height, class: "axis" }));
}
