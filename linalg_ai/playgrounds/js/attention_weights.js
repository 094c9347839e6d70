// Attention weights: the heatmap of softmax(Q Kᵀ / √d / τ (+ causal mask)), one row per query.

// Same operations and order as linalg_ai.attention.attention_weights / softmax
// (scores = Q Kᵀ / √d, mask, then divide by τ, subtract the row maximum, exp, divide by the sum).
function attentionMatrix(queries, keys, temperature, causal) {
  const d = queries[0].length;
  return queries.map((q, i) => {
    const scores = keys.map((k, j) => {
      let dot = 0;
      for (let c = 0; c < d; c += 1) dot += q[c] * k[c];
      const score = dot / Math.sqrt(d);
      return causal && j > i ? -Infinity : score;
    });
    const scaled = scores.map((s) => s / temperature);
    const top = Math.max(...scaled);
    const exps = scaled.map((s) => Math.exp(s - top));
    let total = 0;
    for (const e of exps) total += e;
    return exps.map((e) => e / total);
  });
}

// White to dark blue, as [r, g, b].
function heatColor(w) {
  const mix = (a, b) => Math.round(a + (b - a) * w);
  return [mix(255, 16), mix(255, 63), mix(255, 120)];
}

export default {
  render({ model, el }) {
    const tokens = model.get("tokens");
    const queries = model.get("query_vectors");
    const keys = model.get("key_vectors");
    const n = tokens.length;
    const { root, figure, side } = kitFrame(el, "attention_weights", "Attention weights playground", { stacked: true });
    // The example's data, for tests that recompute the weights in Python.
    root.dataset.example = JSON.stringify({ tokens, queries, keys });
    const cell = 62;
    const left = 70;
    const top = 46;
    const size = left + cell * n + 10;
    const svg = kitSvg("svg", {
      viewBox: `0 0 ${size} ${top + cell * n + 10}`, class: "la-plane la-heatmap", role: "img",
      "aria-label": "Heatmap of the attention weights: rows are queries, columns are keys; each row sums to 1",
    }, figure);
    const caption = kitEl("div", "la-readouts", side);
    kitEl("div", "la-caption", caption, "Row i: how query i spreads its attention over the keys (each row sums to 1).");
    kitEl("p", "la-hint", side, "Lower τ sharpens every row; the causal mask hides later tokens.");
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
    return kitWatch(model, root, ["temperature", "causal"], (inputs) => {
      const weights = attentionMatrix(queries, keys, inputs.temperature, inputs.causal);
      svg.replaceChildren();
      tokens.forEach((t, j) => {
        kitSvg("text", { x: left + cell * j + cell / 2, y: top - 10, "text-anchor": "middle", fill: KIT_COLORS.text }, svg).textContent = t;
      });
      kitSvg("text", { x: left + (cell * n) / 2, y: 14, "text-anchor": "middle", fill: KIT_COLORS.text }, svg).textContent = "keys →";
      weights.forEach((row, i) => {
        kitSvg("text", { x: left - 8, y: top + cell * i + cell / 2 + 4, "text-anchor": "end", fill: KIT_COLORS.text }, svg).textContent = tokens[i];
        row.forEach((w, j) => {
          const x = left + cell * j;
          const y = top + cell * i;
          const rgb = heatColor(w);
          kitSvg("rect", { x, y, width: cell - 2, height: cell - 2, fill: `rgb(${rgb.join(",")})` }, svg);
          kitSvg("text", {
            x: x + cell / 2 - 1, y: y + cell / 2 + 4, "text-anchor": "middle", fill: kitTextOn(rgb),
          }, svg).textContent = kitFmt(w, 4);
          outputs[i][j].textContent = kitFmt(w, 4);
        });
      });
    });
  },
};
