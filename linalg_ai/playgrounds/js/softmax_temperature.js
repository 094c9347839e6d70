// Softmax with a temperature: probability bars of softmax(s / τ) for the scores s.

// Same operations, order and formats as linalg_ai.attention.softmax (used by formulas.softmax_readout):
// divide by T, subtract the largest, exponentiate, divide by the sum.
function softmaxProbabilities(scores, temperature) {
  const scaled = scores.map((s) => s / temperature);
  const top = Math.max(...scaled);
  const exps = scaled.map((s) => Math.exp(s - top));
  let total = 0;
  for (const e of exps) total += e;
  return exps.map((e) => e / total);
}

const BAR_COLOR = "#1f5fa8";

export default {
  render({ model, el }) {
    const n = model.get("n_scores");
    const names = ["n_scores", ...Array.from({ length: n }, (_, i) => `score_${i}`), "temperature"];
    const { root, figure, side } = kitFrame(el, "softmax_temperature", "Softmax temperature playground");
    const width = 340;
    const rowHeight = 42;
    const height = rowHeight * n + 30;
    const svg = kitSvg("svg", {
      viewBox: `0 0 ${width} ${height}`, class: "la-plane la-bars", role: "img",
      "aria-label": "Bars of the probabilities softmax(s / τ), one per score",
    }, figure);
    const labelWidth = 70;
    const barMax = width - labelWidth - 70;
    const show = kitReadouts(side, Array.from({ length: n }, (_, i) => ({ key: `p_${i}`, label: `p${"₁₂₃₄₅₆₇₈"[i]}` })),
      "Probabilities");
    kitEl("p", "la-hint", side, "Low τ: the largest score takes almost everything. High τ: the bars even out.");
    return kitWatch(model, root, names, (inputs) => {
      const scores = Array.from({ length: n }, (_, i) => inputs[`score_${i}`]);
      const probs = softmaxProbabilities(scores, inputs.temperature);
      svg.replaceChildren();
      // The scale: a bar of full length is probability 1.
      kitSvg("line", { x1: labelWidth, y1: 8, x2: labelWidth, y2: height - 16, stroke: KIT_COLORS.axis }, svg);
      kitSvg("text", { x: labelWidth, y: height - 3, "text-anchor": "middle", fill: KIT_COLORS.text }, svg).textContent = "0";
      kitSvg("text", { x: labelWidth + barMax, y: height - 3, "text-anchor": "middle", fill: KIT_COLORS.text }, svg).textContent = "1";
      kitSvg("line", { x1: labelWidth + barMax, y1: 8, x2: labelWidth + barMax, y2: height - 16, stroke: KIT_COLORS.grid, "stroke-dasharray": "3 3" }, svg);
      probs.forEach((p, i) => {
        const y = 10 + i * rowHeight;
        kitSvg("text", { x: labelWidth - 6, y: y + 17, "text-anchor": "end", fill: KIT_COLORS.text }, svg)
          .textContent = `s${"₁₂₃₄₅₆₇₈"[i]} = ${kitFmt(scores[i], 1)}`;
        kitSvg("rect", { x: labelWidth, y, width: Math.max(0.5, p * barMax), height: rowHeight - 16, fill: BAR_COLOR }, svg);
        kitSvg("text", { x: labelWidth + p * barMax + 5, y: y + 17, fill: KIT_COLORS.text }, svg).textContent = kitFmt(p, 4);
      });
      show(Object.fromEntries(probs.map((p, i) => [`p_${i}`, kitFmt(p, 4)])));
    });
  },
};
