// Angle: b = length·(cos θ, sin θ) turns around the fixed a; a·b changes sign at 90°.

const ANGLE_A = KIT_CONSTANTS.angle_a;

// Same operations and formats as formulas.angle_vectors / angle_readout.
function angleValues({ theta, length }) {
  const rad = (theta * Math.PI) / 180;
  const b = [length * Math.cos(rad), length * Math.sin(rad)];
  let dot = ANGLE_A[0] * b[0] + ANGLE_A[1] * b[1];
  let sign;
  if (Math.abs(dot) < KIT_CONSTANTS.zero_tolerance) {
    sign = "zero (a ⟂ b)";
    dot = 0;
  } else {
    sign = dot > 0 ? "positive" : "negative";
  }
  const text = {
    b: kitFmtVec(b), cos: kitFmt(Math.cos((theta * Math.PI) / 180), KIT_DECIMALS.cos),
    dot: kitFmt(dot, KIT_DECIMALS.coord), sign,
  };
  return { b, dot, text };
}

export default {
  render: (view) => kitPlayground(view, {
    name: "angle",
    title: "Angle playground",
    names: ["theta", "length"],
    plane: { limit: 4, label: "a (blue) fixed along the x axis and b (red) at angle θ from it" },
    readouts: [
      { key: "b", label: "b", role: "b" },
      { key: "cos", label: "cos θ" },
      { key: "dot", label: "a·b" },
      { key: "sign", label: "sign of a·b" },
    ],
    hint: `a = ${kitFmtVec(ANGLE_A)} stays fixed. Move θ past 90°.`,
    draw({ plane, root }, inputs) {
      const { b, dot, text } = angleValues(inputs);
      // The half-plane where a·b > 0 is shaded green, where a·b < 0 red.
      const { size } = plane;
      const [ox] = plane.toPx([0, 0]);
      kitSvg("rect", { x: ox, y: 0, width: size - ox, height: size, fill: kitColor("positive"), "fill-opacity": 0.08 }, plane.content);
      kitSvg("rect", { x: 0, y: 0, width: ox, height: size, fill: kitColor("negative"), "fill-opacity": 0.08 }, plane.content);
      // The arc of the angle θ.
      const r = 0.8;
      const steps = Math.max(2, Math.ceil(inputs.theta / 5));
      const arc = [];
      for (let i = 0; i <= steps; i += 1) {
        const t = ((inputs.theta * Math.PI) / 180) * (i / steps);
        arc.push([r * Math.cos(t), r * Math.sin(t)]);
      }
      kitPath(plane, plane.content, arc, { stroke: kitUi("text"), "stroke-width": 1.2 }, false);
      const mid = (inputs.theta * Math.PI) / 360;
      const [tx, ty] = plane.toPx([1.2 * Math.cos(mid), 1.2 * Math.sin(mid)]);
      kitSvg("text", {
        x: tx, y: ty, class: "la-arrow-label", fill: kitUi("text"), "text-anchor": "middle", "dominant-baseline": "central",
      }, plane.content).textContent = "θ";
      kitArrow(plane, plane.content, [0, 0], ANGLE_A, { role: "a", label: kitName("a") });
      kitArrow(plane, plane.content, [0, 0], b, { role: "b", label: kitName("b") });
      root.dataset.sign = dot > 0 ? "positive" : dot < 0 ? "negative" : "zero";
      return text;
    },
  }),
};
