// The playground kit: what every playground is made of, in one place.
//
// Python bundles, in this order, `const KIT_PALETTE = <linalg_ai/palette.json>;`,
// `const KIT_CONSTANTS = <playgrounds/constants.json>;`, this file and the playground's own file into
// one self-contained ES module (linalg_ai/playgrounds/base.py): no imports, nothing fetched at run
// time, and no number or colour written here that Python also writes. Names start with "kit".
//
// A playground is a spec given to kitPlayground: its inputs (model traits), an optional coordinate
// plane with draggable handles, the readouts, and a draw function returning the displayed strings.

const KIT_SVG_NS = "http://www.w3.org/2000/svg";
const KIT_DECIMALS = KIT_CONSTANTS.decimals;
const KIT_DARK_SELECTORS = ['html[data-theme="dark"]', 'body[data-jp-theme-light="false"]'];

// --- numbers -------------------------------------------------------------------------------------

// Format like Number.prototype.toFixed, but never show "-0.00". formulas.fmt implements the same
// rule in Python, so the two print identical strings.
function kitFmt(x, decimals) {
  if (!Number.isFinite(x)) return "undefined";
  let s = x.toFixed(decimals);
  if (/^-0(\.0*)?$/.test(s)) s = s.slice(1);
  return s;
}

function kitFmtVec(v, decimals = KIT_DECIMALS.coord) {
  return `(${kitFmt(v[0], decimals)}, ${kitFmt(v[1], decimals)})`;
}

// softmax(scores / temperature) as linalg_ai.attention.softmax computes it: divide by the
// temperature, subtract the largest, exponentiate, divide by the sum (-Infinity gets weight 0).
function kitSoftmax(scores, temperature = 1) {
  const scaled = scores.map((s) => s / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - top));
  let total = 0;
  for (const e of exps) total += e;
  return exps.map((e) => e / total);
}

// "₁₂₃..." for 1, 2, 3, ...
function kitSubscript(n) {
  return String(n).replace(/\d/g, (d) => "₀₁₂₃₄₅₆₇₈₉"[d]);
}

// --- colours: CSS custom properties from the palette, so the theme's mode switches them --------

// The book's name of a role of the palette ("a + b" for sum, "Ae₁" for Ae1, "L∞" for linf, ...).
function kitName(role) {
  return KIT_PALETTE.roles[role].label;
}

// A role of the palette (a, b, e1, l1, ...) as a CSS colour that follows the theme.
function kitColor(role) {
  return `var(--la-${role})`;
}

function kitUi(name) {
  return `var(--la-ui-${name})`;
}

function kitTheme() {
  return KIT_DARK_SELECTORS.some((selector) => document.querySelector(selector)) ? "dark" : "light";
}

// The current theme's value of a palette colour, for colours computed in JavaScript (heat maps).
function kitHex(group, name) {
  const entry = group === "role" ? KIT_PALETTE.hues[KIT_PALETTE.roles[name].hue] : KIT_PALETTE[group][name];
  return entry[kitTheme()];
}

function kitRgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

// The colour a fraction w of the way from rgb `from` to rgb `to`.
function kitMix(from, to, w) {
  return from.map((c, i) => Math.round(c + (to[i] - c) * w));
}

