// One vector v: its components, its length |v| and its direction (angle from the x axis).

// Same operations and formats as formulas.vector_readout.
function vectorReadout({ vx, vy }) {
  const length = Math.sqrt(vx * vx + vy * vy);
  const direction = length > 0 ? (Math.atan2(vy, vx) * 180) / Math.PI : NaN;
  return {
    v: kitFmtVec([vx, vy]),
    length: kitFmt(length, KIT_DECIMALS.coord),
    direction: kitFmt(direction, KIT_DECIMALS.angle),
  };
}

export default {
  render: (view) => kitPlayground(view, {
    name: "vector",
    title: "Vector playground",
    names: ["vx", "vy"],
    plane: { limit: 5, label: "The vector v (blue) with its components (dashed)" },
    readouts: [
      { key: "v", label: "v", role: "a" },
      { key: "length", label: "|v|" },
      { key: "direction", label: "direction", unit: "°" },
    ],
    hint: "Drag the arrowhead (or focus it with Tab and use the arrow keys), or move the sliders.",
    handles: [{ role: "a", label: "v", at: ({ vx, vy }) => [vx, vy], drop: ([x, y]) => ({ vx: x, vy: y }) }],
    draw({ plane }, inputs) {
      const v = [inputs.vx, inputs.vy];
      // The components: first along x, then up along y.
      kitPath(plane, plane.content, [[0, 0], [v[0], 0], v], { stroke: kitUi("axis"), "stroke-dasharray": "5 4", "stroke-width": 1.5 }, false);
      kitArrow(plane, plane.content, [0, 0], v, { role: "a", label: "v" });
      return vectorReadout(inputs);
    },
  }),
};
