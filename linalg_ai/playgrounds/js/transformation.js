// A 2x2 matrix as a map of the plane, in the manner of 3Blue1Brown's "Essence of linear algebra":
// the whole grid moves from the identity to the map as t goes from 0 to 1, carrying e₁, e₂ and the
// unit square, whose signed area is the determinant. With two maps (steps = 2, B applied first),
// t goes on from 1 to 2 and the plane ends under AB = "A after B".

// The same operations as formulas.transformation_now / transformation_readout.
const IDENTITY = [1, 0, 0, 1];
const matrixOf = (inputs, prefix) => [`${prefix}11`, `${prefix}12`, `${prefix}21`, `${prefix}22`].map((k) => inputs[k]);
const determinant = (m) => m[0] * m[3] - m[1] * m[2];
const product = (p, q) => [p[0] * q[0] + p[1] * q[2], p[0] * q[1] + p[1] * q[3], p[2] * q[0] + p[3] * q[2], p[2] * q[1] + p[3] * q[3]];
const towards = (m, t) => IDENTITY.map((e, i) => (1 - t) * e + t * m[i]);
const apply = (m, [x, y]) => [m[0] * x + m[1] * y, m[2] * x + m[3] * y];

function matrixNow(inputs, steps) {
  const a = matrixOf(inputs, "m");
  if (steps === 1) return towards(a, inputs.t);
  const b = matrixOf(inputs, "b");
  return inputs.t <= 1 ? towards(b, inputs.t) : product(towards(a, inputs.t - 1), b);
}

function fmtMatrix(m) {
  const f = (x) => kitFmt(x, KIT_DECIMALS.coord);
  return `[[${f(m[0])}, ${f(m[1])}], [${f(m[2])}, ${f(m[3])}]]`;
}

function orientation(det) {
  if (Math.abs(det) < KIT_CONSTANTS.zero_tolerance) return "collapsed onto a line or a point (det = 0)";
  return det > 0 ? "kept" : "flipped (det < 0)";
}

function transformationReadout(inputs, steps) {
  const now = matrixNow(inputs, steps);
  const det = determinant(now);
  const f = (x) => kitFmt(x, KIT_DECIMALS.coord);
  const text = {
    t: f(inputs.t), now: fmtMatrix(now), e1: kitFmtVec([now[0], now[2]]), e2: kitFmtVec([now[1], now[3]]),
    det: f(det), area: f(Math.abs(det)), orientation: orientation(det),
  };
  const a = matrixOf(inputs, "m");
  text.det_A = f(determinant(a));
  if (steps === 2) {
    const b = matrixOf(inputs, "b");
    const ab = product(a, b);
    Object.assign(text, {
      det_B: f(determinant(b)), AB: fmtMatrix(ab), det_AB: f(determinant(ab)),
      det_product: f(determinant(a) * determinant(b)),
    });
  }
  return { now, det, text };
}

// Presets: exact values on the sliders' 0.1 steps.
const PRESETS = [
  { name: "identity", m: [1, 0, 0, 1] },
  { name: "rotation by 90°", m: [0, -1, 1, 0] },
  { name: "shear", m: [1, 1, 0, 1] },
  { name: "scaling (2, 0.5)", m: [2, 0, 0, 0.5] },
  { name: "projection onto x", m: [1, 0, 0, 0] },
  { name: "reflection in y = x", m: [0, 1, 1, 0] },
];

// Buttons that set the matrix whose traits start with `prefix`.
function presetButtons(side, model, prefix, caption) {
  kitEl("div", "la-caption", side, caption);
  const buttons = kitEl("div", "la-buttons", side);
  for (const preset of PRESETS) {
    const button = kitEl("button", "", buttons, preset.name);
    button.type = "button";
    button.dataset.matrix = prefix === "m" ? "A" : "B";
    button.addEventListener("click", () => {
      const [x11, x12, x21, x22] = preset.m;
      kitSet(model, { [`${prefix}11`]: x11, [`${prefix}12`]: x12, [`${prefix}21`]: x21, [`${prefix}22`]: x22 });
    });
  }
}

