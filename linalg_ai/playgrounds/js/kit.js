// Drawing and readout helpers shared by every playground.
//
// Python prepends this file to each playground's ESM (see linalg_ai/playgrounds/base.py), so every
// widget ships one self-contained module: no imports, nothing fetched at run time. Names start
// with "kit" to keep them apart from a playground's own code.

const KIT_SVG_NS = "http://www.w3.org/2000/svg";

// One palette for the playgrounds, dark enough for text contrast >= 4.5:1 on white.
const KIT_COLORS = {
  a: "#1f5fa8", // blue
  b: "#b3261e", // red
  sum: "#1b6e35", // green
  scaled: "#6a3d9a", // purple
  proj: "#8a4b00", // brown
  grid: "#e3e3e3",
  axis: "#6b6b6b",
  text: "#1a1a1a",
};

// Format like Number.prototype.toFixed, but never show "-0.00". The Python side
// (formulas.fmt) implements the same rule, so the two print identical strings.
function kitFmt(x, decimals) {
  if (!Number.isFinite(x)) return "undefined";
  let s = x.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s;
}

function kitFmtVec(v, decimals) {
  return `(${kitFmt(v[0], decimals)}, ${kitFmt(v[1], decimals)})`;
}

// Black or white, whichever contrasts more with the background colour [r, g, b] (WCAG luminance).
function kitTextOn([r, g, b]) {
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  return luminance > 0.179 ? "#000000" : "#ffffff";
}

// Create an SVG element with attributes, appended to parent when given.
function kitSvg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(KIT_SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, String(value));
  if (parent) parent.appendChild(node);
  return node;
}

// Create an HTML element with a class and optional text.
function kitEl(tag, className, parent = null, text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// The outer layout every playground uses: a figure on the left, the readouts on the right.
function kitFrame(el, name, title, { stacked = false } = {}) {
  el.classList.add("la-playground");
  const root = kitEl("div", stacked ? "la-root la-stacked" : "la-root", el);
  root.dataset.playground = name;
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", title);
  const figure = kitEl("div", "la-figure", root);
  const side = kitEl("div", "la-side", root);
  return { root, figure, side };
}

// A square coordinate plane [-limit, limit]^2 with grid, axes and integer ticks.
function kitPlane(parent, { limit = 5, size = 340, label = "coordinate plane", tickEvery = 1 } = {}) {
  const svg = kitSvg("svg", {
    viewBox: `0 0 ${size} ${size}`, class: "la-plane", role: "img", "aria-label": label,
  }, parent);
  const scale = size / (2 * limit);
  const toPx = ([x, y]) => [size / 2 + x * scale, size / 2 - y * scale];
  const grid = kitSvg("g", { "aria-hidden": "true" }, svg);
  for (let t = -limit; t <= limit + 1e-9; t += tickEvery) {
    const [px] = toPx([t, 0]);
    const [, py] = toPx([0, t]);
    const isAxis = Math.abs(t) < 1e-9;
    const stroke = isAxis ? KIT_COLORS.axis : KIT_COLORS.grid;
    kitSvg("line", { x1: px, y1: 0, x2: px, y2: size, stroke, "stroke-width": isAxis ? 1.4 : 1 }, grid);
    kitSvg("line", { x1: 0, y1: py, x2: size, y2: py, stroke, "stroke-width": isAxis ? 1.4 : 1 }, grid);
    if (!isAxis && Math.abs(Math.abs(t) - limit) > 1e-9) {
      const [ox, oy] = toPx([0, 0]);
      const tick = Number(t.toFixed(6)).toString();
      kitSvg("text", { x: px, y: oy + 13, class: "la-tick", "text-anchor": "middle" }, grid).textContent = tick;
      kitSvg("text", { x: ox - 4, y: py + 4, class: "la-tick", "text-anchor": "end" }, grid).textContent = tick;
    }
  }
  const content = kitSvg("g", {}, svg);
  const overlay = kitSvg("g", {}, svg);
  // Pointer position in plane coordinates, whatever the CSS size of the SVG.
  const fromEvent = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(svg.getScreenCTM().inverse());
    return [(local.x - size / 2) / scale, (size / 2 - local.y) / scale];
  };
  return { svg, size, scale, limit, toPx, fromEvent, content, overlay };
}

