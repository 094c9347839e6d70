// Vector sum and scaling: a, b, a + b drawn tip to tail, and c·a.

// Same operations and formats as formulas.vector_sum_readout.
function vectorSumReadout({ ax, ay, bx, by, c }) {
  const sx = ax + bx;
  const sy = ay + by;
  return {
    a: kitFmtVec([ax, ay]), b: kitFmtVec([bx, by]), sum: kitFmtVec([sx, sy]),
    scaled: kitFmtVec([c * ax, c * ay]), sum_length: kitFmt(Math.sqrt(sx * sx + sy * sy), KIT_DECIMALS.coord),
  };
}

export default {
  render: (view) => kitPlayground(view, {
    name: "vector_sum",
    title: "Vector sum playground",
    names: ["ax", "ay", "bx", "by", "c"],
    plane: { limit: 6, label: "a (blue), b (red) placed at the tip of a, a + b (green) and c·a (purple, dashed)" },
    readouts: [
      { key: "a", label: kitName("a"), role: "a" },
      { key: "b", label: kitName("b"), role: "b" },
      { key: "sum", label: kitName("sum"), role: "sum" },
      { key: "sum_length", label: `|${kitName("sum")}|` },
      { key: "scaled", label: kitName("scaled"), role: "scaled" },
    ],
    hint: "Drag the arrowheads of a and b (or focus them with Tab and use the arrow keys), or move the sliders.",
    handles: [
      { role: "a", label: kitName("a"), at: ({ ax, ay }) => [ax, ay], drop: ([x, y]) => ({ ax: x, ay: y }) },
      // b is drawn from the tip of a, so its handle sits at a + b.
      {
        role: "b", label: kitName("b"), at: ({ ax, ay, bx, by }) => [ax + bx, ay + by],
        drop: ([x, y], model) => ({ bx: Number((x - model.get("ax")).toFixed(6)), by: Number((y - model.get("ay")).toFixed(6)) }),
      },
    ],
    draw({ plane }, inputs) {
      const a = [inputs.ax, inputs.ay];
      const sum = [inputs.ax + inputs.bx, inputs.ay + inputs.by];
      const scaled = [inputs.c * inputs.ax, inputs.c * inputs.ay];
      kitArrow(plane, plane.content, [0, 0], scaled, { role: "scaled", dashed: true, label: kitName("scaled"), width: 2, priority: 1 });
      kitArrow(plane, plane.content, [0, 0], sum, { role: "sum", label: kitName("sum") });
      kitArrow(plane, plane.content, [0, 0], a, { role: "a", label: kitName("a") });
      // b ends where a + b ends: its label goes beside its middle.
      kitArrow(plane, plane.content, a, sum, { role: "b", label: kitName("b"), labelAt: "middle" });
      return vectorSumReadout(inputs);
    },
  }),
};
