// Angle: b = length·(cos θ, sin θ) turns around the fixed a = (2, 0); a·b changes sign at 90°.

const ANGLE_NAMES = ["theta", "length"];
const ANGLE_A = [2, 0];
const ANGLE_ZERO_TOLERANCE = 1e-9; // as formulas.ZERO_TOLERANCE: cos 90° is 6e-17, not 0

// Same operations and formats as formulas.angle_vectors / angle_readout.
function angleReadout({ theta, length }) {
  const rad = (theta * Math.PI) / 180;
  const b = [length * Math.cos(rad), length * Math.sin(rad)];
  let dot = ANGLE_A[0] * b[0] + ANGLE_A[1] * b[1];
  let sign;
  if (Math.abs(dot) < ANGLE_ZERO_TOLERANCE) {
    sign = "zero (a ⟂ b)";
    dot = 0;
  } else {
    sign = dot > 0 ? "positive" : "negative";
  }
  return {
    b, dot,
    text: { b: kitFmtVec(b, 2), cos: kitFmt(Math.cos((theta * Math.PI) / 180), 4), dot: kitFmt(dot, 2), sign },
  };
}

export default {
  render({ model, el }) {
    const { root, figure, side } = kitFrame(el, "angle", "Angle playground");
    const plane = kitPlane(figure, { limit: 4, label: "a (blue) fixed along the x axis and b (red) at angle θ from it" });
    const show = kitReadouts(side, [
      { key: "b", label: "b" },
      { key: "cos", label: "cos θ" },
      { key: "dot", label: "a·b" },
      { key: "sign", label: "sign of a·b" },
    ]);
    kitEl("p", "la-hint", side, "a = (2.00, 0.00) stays fixed. Move θ past 90°.");
    return kitWatch(model, root, ANGLE_NAMES, (inputs) => {
      const { b, dot, text } = angleReadout(inputs);
      plane.content.replaceChildren();
      // The half-plane where a·b > 0 is shaded green, a·b < 0 red.
      const { size } = plane;
      const [ox] = plane.toPx([0, 0]);
      kitSvg("rect", { x: ox, y: 0, width: size - ox, height: size, fill: "#1b6e35", "fill-opacity": 0.07 }, plane.content);
      kitSvg("rect", { x: 0, y: 0, width: ox, height: size, fill: "#b3261e", "fill-opacity": 0.07 }, plane.content);
      // The arc of the angle θ.
      const r = 0.8;
      const steps = Math.max(2, Math.ceil(inputs.theta / 5));
      const arc = [];
      for (let i = 0; i <= steps; i += 1) {
        const t = ((inputs.theta * Math.PI) / 180) * (i / steps);
        arc.push([r * Math.cos(t), r * Math.sin(t)]);
      }
      kitPath(plane, plane.content, arc, { stroke: KIT_COLORS.text, "stroke-width": 1.2 }, false);
      const mid = (inputs.theta * Math.PI) / 360;
      const [tx, ty] = plane.toPx([1.15 * Math.cos(mid), 1.15 * Math.sin(mid)]);
      kitSvg("text", { x: tx, y: ty + 4, class: "la-arrow-label", fill: KIT_COLORS.text, "text-anchor": "middle" }, plane.content).textContent = "θ";
      kitArrow(plane, plane.content, [0, 0], ANGLE_A, { color: KIT_COLORS.a, label: "a" });
      kitArrow(plane, plane.content, [0, 0], b, { color: KIT_COLORS.b, label: "b" });
      root.dataset.sign = dot > 0 ? "positive" : dot < 0 ? "negative" : "zero";
      show(text);
    });
  },
};
