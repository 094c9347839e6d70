// Norms: the unit balls {x : ‖x‖_p = 1} for p = 1, 2, ∞ and for the slider's p, with a point.

function pNorm(x, y, p) {
  if (p === Infinity) return Math.max(Math.abs(x), Math.abs(y));
  return (Math.abs(x) ** p + Math.abs(y) ** p) ** (1 / p);
}

// Same operations and formats as formulas.norms_readout.
function normsReadout({ px, py, p }) {
  const d = KIT_DECIMALS.norm;
  return {
    point: kitFmtVec([px, py]),
    l1: kitFmt(Math.abs(px) + Math.abs(py), d),
    l2: kitFmt(Math.sqrt(px * px + py * py), d),
    linf: kitFmt(Math.max(Math.abs(px), Math.abs(py)), d),
    p: kitFmt(p, KIT_DECIMALS.p),
    lp: kitFmt(pNorm(px, py, p), d),
  };
}

// Points of the unit circle of the p-norm: the Euclidean circle scaled back onto ‖x‖_p = 1.
function unitBall(p, count = 240) {
  const points = [];
  for (let i = 0; i < count; i += 1) {
    const t = (2 * Math.PI * i) / count;
    const n = pNorm(Math.cos(t), Math.sin(t), p);
    points.push([Math.cos(t) / n, Math.sin(t) / n]);
  }
  return points;
}

const NORM_BALLS = [
  { p: 1, role: "l1", name: `p = 1 (${kitName("l1")})` },
  { p: 2, role: "l2", name: `p = 2 (${kitName("l2")})` },
  { p: Infinity, role: "linf", name: `p = ∞ (${kitName("linf")})` },
];

export default {
  render: (view) => kitPlayground(view, {
    name: "norms",
    title: "Norms playground",
    names: ["px", "py", "p"],
    plane: {
      limit: 2, tickEvery: 0.5,
      label: "Unit balls for p = 1 (orange diamond), 2 (blue circle), ∞ (purple square), the slider's p (brown, dashed) and the point x (red)",
    },
    readouts: [
      { key: "point", label: "x", role: "point" },
      { key: "l1", label: "‖x‖₁", role: "l1" },
      { key: "l2", label: "‖x‖₂", role: "l2" },
      { key: "linf", label: "‖x‖∞", role: "linf" },
      { key: "p", label: "p" },
      { key: "lp", label: "‖x‖ₚ", role: "lp" },
    ],
    setup({ side }) {
      const legend = kitEl("ul", "la-legend", side);
      for (const { role, name } of [...NORM_BALLS, { role: "lp", name: "p from the slider (dashed)" }]) {
        const item = kitEl("li", "", legend);
        kitEl("span", "la-swatch", item).style.background = kitColor(role);
        item.append(` unit ball, ${name}`);
      }
    },
    hint: "Drag the point (or focus it with Tab and use the arrow keys), or move the sliders.",
    handles: [{ role: "point", label: "the point x", snap: 0.05, at: ({ px, py }) => [px, py], drop: ([x, y]) => ({ px: x, py: y }) }],
    draw({ plane }, inputs) {
      for (const { p, role } of NORM_BALLS) kitPath(plane, plane.content, unitBall(p), { stroke: kitColor(role), "stroke-width": 2 });
      kitPath(plane, plane.content, unitBall(inputs.p), { stroke: kitColor("lp"), "stroke-width": 2.2, "stroke-dasharray": "6 4" });
      const [cx, cy] = plane.toPx([inputs.px, inputs.py]);
      kitSvg("circle", { cx, cy, r: 5, fill: kitColor("point") }, plane.content);
      kitLabel(plane, kitName("point"), [inputs.px, inputs.py], [1, 1], "point");
      return normsReadout(inputs);
    },
  }),
};
