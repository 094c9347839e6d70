// Dot product: a·b, |a|, |b|, cos θ, θ and the projection of a onto b.

// Same operations, order and formats as formulas.dot_product_values / dot_product_readout.
function dotProductValues({ ax, ay, bx, by }) {
  const dot = ax * bx + ay * by;
  const na = Math.sqrt(ax * ax + ay * ay);
  const nb = Math.sqrt(bx * bx + by * by);
  let cos = NaN;
  let theta = NaN;
  if (na > 0 && nb > 0) {
    cos = Math.max(-1, Math.min(1, dot / (na * nb)));
    theta = (Math.acos(cos) * 180) / Math.PI;
  }
  let proj = [NaN, NaN];
  if (nb > 0) {
    const factor = dot / (nb * nb);
    proj = [factor * bx, factor * by];
  }
  return { dot, na, nb, cos, theta, proj };
}

function dotProductReadout(values) {
  const { dot, na, nb, cos, theta, proj } = values;
  const d = KIT_DECIMALS;
  return {
    dot: kitFmt(dot, d.coord), norm_a: kitFmt(na, d.coord), norm_b: kitFmt(nb, d.coord),
    cos: kitFmt(cos, d.cos), theta: kitFmt(theta, d.angle), proj: kitFmtVec(proj),
  };
}

export default {
  render: (view) => kitPlayground(view, {
    name: "dot_product",
    title: "Dot product playground",
    names: ["ax", "ay", "bx", "by"],
    plane: { limit: 5, label: "Vectors a (blue) and b (red), with the projection of a onto b (teal, dashed)" },
    readouts: [
      { key: "dot", label: "a·b" },
      { key: "norm_a", label: "|a|", role: "a" },
      { key: "norm_b", label: "|b|", role: "b" },
      { key: "cos", label: "cos θ" },
      { key: "theta", label: "θ", unit: "°" },
      { key: "proj", label: "projection of a onto b", role: "projection" },
    ],
    hint: "Drag the arrowheads (or focus them with Tab and use the arrow keys), or move the sliders.",
    handles: [
      { role: "a", label: kitName("a"), at: ({ ax, ay }) => [ax, ay], drop: ([x, y]) => ({ ax: x, ay: y }) },
      { role: "b", label: kitName("b"), at: ({ bx, by }) => [bx, by], drop: ([x, y]) => ({ bx: x, by: y }) },
    ],
    draw({ plane }, inputs) {
      const values = dotProductValues(inputs);
      const a = [inputs.ax, inputs.ay];
      if (Number.isFinite(values.proj[0])) {
        // The drop from a to its projection, then the projection itself.
        kitPath(plane, plane.content, [a, values.proj], { stroke: kitUi("axis"), "stroke-dasharray": "3 3" }, false);
        kitArrow(plane, plane.content, [0, 0], values.proj, { role: "projection", dashed: true, label: kitName("projection"), priority: 1 });
      }
      kitArrow(plane, plane.content, [0, 0], a, { role: "a", label: kitName("a") });
      kitArrow(plane, plane.content, [0, 0], [inputs.bx, inputs.by], { role: "b", label: kitName("b") });
      return dotProductReadout(values);
    },
  }),
};
