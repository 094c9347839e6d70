// Embedding explorer: a 2-D projection of embeddings. Point at a dot (or use the slider) to see
// its label and its k nearest neighbours in the projection.

const EMBED_NAMES = ["selected", "k"];
// Ten label colours (dark enough to see on white), in label order.
const EMBED_PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#4d4d4d", "#bcbd22", "#17becf"];

// As formulas.nearest_points: Euclidean distance, the point itself excluded, ties by smaller index.
function nearestPoints(points, index, k) {
  const [x0, y0] = points[index];
  const candidates = [];
  points.forEach(([x, y], j) => {
    if (j === index) return;
    const dx = x - x0;
    const dy = y - y0;
    candidates.push([Math.sqrt(dx * dx + dy * dy), j]);
  });
  candidates.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  return candidates.slice(0, k).map(([d, j]) => [j, d]);
}

// Same strings as formulas.embedding_readout.
function embeddingReadout(points, labels, { selected, k }) {
  const neighbours = nearestPoints(points, selected, k);
  const same = neighbours.filter(([j]) => labels[j] === labels[selected]).length;
  return {
    neighbours,
    text: {
      selected: `#${selected}`,
      label: labels[selected],
      position: kitFmtVec(points[selected], 2),
      neighbours: neighbours.map(([j, d]) => `${labels[j]} (#${j}, ${kitFmt(d, 3)})`).join(", "),
      agreement: `${same} of ${neighbours.length}`,
    },
  };
}

export default {
  render({ model, el }) {
    const points = model.get("points");
    const labels = model.get("labels");
    const kinds = [...new Set(labels)].sort();
    const colorOf = (label) => (kinds.length <= EMBED_PALETTE.length ? EMBED_PALETTE[kinds.indexOf(label)] : "#555555");
    const { root, figure, side } = kitFrame(el, "embedding_explorer", "Embedding explorer");
    // Data bounds, padded, with equal scales on both axes.
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const half = (Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 2) * 1.06;
    const size = 400;
    const toPx = ([x, y]) => [size / 2 + ((x - cx) / half) * (size / 2), size / 2 - ((y - cy) / half) * (size / 2)];
    const svg = kitSvg("svg", {
      viewBox: `0 0 ${size} ${size}`, class: "la-plane la-scatter", role: "img",
      "aria-label": `Scatter plot of ${points.length} points coloured by label; the selected point and its nearest neighbours are ringed`,
    }, figure);
    const dots = kitSvg("g", { "aria-hidden": "true" }, svg);
    points.forEach((p, i) => {
      const [x, y] = toPx(p);
      kitSvg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.6, fill: colorOf(labels[i]), "fill-opacity": 0.65 }, dots);
    });
    const marks = kitSvg("g", { "aria-hidden": "true" }, svg);
    const show = kitReadouts(side, [
      { key: "selected", label: "point" },
      { key: "label", label: "label" },
      { key: "position", label: "position" },
      { key: "neighbours", label: "nearest neighbours: label (#, distance)" },
      { key: "agreement", label: "neighbours with the same label" },
    ], "Under the pointer");
    const legend = kitEl("ul", "la-legend la-legend-inline", side);
    if (kinds.length <= EMBED_PALETTE.length) {
      for (const kind of kinds) {
        const item = kitEl("li", "", legend);
        kitEl("span", "la-swatch", item).style.background = colorOf(kind);
        item.append(` ${kind}`);
      }
    }
    kitEl("p", "la-hint", side, "Move the pointer over the dots, or use the sliders.");
    // Hover: select the point nearest to the pointer (within 15 px).
    svg.addEventListener("pointermove", (event) => {
      const pt = svg.createSVGPoint();
      pt.x = event.clientX;
      pt.y = event.clientY;
      const local = pt.matrixTransform(svg.getScreenCTM().inverse());
      let best = -1;
      let bestDistance = 15 * 15;
      points.forEach((p, i) => {
        const [x, y] = toPx(p);
        const d = (x - local.x) ** 2 + (y - local.y) ** 2;
        if (d < bestDistance) {
          bestDistance = d;
          best = i;
        }
      });
      if (best >= 0 && best !== model.get("selected")) kitSet(model, { selected: best });
    });
    return kitWatch(model, root, EMBED_NAMES, (inputs) => {
      const { neighbours, text } = embeddingReadout(points, labels, inputs);
      marks.replaceChildren();
      const [sx, sy] = toPx(points[inputs.selected]);
      for (const [j] of neighbours) {
        const [x, y] = toPx(points[j]);
        kitSvg("line", { x1: sx, y1: sy, x2: x, y2: y, stroke: KIT_COLORS.text, "stroke-width": 1 }, marks);
        kitSvg("circle", { cx: x, cy: y, r: 5, fill: "none", stroke: KIT_COLORS.text, "stroke-width": 1.5 }, marks);
      }
      kitSvg("circle", { cx: sx, cy: sy, r: 8, fill: "none", stroke: "#000000", "stroke-width": 2.5 }, marks);
      const label = kitSvg("text", { x: sx + 11, y: sy - 11, class: "la-arrow-label", fill: "#000000", stroke: "#ffffff", "stroke-width": 3, "paint-order": "stroke" }, marks);
      label.textContent = labels[inputs.selected];
      show(text);
    });
  },
};
