// One query against a few keys: the scores q·kⱼ are dot products, the softmax turns them into
// weights, and the output is the weighted sum of the value arrows. Query, keys and values can all
// be dragged; the query also has sliders.

// Same operations and order as formulas.query_attention_readout (linalg_ai.attention):
// scores q·kⱼ / √d with d = 2, softmax, output = Σ wⱼ vⱼ.
function queryAttention({ qx, qy, key_vectors: keys, value_vectors: values }) {
  const dots = keys.map(([kx, ky]) => qx * kx + qy * ky);
  const weights = kitSoftmax(dots.map((dot) => dot / Math.sqrt(2)));
  const output = [0, 0];
  weights.forEach((w, j) => {
    output[0] += w * values[j][0];
    output[1] += w * values[j][1];
  });
  return { dots, weights, output };
}

function queryAttentionText({ dots, weights, output }) {
  const text = { output: kitFmtVec(output) };
  dots.forEach((dot, j) => {
    text[`dot_${j}`] = kitFmt(dot, KIT_DECIMALS.coord);
    text[`w_${j}`] = kitFmt(weights[j], KIT_DECIMALS.prob);
  });
  return text;
}

// Replace item j of a list trait by `point`.
const withItem = (list, j, point) => list.map((item, i) => (i === j ? point : item));

export default {
  render(view) {
    const { model } = view;
    const n = model.get("key_vectors").length;
    const limit = model.get("view_limit");
    const tokens = Array.from({ length: n }, (_, j) => `token_${j + 1}`);
    const sub = (j) => kitSubscript(j + 1);
    const barWidth = 340;
    const rowHeight = 34;
    return kitPlayground(view, {
      name: "attention_query",
      title: "Attention playground: one query, its keys and their values",
      names: ["qx", "qy", "key_vectors", "value_vectors"],
      stacked: true,
      planes: {
        keys: {
          limit, caption: "The query and the keys",
          label: "The query q (blue) and the keys k₁, k₂, k₃ (one colour each): the score of key j is the dot product q·kⱼ",
        },
        values: {
          limit, caption: "The values and the output",
          label: "The values v₁, v₂, v₃ (faint when their weight is small), the weighted values wⱼvⱼ end to end, and their sum, the output (purple)",
        },
      },
      readouts: [
        ...Array.from({ length: n }, (_, j) => [
          { key: `dot_${j}`, label: `score q·k${sub(j)}`, role: tokens[j] },
          { key: `w_${j}`, label: `weight w${sub(j)}`, role: tokens[j] },
        ]).flat(),
        { key: "output", label: "output Σ wⱼvⱼ", role: "output" },
      ],
      caption: "Scores, softmax weights (of the scores / √2) and the output",
      setup({ figure }) {
        return kitSvg("svg", {
          viewBox: `0 0 ${barWidth} ${rowHeight * n + 8}`, class: "la-plane la-bars", role: "img",
          "aria-label": "Bars of the softmax weights, one per key; they sum to 1",
        }, figure);
      },
      hint: "Drag q, a key or a value (or focus one with Tab and use the arrow keys), or move the query's sliders.",
      // The query's handle comes after the keys', so it lies on top where they meet.
      handles: [
        ...tokens.map((role, j) => ({
          role, label: `the key k${sub(j)}`, plane: "keys", at: (i) => i.key_vectors[j],
          drop: (point) => ({ key_vectors: withItem(model.get("key_vectors"), j, point) }),
        })),
        { role: "query", label: "the query q", plane: "keys", at: (i) => [i.qx, i.qy], drop: ([x, y]) => ({ qx: x, qy: y }) },
        ...tokens.map((role, j) => ({
          role, label: `the value v${sub(j)}`, plane: "values", at: (i) => i.value_vectors[j],
          drop: (point) => ({ value_vectors: withItem(model.get("value_vectors"), j, point) }),
        })),
      ],
      draw({ planes: { keys, values }, state: bars }, inputs) {
        const result = queryAttention(inputs);
        const { weights, output } = result;
        inputs.key_vectors.forEach((k, j) => kitArrow(keys, keys.content, [0, 0], k, { role: tokens[j], label: `k${sub(j)}` }));
        kitArrow(keys, keys.content, [0, 0], [inputs.qx, inputs.qy], { role: "query", label: kitName("query"), width: 3.2 });
        // Each value, faint in proportion to how little it is weighted.
        inputs.value_vectors.forEach((v, j) => kitArrow(values, values.content, [0, 0], v, {
          role: tokens[j], label: `v${sub(j)}`, opacity: 0.3 + 0.7 * weights[j], width: 2,
        }));
        // The weighted values, end to end: they add up to the output.
        let at = [0, 0];
        inputs.value_vectors.forEach((v, j) => {
          const next = [at[0] + weights[j] * v[0], at[1] + weights[j] * v[1]];
          kitArrow(values, values.content, at, next, { role: tokens[j], width: 1.6, dashed: true });
          at = next;
        });
        kitArrow(values, values.content, [0, 0], output, { role: "output", label: kitName("output"), width: 3.2, priority: -1 });
        bars.replaceChildren();
        weights.forEach((w, j) => {
          const y = 4 + j * rowHeight;
          kitSvg("text", { x: 4, y: y + 19 }, bars).textContent = `w${sub(j)}`;
          kitSvg("rect", { x: 40, y: y + 4, width: Math.max(0.5, w * (barWidth - 120)), height: rowHeight - 12, fill: kitColor(tokens[j]) }, bars);
          kitSvg("text", { x: 46 + w * (barWidth - 120), y: y + 19 }, bars).textContent = kitFmt(w, KIT_DECIMALS.prob);
        });
        return queryAttentionText(result);
      },
    });
  },
};
