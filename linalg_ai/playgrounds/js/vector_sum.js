// Vector sum and scaling: a, b, a + b drawn tip to tail, and c·a.

const SUM_NAMES = ["ax", "ay", "bx", "by", "c"];

// Same operations and formats as formulas.vector_sum_readout.
function vectorSumReadout({ ax, ay, bx, by, c }) {
  const sx = ax + bx;
  const sy = ay + by;
  return {
    sum: [sx, sy],
    scaled: [c * ax, c * ay],
    text: {
      a: kitFmtVec([ax, ay], 2), b: kitFmtVec([bx, by], 2), sum: kitFmtVec([sx, sy], 2),
      scaled: kitFmtVec([c * ax, c * ay], 2), sum_length: kitFmt(Math.sqrt(sx * sx + sy * sy), 2),
    },
  };
}

export default {
  render({ model, el }) {
    const { root, figure, side } = kitFrame(el, "vector_sum", "Vector sum playground");
    const plane = kitPlane(figure, {
      limit: 6, label: "a (blue), b (red) placed at the tip of a, a + b (green) and c·a (purple, dashed)",
    });
    const show = kitReadouts(side, [
      { key: "a", label: "a" },
      { key: "b", label: "b" },
      { key: "sum", label: "a + b" },
      { key: "sum_length", label: "|a + b|" },
      { key: "scaled", label: "c·a" },
    ]);
    kitEl("p", "la-hint", side, "Drag the arrowheads of a and b or move the sliders.");
    const handleA = kitDragHandle(plane, [model.get("ax"), model.get("ay")], {
      color: KIT_COLORS.a, label: "drag a", onDrag: ([x, y]) => kitSet(model, { ax: clampSum(x), ay: clampSum(y) }),
    });
    // b is drawn from the tip of a, so its handle sits at a + b.
    const handleB = kitDragHandle(plane, [model.get("ax") + model.get("bx"), model.get("ay") + model.get("by")], {
      color: KIT_COLORS.b, label: "drag b",
      onDrag: ([x, y]) => kitSet(model, {
        bx: clampSum(Number((x - model.get("ax")).toFixed(6))), by: clampSum(Number((y - model.get("ay")).toFixed(6))),
      }),
    });
    return kitWatch(model, root, SUM_NAMES, (inputs) => {
      const { sum, scaled, text } = vectorSumReadout(inputs);
      const a = [inputs.ax, inputs.ay];
      plane.content.replaceChildren();
      kitArrow(plane, plane.content, [0, 0], scaled, { color: KIT_COLORS.scaled, dashed: true, label: "c·a", width: 2 });
      kitArrow(plane, plane.content, [0, 0], sum, { color: KIT_COLORS.sum, label: "a+b" });
      kitArrow(plane, plane.content, [0, 0], a, { color: KIT_COLORS.a, label: "a" });
      kitArrow(plane, plane.content, a, sum, { color: KIT_COLORS.b, label: "b" });
      kitMoveHandle(plane, handleA, a);
      kitMoveHandle(plane, handleB, sum);
      show(text);
    });
  },
};

// a and b stay inside the slider range [-3, 3].
function clampSum(v) {
  return Math.max(-3, Math.min(3, v));
}
