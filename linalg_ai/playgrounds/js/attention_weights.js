// Attention weights: the heatmap of softmax(Q Kᵀ / √d / τ (+ causal mask)), one row per query.

// Same operations and order as linalg_ai.attention.attention_weights: scores = Q Kᵀ / √d, the
// mask, then the softmax with temperature τ row by row.
function attentionMatrix(queries, keys, temperature, causal) {
  const d = queries[0].length;
  return queries.map((q, i) => kitSoftmax(keys.map((k, j) => {
    let dot = 0;
    for (let c = 0; c < d; c += 1) dot += q[c] * k[c];
    return causal && j > i ? -Infinity : dot / Math.sqrt(d);
  }), temperature));
}

export default {
  render(view) {
    const tokens = view.model.get("tokens");
    const queries = view.model.get("query_vectors");
    const keys = view.model.get("key_vectors");
    const n = tokens.length;
    const cell = 62;
    const left = 70;
    const top = 48;
    const size = left + cell * n + 10;
    return kitPlayground(view, {
      name: "attention_weights",
      title: "Attention weights playground",
      names: ["temperature", "causal"],
      stacked: true,
      setup({ root, figure, side }) {
        // The example's data, for tests that recompute the weights in Python.
        root.dataset.example = JSON.stringify({ tokens, queries, keys });
        const svg = kitSvg("svg", {
          viewBox: `0 0 ${size} ${top + cell * n + 10}`, class: "la-plane la-heatmap", role: "img",
          "aria-label": "Heatmap of the attention weights: rows are queries, columns are keys; each row sums to 1",
        }, figure);
        const caption = kitEl("div", "la-readouts", side);
        kitEl("div", "la-caption", caption, "Row i: how query i spreads its attention over the keys (each row sums to 1).");
        const table = kitEl("table", "la-table", side);
        table.setAttribute("aria-label", "Attention weights, query by key");
        const head = kitEl("tr", "", kitEl("thead", "", table));
        kitEl("th", "", head, "query \\ key");
        for (const t of tokens) kitEl("th", "", head, t).setAttribute("scope", "col");
        const body = kitEl("tbody", "", table);
        const outputs = tokens.map((t, i) => {
          const row = kitEl("tr", "", body);
          kitEl("th", "", row, t).setAttribute("scope", "row");
          return tokens.map((_, j) => {
            const out = kitEl("output", "la-value", kitEl("td", "", row));
            out.dataset.readout = `w_${i}_${j}`;
            return out;
          });
        });
        return { svg, outputs };
      },
      hint: "Lower τ sharpens every row; the causal mask hides later tokens.",
      draw({ state: { svg, outputs } }, inputs) {
        const weights = attentionMatrix(queries, keys, inputs.temperature, inputs.causal);
        // Cells go from the background to the heat colour of the current theme.
        const low = kitRgb(kitHex("ui", "background"));
        const high = kitRgb(kitHex("ui", "heat"));
        svg.replaceChildren();
        tokens.forEach((t, j) => {
          kitSvg("text", { x: left + cell * j + cell / 2, y: top - 10, "text-anchor": "middle" }, svg).textContent = t;
        });
        kitSvg("text", { x: left + (cell * n) / 2, y: 16, "text-anchor": "middle" }, svg).textContent = "keys →";
        weights.forEach((row, i) => {
          kitSvg("text", { x: left - 8, y: top + cell * i + cell / 2 + 5, "text-anchor": "end" }, svg).textContent = tokens[i];
          row.forEach((w, j) => {
            const x = left + cell * j;
            const y = top + cell * i;
            const rgb = kitMix(low, high, w);
            kitSvg("rect", { x, y, width: cell - 2, height: cell - 2, fill: `rgb(${rgb.join(",")})` }, svg);
            kitSvg("text", {
              x: x + cell / 2 - 1, y: y + cell / 2 + 5, "text-anchor": "middle", fill: kitTextOn(rgb),
            }, svg).textContent = kitFmt(w, KIT_DECIMALS.prob);
            outputs[i][j].textContent = kitFmt(w, KIT_DECIMALS.prob);
          });
        });
      },
    });
  },
};