// WCAG relative luminance of [r, g, b].
function kitLuminance(rgb) {
  const channel = (c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(rgb[0]) + 0.7152 * channel(rgb[1]) + 0.0722 * channel(rgb[2]);
}

// The theme's text or background colour, whichever contrasts more with the fill [r, g, b].
function kitTextOn(rgb) {
  const fill = kitLuminance(rgb);
  const contrast = (hex) => {
    const other = kitLuminance(kitRgb(hex));
    return (Math.max(fill, other) + 0.05) / (Math.min(fill, other) + 0.05);
  };
  const text = kitHex("ui", "text");
  const background = kitHex("ui", "background");
  return contrast(text) >= contrast(background) ? text : background;
}

// Run `callback` whenever the page switches between light and dark. Returns the cleanup.
function kitOnThemeChange(callback) {
  let current = kitTheme();
  const observer = new MutationObserver(() => {
    const theme = kitTheme();
    if (theme !== current) {
      current = theme;
      callback(theme);
    }
  });
  const watch = { attributes: true, attributeFilter: ["data-theme", "data-jp-theme-light"] };
  observer.observe(document.documentElement, watch);
  if (document.body) observer.observe(document.body, watch);
  return () => observer.disconnect();
}

// --- elements ------------------------------------------------------------------------------------

// An SVG element with attributes, appended to parent when given. fill and stroke go through the
// style so that they may be CSS variables (presentation attributes cannot hold var()).
function kitSvg(tag, attrs = {}, parent = null) {
  const node = document.createElementNS(KIT_SVG_NS, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "fill" || key === "stroke") node.style.setProperty(key, String(value));
    else node.setAttribute(key, String(value));
  }
  if (parent) parent.appendChild(node);
  return node;
}

// An HTML element with a class and optional text.
function kitEl(tag, className, parent = null, text = null) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

// The outer layout: a figure beside (or above, `stacked`) a column of readouts.
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

// --- the coordinate plane ----------------------------------------------------------------------

// Two boxes {x, y, w, h} overlap.
function kitOverlap(p, q) {
  return p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;
}

// Size of a text label (viewBox units), estimated from its length: the label is placed before it
// is in the page, where it could be measured.
function kitTextBox(text, fontSize) {
  return { w: 0.64 * fontSize * [...text].length + 2, h: fontSize + 2 };
}

const KIT_TICK_FONT = 13;
const KIT_LABEL_FONT = 15;

// A square plane [-limit, limit]^2 with grid, axes and ticks, and layers for content and handles.
function kitPlane(parent, { limit = 5, size = 340, label = "coordinate plane", tickEvery = 1 } = {}) {
  const svg = kitSvg("svg", {
    viewBox: `0 0 ${size} ${size}`, class: "la-plane", role: "group", "aria-label": label,
  }, parent);
  const scale = size / (2 * limit);
  const toPx = ([x, y]) => [size / 2 + x * scale, size / 2 - y * scale];
  const grid = kitSvg("g", { "aria-hidden": "true" }, svg);
  // Tick labels are obstacles for the arrow labels.
  const obstacles = [];
  const [ox, oy] = toPx([0, 0]);
  const ticks = Math.round(limit / tickEvery);
  for (let i = -ticks; i <= ticks; i += 1) {
    const t = i * tickEvery;
    const [px] = toPx([t, 0]);
    const [, py] = toPx([0, t]);
    const cls = i === 0 ? "la-axis" : "la-gridline";
    kitSvg("line", { x1: px, y1: 0, x2: px, y2: size, class: cls }, grid);
    kitSvg("line", { x1: 0, y1: py, x2: size, y2: py, class: cls }, grid);
    // Every other tick is labelled when the grid is dense; none at the origin or the edges.
    if (i === 0 || Math.abs(i) === ticks || (ticks > 6 && i % 2 !== 0)) continue;
    const text = Number(t.toFixed(6)).toString();
    kitSvg("text", { x: px, y: oy + 15, class: "la-tick", "text-anchor": "middle" }, grid).textContent = text;
    kitSvg("text", { x: ox - 5, y: py + 5, class: "la-tick", "text-anchor": "end" }, grid).textContent = text;
    const box = kitTextBox(text, KIT_TICK_FONT);
    obstacles.push({ x: px - box.w / 2, y: oy + 15 - KIT_TICK_FONT, w: box.w, h: box.h });
    obstacles.push({ x: ox - 5 - box.w, y: py + 5 - KIT_TICK_FONT, w: box.w, h: box.h });
  }
  const content = kitSvg("g", { "aria-hidden": "true" }, svg);
  const labels = kitSvg("g", { "aria-hidden": "true" }, svg);
  const overlay = kitSvg("g", {}, svg);
  // Pointer position in plane coordinates, whatever the CSS size of the SVG.
  const fromEvent = (event) => {
    const point = svg.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    const local = point.matrixTransform(svg.getScreenCTM().inverse());
    return [(local.x - size / 2) / scale, (size / 2 - local.y) / scale];
  };
  // CSS pixels per viewBox unit (1 until the SVG is laid out).
  const pxPerUnit = () => svg.getBoundingClientRect().width / size || 1;
  const plane = { svg, size, scale, limit, toPx, fromEvent, pxPerUnit, content, labels, overlay, obstacles, pending: [] };
  return plane;
}