// An arrow from `from` to `to` (plane coordinates) with a filled head and an optional label.
function kitArrow(plane, group, from, to, { color, label = null, width = 2.6, dashed = false } = {}) {
  const [x1, y1] = plane.toPx(from);
  const [x2, y2] = plane.toPx(to);
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  const g = kitSvg("g", { "aria-hidden": "true" }, group);
  if (length < 1e-6) {
    kitSvg("circle", { cx: x2, cy: y2, r: 3, fill: color }, g);
    return g;
  }
  const ux = dx / length;
  const uy = dy / length;
  const head = Math.min(12, length * 0.45);
  const baseX = x2 - ux * head;
  const baseY = y2 - uy * head;
  kitSvg("line", {
    x1, y1, x2: baseX, y2: baseY, stroke: color, "stroke-width": width,
    "stroke-dasharray": dashed ? "6 4" : "none",
  }, g);
  const wing = head * 0.45;
  kitSvg("polygon", {
    points: `${x2},${y2} ${baseX - uy * wing},${baseY + ux * wing} ${baseX + uy * wing},${baseY - ux * wing}`,
    fill: color,
  }, g);
  if (label) {
    kitSvg("text", {
      x: x2 + ux * 10 - uy * 10, y: y2 + uy * 10 + ux * 10 + 4, class: "la-arrow-label",
      fill: color, "text-anchor": "middle",
    }, g).textContent = label;
  }
  return g;
}

// A polyline through plane points (closed when `close` is true).
function kitPath(plane, group, points, attrs = {}, close = true) {
  const d = points.map((p, i) => `${i ? "L" : "M"}${plane.toPx(p).join(",")}`).join(" ") + (close ? " Z" : "");
  return kitSvg("path", { d, fill: "none", ...attrs }, group);
}

// A circle the pointer can drag; onDrag receives plane coordinates snapped to `snap`.
function kitDragHandle(plane, point, { color, label, snap = 0.1, onDrag }) {
  const [cx, cy] = plane.toPx(point);
  const handle = kitSvg("circle", {
    cx, cy, r: 11, fill: color, "fill-opacity": 0.18, stroke: color, "stroke-width": 1.5,
    class: "la-handle", "aria-hidden": "true",
  }, plane.overlay);
  kitSvg("title", {}, handle).textContent = label;
  const clamp = (v) => Math.max(-plane.limit, Math.min(plane.limit, v));
  const snapTo = (v) => Math.round(clamp(v) / snap) * snap;
  handle.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
  });
  handle.addEventListener("pointermove", (event) => {
    if (!handle.hasPointerCapture(event.pointerId)) return;
    const [x, y] = plane.fromEvent(event);
    // toFixed(6) then Number: removes float noise such as 0.30000000000000004 from the snapping.
    onDrag([Number(snapTo(x).toFixed(6)), Number(snapTo(y).toFixed(6))]);
  });
  handle.addEventListener("pointerup", (event) => handle.releasePointerCapture(event.pointerId));
  return handle;
}

// Move a drag handle to a new plane point.
function kitMoveHandle(plane, handle, point) {
  const [cx, cy] = plane.toPx(point);
  handle.setAttribute("cx", cx);
  handle.setAttribute("cy", cy);
}

// A list of "label = value" rows; each value is an <output data-readout="key"> the tests read.
function kitReadouts(parent, rows, caption = "Values") {
  const box = kitEl("div", "la-readouts", parent);
  kitEl("div", "la-caption", box, caption);
  const outputs = {};
  for (const { key, label, unit = "" } of rows) {
    const row = kitEl("div", "la-row", box);
    kitEl("span", "la-label", row, `${label} = `);
    const out = kitEl("output", "la-value", row);
    out.dataset.readout = key;
    outputs[key] = out;
    if (unit) kitEl("span", "la-unit", row, unit);
  }
  box.setAttribute("aria-live", "polite");
  return (values) => {
    for (const [key, text] of Object.entries(values)) if (outputs[key]) outputs[key].textContent = text;
  };
}

// The current inputs of a playground, read from the model traits.
function kitInputs(model, names) {
  return Object.fromEntries(names.map((name) => [name, model.get(name)]));
}

// Re-run `draw` whenever one of `names` changes; also publish the inputs on the root element
// (data-inputs) so that a test can recompute the readouts in Python. Returns the cleanup.
function kitWatch(model, root, names, draw) {
  const update = () => {
    const inputs = kitInputs(model, names);
    root.dataset.inputs = JSON.stringify(inputs);
    draw(inputs);
  };
  for (const name of names) model.on(`change:${name}`, update);
  update();
  return () => {
    for (const name of names) model.off(`change:${name}`, update);
  };
}

// Set several traits at once and send them to the kernel when there is one.
function kitSet(model, values) {
  for (const [key, value] of Object.entries(values)) model.set(key, value);
  model.save_changes();
}
