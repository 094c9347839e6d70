// Dot product: a·b, |a|, |b|, cos θ, θ and the projection of a onto b.
// The arrowheads can be dragged; the sliders (jslinked in Python) move with them.

const DOT_NAMES = ["ax", "ay", "bx", "by"];

// Same operations, order and formats as formulas.dot_product_values / dot_product_readout.
function dotProductReadout({ ax, ay, bx, by }) {
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
  return {
    text: {
      dot: kitFmt(dot, 2), norm_a: kitFmt(na, 2), norm_b: kitFmt(nb, 2),
      cos: kitFmt(cos, 4), theta: kitFmt(theta, 2), proj: kitFmtVec(proj, 2),
    },
    proj,
  };
}

export default {
  render({ model, el }) {
    const { root, figure, side } = kitFrame(el, "dot_product", "Dot product playground");
    const plane = kitPlane(figure, {
      limit: 5, label: "Vectors a (blue) and b (red), with the projection of a onto b (brown, dashed)",
    });
    const show = kitReadouts(side, [
      { key: "dot", label: "a·b" },
      { key: "norm_a", label: "|a|" },
      { key: "norm_b", label: "|b|" },
      { key: "cos", label: "cos θ" },
      { key: "theta", label: "θ", unit: "°" },
      { key: "proj", label: "projection of a onto b" },
    ]);
    kitEl("p", "la-hint", side, "Drag the arrowheads or move the sliders.");
    const handleA = kitDragHandle(plane, [model.get("ax"), model.get("ay")], {
      color: KIT_COLORS.a, label: "drag a", onDrag: ([x, y]) => kitSet(model, { ax: x, ay: y }),
    });
    const handleB = kitDragHandle(plane, [model.get("bx"), model.get("by")], {
      color: KIT_COLORS.b, label: "drag b", onDrag: ([x, y]) => kitSet(model, { bx: x, by: y }),
    });
    return kitWatch(model, root, DOT_NAMES, (inputs) => {
      const { text, proj } = dotProductReadout(inputs);
      const a = [inputs.ax, inputs.ay];
      const b = [inputs.bx, inputs.by];
      plane.content.replaceChildren();
      if (Number.isFinite(proj[0])) {
        // The drop from a to its projection, then the projection itself.
        kitPath(plane, plane.content, [a, proj], { stroke: KIT_COLORS.axis, "stroke-dasharray": "3 3" }, false);
        kitArrow(plane, plane.content, [0, 0], proj, { color: KIT_COLORS.proj, dashed: true, label: "proj" });
      }
      kitArrow(plane, plane.content, [0, 0], a, { color: KIT_COLORS.a, label: "a" });
      kitArrow(plane, plane.content, [0, 0], b, { color: KIT_COLORS.b, label: "b" });
      kitMoveHandle(plane, handleA, a);
      kitMoveHandle(plane, handleB, b);
      show(text);
    });
  },
};