// Queue a label for `kitPlaceLabels`: `text` near the point `at` (plane coordinates), preferably in
// the direction `towards` ([dx, dy] in plane coordinates), in the colour of `role`. Labels with a
// lower `priority` get the first choice of place; `centred` labels try the point itself first.
function kitLabel(plane, text, at, towards, role, { priority = 0, centred = false } = {}) {
  plane.pending.push({ text, at, towards, role, priority, distances: centred ? [0, 15, 27, 42] : [15, 27, 42] });
}

// Place the queued labels one by one where they overlap no tick label, no handle and no label
// placed before them, and stay inside the plane: first in the preferred direction, then turning
// away from it in steps of 45°, then further out.
function kitPlaceLabels(plane) {
  plane.labels.replaceChildren();
  const placed = [...plane.obstacles];
  for (const handle of plane.handleBoxes || []) placed.push(handle());
  const queue = plane.pending.map((label, order) => ({ ...label, order }));
  queue.sort((p, q) => p.priority - q.priority || p.order - q.order);
  for (const { text, at, towards, role, distances } of queue) {
    const [ax, ay] = plane.toPx(at);
    const box = kitTextBox(text, KIT_LABEL_FONT);
    const base = Math.atan2(-towards[1], towards[0]);
    let best = null;
    search: for (const distance of distances) {
      for (const turn of [0, 1, -1, 2, -2, 3, -3, 4]) {
        const angle = base + (turn * Math.PI) / 4;
        const ux = Math.cos(angle);
        const uy = Math.sin(angle);
        const reach = distance && distance + Math.abs(ux) * (box.w / 2) + Math.abs(uy) * (box.h / 2);
        const cx = ax + ux * reach;
        const cy = ay + uy * reach;
        const candidate = { x: cx - box.w / 2, y: cy - box.h / 2, w: box.w, h: box.h };
        const inside = candidate.x >= 0 && candidate.y >= 0 && candidate.x + box.w <= plane.size && candidate.y + box.h <= plane.size;
        if (inside && !placed.some((other) => kitOverlap(candidate, other))) {
          best = candidate;
          break search;
        }
        if (best === null && inside) best = candidate;
      }
    }
    if (best === null) continue;
    placed.push(best);
    kitSvg("text", {
      x: best.x + best.w / 2, y: best.y + best.h / 2, class: "la-arrow-label", fill: kitColor(role),
      "text-anchor": "middle", "dominant-baseline": "central",
    }, plane.labels).textContent = text;
  }
  plane.pending = [];
}

// An arrow from `from` to `to` (plane coordinates) in the colour of `role`, with a filled head and
// an optional label: at the tip (default) or beside the middle (`labelAt: "middle"`).
function kitArrow(plane, group, from, to, { role, label = null, width = 2.6, dashed = false, labelAt = "tip", opacity = 1, priority = 0 } = {}) {
  const [x1, y1] = plane.toPx(from);
  const [x2, y2] = plane.toPx(to);
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = Math.hypot(dx, dy);
  const color = kitColor(role);
  const g = kitSvg("g", { class: "la-arrow", "data-role": role, opacity }, group);
  if (length < 1e-6) {
    kitSvg("circle", { cx: x2, cy: y2, r: 3, fill: color }, g);
  } else {
    const ux = dx / length;
    const uy = dy / length;
    const head = Math.min(12, length * 0.45);
    const baseX = x2 - ux * head;
    const baseY = y2 - uy * head;
    kitSvg("line", {
      x1, y1, x2: baseX, y2: baseY, stroke: color, "stroke-width": width, "stroke-dasharray": dashed ? "6 4" : "none",
    }, g);
    const wing = head * 0.45;
    kitSvg("polygon", {
      points: `${x2},${y2} ${baseX - uy * wing},${baseY + ux * wing} ${baseX + uy * wing},${baseY - ux * wing}`, fill: color,
    }, g);
  }
  if (label) {
    const direction = [to[0] - from[0], to[1] - from[1]];
    if (labelAt === "middle") {
      const middle = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
      kitLabel(plane, label, middle, [direction[1], -direction[0]], role, { priority });
    } else {
      kitLabel(plane, label, to, length < 1e-6 ? [1, 1] : direction, role, { priority });
    }
  }
  return g;
}