// A button that moves t from 0 to its end in about a second per map (at once when the reader
// asked for reduced motion).
function playButton(side, model, end) {
  const button = kitEl("button", "la-play", kitEl("div", "la-buttons", side), "▶ play the map from t = 0");
  button.type = "button";
  button.addEventListener("click", () => {
    if (window.matchMedia("(prefers-reduced-motion: reduce)").matches) {
      kitSet(model, { t: end });
      return;
    }
    const start = performance.now();
    const frame = (now) => {
      const t = Math.min(end, Math.round(((now - start) / 1000) * 100) / 100);
      kitSet(model, { t });
      if (t < end) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

export default {
  render(view) {
    const { model } = view;
    const steps = model.get("steps");
    const limit = model.get("view_limit");
    const end = steps;
    const matrixNames = (prefix) => [`${prefix}11`, `${prefix}12`, `${prefix}21`, `${prefix}22`];
    const names = ["t", ...matrixNames("m"), ...(steps === 2 ? matrixNames("b") : [])];
    const readouts = [
      { key: "t", label: "t" },
      { key: "now", label: "matrix at t" },
      { key: "e1", label: "image of e₁ (column 1)", role: "Ae1" },
      { key: "e2", label: "image of e₂ (column 2)", role: "Ae2" },
      { key: "det", label: "det = signed area of the square's image", role: "det" },
      { key: "area", label: "area" },
      { key: "orientation", label: "orientation" },
      { key: "det_A", label: "det A" },
    ];
    if (steps === 2) {
      readouts.push(
        { key: "det_B", label: "det B" },
        { key: "AB", label: "AB" },
        { key: "det_AB", label: "det AB" },
        { key: "det_product", label: "det A · det B" },
      );
    }
    return kitPlayground(view, {
      name: steps === 1 ? "matrix_transform" : "matrix_composition",
      title: steps === 1 ? "Matrix transformation playground" : "Composition of two maps playground",
      names,
      plane: {
        limit,
        label: steps === 1
          ? "The plane under the matrix at time t: the moved grid (blue), the image of the unit square (orange, its area is |det|), the images of e₁ (green) and e₂ (red); the dashed arrows are A's columns"
          : "The plane at time t: from t = 0 to 1 it moves under B, from 1 to 2 under A after B; the moved grid, the image of the unit square, e₁ (green) and e₂ (red)",
      },
      readouts,
      setup({ side }) {
        playButton(side, model, end);
        if (steps === 2) presetButtons(side, model, "b", "Presets for B (applied first)");
        presetButtons(side, model, "m", steps === 1 ? "Presets" : "Presets for A (applied second)");
      },
      hint: steps === 1
        ? "Move t to watch the grid go from the identity to A. Drag the dashed arrowheads (A's columns), or use the sliders."
        : "t from 0 to 1 applies B, from 1 to 2 applies A: the plane ends under AB (apply B, then A).",
      handles: steps === 1 ? [
        { role: "Ae1", label: `${kitName("Ae1")} (column 1 of A)`, at: (i) => [i.m11, i.m21], drop: ([x, y]) => ({ m11: x, m21: y }) },
        { role: "Ae2", label: `${kitName("Ae2")} (column 2 of A)`, at: (i) => [i.m12, i.m22], drop: ([x, y]) => ({ m12: x, m22: y }) },
      ] : [],
      draw({ plane }, inputs) {
        const { now, det, text } = transformationReadout(inputs, steps);
        // The images of the grid lines x = i and y = i, long enough to cross the view.
        const reach = 3 * limit;
        const grid = kitSvg("g", { class: "la-image-grid", opacity: 0.5 }, plane.content);
        for (let i = -reach; i <= reach; i += 1) {
          const width = i === 0 ? 1.8 : 0.9;
          kitPath(plane, grid, [apply(now, [i, -reach]), apply(now, [i, reach])], { stroke: kitColor("image_grid"), "stroke-width": width }, false);
          kitPath(plane, grid, [apply(now, [-reach, i]), apply(now, [reach, i])], { stroke: kitColor("image_grid"), "stroke-width": width }, false);
        }
        // The unit square before the map (dashed), then its image, labelled with its signed area.
        kitPath(plane, plane.content, [[0, 0], [1, 0], [1, 1], [0, 1]], { stroke: kitUi("text"), "stroke-width": 1, "stroke-dasharray": "4 3" });
        const corners = [[0, 0], [1, 0], [1, 1], [0, 1]].map((p) => apply(now, p));
        kitPath(plane, plane.content, corners, { fill: kitColor("area"), "fill-opacity": 0.35, stroke: kitColor("area"), "stroke-width": 1.5 });
        kitLabel(plane, `det ${text.det}`, apply(now, [0.5, 0.5]), [1, -1], "det", { priority: -1, centred: true });
        // Where A sends e₁ and e₂ (the handles), while the map is on its way.
        if (steps === 1 && inputs.t !== 1) {
          kitArrow(plane, plane.content, [0, 0], [inputs.m11, inputs.m21], { role: "Ae1", dashed: true, width: 1.6, opacity: 0.7 });
          kitArrow(plane, plane.content, [0, 0], [inputs.m12, inputs.m22], { role: "Ae2", dashed: true, width: 1.6, opacity: 0.7 });
        }
        const stage = inputs.t === 0 ? "" : steps === 1 ? "A" : inputs.t <= 1 ? "B" : "AB";
        kitArrow(plane, plane.content, [0, 0], [now[0], now[2]], { role: "Ae1", label: `${stage}${kitName("e1")}` });
        kitArrow(plane, plane.content, [0, 0], [now[1], now[3]], { role: "Ae2", label: `${stage}${kitName("e2")}` });
        plane.svg.dataset.det = String(det);
        return text;
      },
    });
  },
};
