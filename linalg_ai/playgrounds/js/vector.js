// One vector v: its components, its length |v| and its direction (angle from the x axis).

const VECTOR_NAMES = ["vx", "vy"];

// Same operations and formats as formulas.vector_readout.
function vectorReadout({ vx, vy }) {
  const length = Math.sqrt(vx * vx + vy * vy);
  const direction = length > 0 ? (Math.atan2(vy, vx) * 180) / Math.PI : NaN;
  return { v: kitFmtVec([vx, vy], 2), length: kitFmt(length, 2), direction: kitFmt(direction, 2) };
}

export default {
  render({ model, el }) {
    const { root, figure, side } = kitFrame(el, "vector", "Vector playground");
    const plane = kitPlane(figure, { limit: 5, label: "The vector v (blue) with its components (dashed)" });
    const show = kitReadouts(side, [
      { key: "v", label: "v" },
      { key: "length", label: "|v|" },
      { key: "direction", label: "direction", unit: "°" },
    ]);
    kitEl("p", "la-hint", side, "Drag the arrowhead or move the sliders.");
    const handle = kitDragHandle(plane, [model.get("vx"), model.get("vy")], {
      color: KIT_COLORS.a, label: "drag v", onDrag: ([x, y]) => kitSet(model, { vx: x, vy: y }),
    });
    return kitWatch(model, root, VECTOR_NAMES, (inputs) => {
      const v = [inputs.vx, inputs.vy];
      plane.content.replaceChildren();
      // The components: first along x, then up along y.
      kitPath(plane, plane.content, [[0, 0], [v[0], 0], v], { stroke: KIT_COLORS.axis, "stroke-dasharray": "5 4", "stroke-width": 1.5 }, false);
      kitArrow(plane, plane.content, [0, 0], v, { color: KIT_COLORS.a, label: "v" });
      kitMoveHandle(plane, handle, v);
      show(vectorReadout(inputs));
    });
  },
};