// A polyline through plane points (closed when `close` is true).
function kitPath(plane, group, points, attrs = {}, close = true) {
  const d = points.map((p, i) => `${i ? "L" : "M"}${plane.toPx(p).join(",")}`).join(" ") + (close ? " Z" : "");
  return kitSvg("path", { d, fill: "none", ...attrs }, group);
}

// --- handles ---------------------------------------------------------------------------------------

// A point the reader can drag, or focus (Tab) and move with the arrow keys (Shift: steps of 1).
// `onMove` receives plane coordinates snapped to `snap`. The visible ring is small; an invisible
// disc around it keeps the touch target at least KIT_CONSTANTS.touch_target_px wide at any zoom.
function kitDragHandle(plane, { role, label, snap = 0.1, onMove }) {
  const handle = kitSvg("g", {
    class: "la-handle", tabindex: 0, role: "button", "aria-roledescription": "draggable point",
    "aria-label": `${label}: drag, or use the arrow keys`,
  }, plane.overlay);
  const hit = kitSvg("circle", { r: KIT_CONSTANTS.touch_target_px / 2, class: "la-handle-hit" }, handle);
  const ring = kitSvg("circle", { r: 11, class: "la-handle-ring", fill: kitColor(role), stroke: kitColor(role) }, handle);
  kitSvg("title", {}, handle).textContent = label;
  handle.point = [0, 0];
  const clamp = (v) => Math.max(-plane.limit, Math.min(plane.limit, v));
  // toFixed(6) then Number: removes float noise such as 0.30000000000000004 from the snapping.
  const snapTo = (v) => Number((Math.round(clamp(v) / snap) * snap).toFixed(6));
  const move = ([x, y]) => onMove([snapTo(x), snapTo(y)]);
  handle.addEventListener("pointerdown", (event) => {
    event.preventDefault();
    handle.setPointerCapture(event.pointerId);
    handle.focus({ preventScroll: true });
  });
  handle.addEventListener("pointermove", (event) => {
    if (handle.hasPointerCapture(event.pointerId)) move(plane.fromEvent(event));
  });
  handle.addEventListener("pointerup", (event) => handle.releasePointerCapture(event.pointerId));
  const keys = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
  handle.addEventListener("keydown", (event) => {
    const step = keys[event.key];
    if (!step) return;
    event.preventDefault();
    const by = event.shiftKey ? 1 : snap;
    move([handle.point[0] + step[0] * by, handle.point[1] + step[1] * by]);
  });
  // The hit disc is 44 CSS pixels across whatever the SVG's rendered size.
  const resize = () => hit.setAttribute("r", KIT_CONSTANTS.touch_target_px / 2 / plane.pxPerUnit());
  new ResizeObserver(resize).observe(plane.svg);
  handle.ring = ring;
  return handle;
}

// Move a handle to a plane point.
function kitMoveHandle(plane, handle, point) {
  const [cx, cy] = plane.toPx(point);
  handle.point = point;
  handle.setAttribute("transform", `translate(${cx},${cy})`);
}

// --- readouts and the model ------------------------------------------------------------------------

