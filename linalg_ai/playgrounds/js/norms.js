// Norms: the unit balls {x : ‖x‖_p = 1} for p = 1, 2, ∞ and for the slider's p, with a point.

const NORMS_NAMES = ["px", "py", "p"];

function pNorm(x, y, p) {
  if (p === Infinity) return Math.max(Math.abs(x), Math.abs(y));
  return (Math.abs(x) ** p + Math.abs(y) ** p) ** (1 / p);
}

// Same operations and formats as formulas.norms_readout.
function normsReadout({ px, py, p }) {
  return {
    point: kitFmtVec([px, py], 2),
    l1: kitFmt(Math.abs(px) + Math.abs(py), 4),
    l2: kitFmt(Math.sqrt(px * px + py * py), 4),
    linf: kitFmt(Math.max(Math.abs(px), Math.abs(py)), 4),
    p: kitFmt(p, 1),
    lp: kitFmt(pNorm(px, py, p), 4),
  };
}

// Points of the unit circle of the p-norm: the Euclidean circle scaled back onto ‖x‖_p = 1.
function unitBall(p, count = 240) {
  const points = [];
  for (let i = 0; i < count; i += 1) {
    const t = (2 * Math.PI * i) / count;
    const x = Math.cos(t);
    const y = Math.sin(t);
    const n = pNorm(x, y, p);
    points.push([x / n, y / n]);
  }
  return points;
}

const NORM_STYLES = [
  { p: 1, color: "#1f5fa8", dash: "none", name: "p = 1" },
  { p: 2, color: "#1b6e35", dash: "none", name: "p = 2" },
  { p: Infinity, color: "#6a3d9a", dash: "none", name: "p = ∞" },
];

export default {
  render({ model, el }) {
    const { root, figure, side } = kitFrame(el, "norms", "Norms playground");
    const plane = kitPlane(figure, {
      limit: 2, tickEvery: 0.5,
      label: "Unit balls for p = 1 (blue diamond), 2 (green circle), ∞ (purple square), the slider's p (brown, dashed) and the point x",
    });
    const show = kitReadouts(side, [
      { key: "point", label: "x" },
      { key: "l1", label: "‖x‖₁" },
      { key: "l2", label: "‖x‖₂" },
      { key: "linf", label: "‖x‖∞" },
      { key: "p", label: "p" },
      { key: "lp", label: "‖x‖ₚ" },
    ]);
    const legend = kitEl("ul", "la-legend", side);
    for (const style of [...NORM_STYLES, { color: KIT_COLORS.proj, name: "p from the slider (dashed)" }]) {
      const item = kitEl("li", "", legend);
      kitEl("span", "la-swatch", item).style.background = style.color;
      item.append(` unit ball, ${style.name}`);
    }
    const handle = kitDragHandle(plane, [model.get("px"), model.get("py")], {
      color: KIT_COLORS.b, label: "drag the point", snap: 0.05,
      onDrag: ([x, y]) => kitSet(model, { px: Math.max(-1.5, Math.min(1.5, x)), py: Math.max(-1.5, Math.min(1.5, y)) }),
    });
    const balls = kitSvg("g", { "aria-hidden": "true" }, plane.content);
    for (const style of NORM_STYLES) {
      kitPath(plane, balls, unitBall(style.p), { stroke: style.color, "stroke-width": 2 });
    }
    const dynamic = kitSvg("g", { "aria-hidden": "true" }, plane.content);
    return kitWatch(model, root, NORMS_NAMES, (inputs) => {
      dynamic.replaceChildren();
      kitPath(plane, dynamic, unitBall(inputs.p), { stroke: KIT_COLORS.proj, "stroke-width": 2.2, "stroke-dasharray": "6 4" });
      const [cx, cy] = plane.toPx([inputs.px, inputs.py]);
      kitSvg("circle", { cx, cy, r: 5, fill: KIT_COLORS.b }, dynamic);
      kitSvg("text", { x: cx + 8, y: cy - 8, class: "la-arrow-label", fill: KIT_COLORS.b }, dynamic).textContent = "x";
      kitMoveHandle(plane, handle, [inputs.px, inputs.py]);
      show(normsReadout(inputs));
    });
  },
};
