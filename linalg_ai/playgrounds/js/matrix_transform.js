// A 2x2 matrix A as a map of the plane: the grid, the unit square and e₁, e₂ after A; det A.

const MATRIX_NAMES = ["m11", "m12", "m21", "m22"];
const MATRIX_ZERO_TOLERANCE = 1e-9; // as formulas.ZERO_TOLERANCE

// Presets set the four entries (exact values, on the sliders' 0.1 steps).
const MATRIX_PRESETS = [
  { name: "identity", values: { m11: 1, m12: 0, m21: 0, m22: 1 } },
  { name: "rotation by 90°", values: { m11: 0, m12: -1, m21: 1, m22: 0 } },
  { name: "shear", values: { m11: 1, m12: 1, m21: 0, m22: 1 } },
  { name: "scaling (2, 0.5)", values: { m11: 2, m12: 0, m21: 0, m22: 0.5 } },
  { name: "projection onto x", values: { m11: 1, m12: 0, m21: 0, m22: 0 } },
  { name: "reflection in y = x", values: { m11: 0, m12: 1, m21: 1, m22: 0 } },
];

// Same operations and formats as formulas.matrix_readout.
function matrixReadout({ m11, m12, m21, m22 }) {
  const det = m11 * m22 - m12 * m21;
  let orientation;
  if (Math.abs(det) < MATRIX_ZERO_TOLERANCE) orientation = "collapsed onto a line or a point (det = 0)";
  else if (det > 0) orientation = "kept";
  else orientation = "flipped (det < 0)";
  return {
    e1: kitFmtVec([m11, m21], 2), e2: kitFmtVec([m12, m22], 2),
    det: kitFmt(det, 2), area: kitFmt(Math.abs(det), 2), orientation,
  };
}

export default {
  render({ model, el }) {
    const { root, figure, side } = kitFrame(el, "matrix_transform", "Matrix transformation playground");
    const plane = kitPlane(figure, {
      limit: 5,
      label: "The plane after the map A: transformed grid lines, the unit square (dashed) and its image (shaded), A e₁ (blue) and A e₂ (red)",
    });
    const show = kitReadouts(side, [
      { key: "e1", label: "A e₁ (column 1)" },
      { key: "e2", label: "A e₂ (column 2)" },
      { key: "det", label: "det A" },
      { key: "area", label: "area of the image of the unit square" },
      { key: "orientation", label: "orientation" },
    ]);
    kitEl("div", "la-caption", side, "Presets");
    const buttons = kitEl("div", "la-buttons", side);
    for (const preset of MATRIX_PRESETS) {
      const button = kitEl("button", "", buttons, preset.name);
      button.type = "button";
      button.addEventListener("click", () => kitSet(model, preset.values));
    }
    return kitWatch(model, root, MATRIX_NAMES, (inputs) => {
      const { m11, m12, m21, m22 } = inputs;
      const apply = ([x, y]) => [m11 * x + m12 * y, m21 * x + m22 * y];
      plane.content.replaceChildren();
      const grid = kitSvg("g", { "aria-hidden": "true" }, plane.content);
      // Images of the lines x = i and y = i (long enough to cross the whole view).
      const reach = 12;
      for (let i = -reach; i <= reach; i += 1) {
        const style = { stroke: "#7aa6d6", "stroke-width": i === 0 ? 1.6 : 0.8 };
        kitPath(plane, grid, [apply([i, -reach]), apply([i, reach])], style, false);
        kitPath(plane, grid, [apply([-reach, i]), apply([reach, i])], style, false);
      }
      // The unit square before the map (dashed), then its image.
      kitPath(plane, plane.content, [[0, 0], [1, 0], [1, 1], [0, 1]], {
        stroke: KIT_COLORS.text, "stroke-width": 1, "stroke-dasharray": "4 3",
      });
      kitPath(plane, plane.content, [[0, 0], apply([1, 0]), apply([1, 1]), apply([0, 1])], {
        fill: "#f2b134", "fill-opacity": 0.45, stroke: "#8a4b00", "stroke-width": 1.5,
      });
      kitArrow(plane, plane.content, [0, 0], apply([1, 0]), { color: KIT_COLORS.a, label: "Ae₁" });
      kitArrow(plane, plane.content, [0, 0], apply([0, 1]), { color: KIT_COLORS.b, label: "Ae₂" });
      show(matrixReadout(inputs));
    });
  },
};