// A list of "label = value" rows; each value is an <output data-readout="key"> the tests read.
function kitReadouts(parent, rows, caption = "Values") {
  const box = kitEl("div", "la-readouts", parent);
  kitEl("div", "la-caption", box, caption);
  const outputs = {};
  for (const { key, label, unit = "", role = null } of rows) {
    const row = kitEl("div", "la-row", box);
    const name = kitEl("span", "la-label", row, `${label} = `);
    if (role) name.style.color = kitColor(role);
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

// Re-run `draw` whenever one of `names` changes or the theme switches; publish the inputs on the
// root element (data-inputs) so that a test can recompute the readouts in Python.
function kitWatch(model, root, names, draw) {
  const update = () => {
    const inputs = kitInputs(model, names);
    root.dataset.inputs = JSON.stringify(inputs);
    draw(inputs);
  };
  for (const name of names) model.on(`change:${name}`, update);
  const stopTheme = kitOnThemeChange(update);
  update();
  return () => {
    for (const name of names) model.off(`change:${name}`, update);
    stopTheme();
  };
}

// Set traits (clamped to their sliders' ranges, given by Python in the `limits` trait) and send
// them to the kernel when there is one.
function kitSet(model, values) {
  const limits = model.get("limits") || {};
  for (const [key, value] of Object.entries(values)) {
    const range = limits[key];
    model.set(key, range && typeof value === "number" ? Math.max(range[0], Math.min(range[1], value)) : value);
  }
  model.save_changes();
}

// --- a whole playground ----------------------------------------------------------------------------

// Build a playground from its spec and return anywidget's cleanup:
//   name, title, names (the input traits), stacked,
//   plane: options of kitPlane, or planes: { name: options, ... } for several side by side (each
//   with a `caption`),
//   readouts: rows of kitReadouts, caption,
//   handles: [{ role, label, snap, plane (name), at(inputs) -> point, drop(point, model) -> traits }],
//   setup(ctx): extra controls, called once; what it returns is kept in ctx.state,
//   hint: a sentence under the readouts,
//   draw(ctx, inputs): draws into each plane's content layer (cleared before) and returns the
//   readout strings.
function kitPlayground({ model, el }, spec) {
  const frame = kitFrame(el, spec.name, spec.title, { stacked: spec.stacked });
  const ctx = { model, ...frame, planes: {} };
  const planeSpecs = spec.planes || (spec.plane ? { main: spec.plane } : {});
  const several = Object.keys(planeSpecs).length > 1;
  const row = several ? kitEl("div", "la-figure-row", frame.figure) : frame.figure;
  for (const [name, options] of Object.entries(planeSpecs)) {
    // Side by side, each plane is a figure of its own with a visible caption.
    const parent = several ? kitEl("figure", "la-plane-box", row) : row;
    if (several && options.caption) kitEl("figcaption", "la-caption", parent, options.caption);
    ctx.planes[name] = kitPlane(parent, options);
  }
  ctx.plane = Object.values(ctx.planes)[0];
  ctx.show = spec.readouts ? kitReadouts(frame.side, spec.readouts, spec.caption) : () => {};
  if (spec.setup) ctx.state = spec.setup(ctx);
  if (spec.hint) kitEl("p", "la-hint", frame.side, spec.hint);
  const handles = (spec.handles || []).map((h) => {
    const plane = h.plane ? ctx.planes[h.plane] : ctx.plane;
    const handle = kitDragHandle(plane, {
      role: h.role, label: h.label, snap: h.snap, onMove: (point) => kitSet(model, h.drop(point, model)),
    });
    // Labels keep clear of the handles' visible rings.
    plane.handleBoxes = [...(plane.handleBoxes || []), () => {
      const [cx, cy] = plane.toPx(handle.point);
      return { x: cx - 12, y: cy - 12, w: 24, h: 24 };
    }];
    return { handle, plane, at: h.at };
  });
  return kitWatch(model, frame.root, spec.names, (inputs) => {
    for (const plane of Object.values(ctx.planes)) plane.content.replaceChildren();
    for (const { handle, plane, at } of handles) kitMoveHandle(plane, handle, at(inputs));
    const text = spec.draw(ctx, inputs);
    for (const plane of Object.values(ctx.planes)) kitPlaceLabels(plane);
    if (text) ctx.show(text);
  });
}
