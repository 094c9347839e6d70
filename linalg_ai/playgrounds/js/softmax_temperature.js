// Softmax with a temperature: probability bars of softmax(s / τ) for the scores s.

export default {
  render(view) {
    const n = view.model.get("n_scores");
    const width = 340;
    const rowHeight = 42;
    const height = rowHeight * n + 34;
    const labelWidth = 78;
    const barMax = width - labelWidth - 70;
    return kitPlayground(view, {
      name: "softmax_temperature",
      title: "Softmax temperature playground",
      names: ["n_scores", ...Array.from({ length: n }, (_, i) => `score_${i}`), "temperature"],
      readouts: Array.from({ length: n }, (_, i) => ({ key: `p_${i}`, label: `p${kitSubscript(i + 1)}` })),
      caption: "Probabilities",
      hint: "Low τ: the largest score takes almost everything. High τ: the bars even out.",
      setup: ({ figure }) => kitSvg("svg", {
        viewBox: `0 0 ${width} ${height}`, class: "la-plane la-bars", role: "img",
        "aria-label": "Bars of the probabilities softmax(s / τ), one per score",
      }, figure),
      draw({ state: svg }, inputs) {
        const scores = Array.from({ length: n }, (_, i) => inputs[`score_${i}`]);
        const probs = kitSoftmax(scores, inputs.temperature);
        svg.replaceChildren();
        // The scale: a bar of full length is probability 1.
        kitSvg("line", { x1: labelWidth, y1: 8, x2: labelWidth, y2: height - 20, class: "la-axis" }, svg);
        kitSvg("line", { x1: labelWidth + barMax, y1: 8, x2: labelWidth + barMax, y2: height - 20, class: "la-gridline", "stroke-dasharray": "3 3" }, svg);
        kitSvg("text", { x: labelWidth, y: height - 4, "text-anchor": "middle" }, svg).textContent = "0";
        kitSvg("text", { x: labelWidth + barMax, y: height - 4, "text-anchor": "middle" }, svg).textContent = "1";
        probs.forEach((p, i) => {
          const y = 10 + i * rowHeight;
          kitSvg("text", { x: labelWidth - 6, y: y + 18, "text-anchor": "end" }, svg)
            .textContent = `s${kitSubscript(i + 1)} = ${kitFmt(scores[i], KIT_DECIMALS.score)}`;
          kitSvg("rect", { x: labelWidth, y, width: Math.max(0.5, p * barMax), height: rowHeight - 16, fill: kitColor("weight") }, svg);
          kitSvg("text", { x: labelWidth + p * barMax + 5, y: y + 18 }, svg).textContent = kitFmt(p, KIT_DECIMALS.prob);
        });
        return Object.fromEntries(probs.map((p, i) => [`p_${i}`, kitFmt(p, KIT_DECIMALS.prob)]));
      },
    });
  },
};
