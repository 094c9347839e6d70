// Embedding explorer: a 2-D projection of embeddings. Point at a dot (or use the sliders) to see
// its label, its k nearest neighbours in the projection and, when given, their images.

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
      position: kitFmtVec(points[selected]),
      neighbours: neighbours.map(([j, d]) => `${labels[j]} (#${j}, ${kitFmt(d, KIT_DECIMALS.distance)})`).join(", "),
      agreement: `${same} of ${neighbours.length}`,
    },
  };
}

// An image encoded by embedding.encode_image (one base-17 grey level per pixel) drawn on a canvas
// of its own size, scaled up by CSS: ink is black with alpha level / 16 (white in dark mode, by CSS).
const GREY_LEVELS = 16;

function drawImage(canvas, text, [height, width]) {
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext("2d");
  const pixels = context.createImageData(width, height);
  [...text].forEach((c, i) => {
    pixels.data[4 * i + 3] = Math.round((parseInt(c, 17) / GREY_LEVELS) * 255);
  });
  context.putImageData(pixels, 0, 0);
}

export default {
  render(view) {
    const { model } = view;
    const points = model.get("points");
    const labels = model.get("labels");
    const images = model.get("images");
    const shape = model.get("image_shape");
    const kinds = [...new Set(labels)].sort();
    // Digit labels take the digits' colours; other labels the palette's series, in sorted order.
    const colorOf = (label) => {
      const i = kinds.indexOf(label);
      if (/^[0-9]$/.test(label)) return `var(--la-digit-${label})`;
      return i < KIT_PALETTE.series.length ? `var(--la-series-${i})` : kitUi("muted");
    };
    // Data bounds, padded, with equal scales on both axes.
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    const cx = (Math.min(...xs) + Math.max(...xs)) / 2;
    const cy = (Math.min(...ys) + Math.max(...ys)) / 2;
    const half = (Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)) / 2) * 1.06;
    const size = 400;
    const toPx = ([x, y]) => [size / 2 + ((x - cx) / half) * (size / 2), size / 2 - ((y - cy) / half) * (size / 2)];
    return kitPlayground(view, {
      name: "embedding_explorer",
      title: "Embedding explorer",
      names: ["selected", "k"],
      readouts: [
        { key: "selected", label: "point" },
        { key: "label", label: "label" },
        { key: "position", label: "position" },
        { key: "neighbours", label: "nearest neighbours: label (#, distance)" },
        { key: "agreement", label: "neighbours with the same label" },
      ],
      caption: "Under the pointer",
      setup({ figure, side }) {
        const svg = kitSvg("svg", {
          viewBox: `0 0 ${size} ${size}`, class: "la-plane la-scatter", role: "img",
          "aria-label": `Scatter plot of ${points.length} points coloured by label; the selected point and its nearest neighbours are ringed`,
        }, figure);
        const dots = kitSvg("g", { "aria-hidden": "true" }, svg);
        points.forEach((p, i) => {
          const [x, y] = toPx(p);
          kitSvg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.6, fill: colorOf(labels[i]), "fill-opacity": 0.7 }, dots);
        });
        const marks = kitSvg("g", { "aria-hidden": "true" }, svg);
        // The images of the selected point and of its neighbours, in order of distance, under the
        // readouts that name them.
        let gallery = null;
        if (images.length) {
          const box = kitEl("figure", "la-gallery", side);
          kitEl("figcaption", "la-caption", box, "The point (ringed) and its nearest neighbours");
          gallery = kitEl("ol", "la-thumbnails", box);
        }
        const legend = kitEl("ul", "la-legend la-legend-inline", side);
        for (const kind of kinds) {
          const item = kitEl("li", "", legend);
          kitEl("span", "la-swatch", item).style.background = colorOf(kind);
          item.append(` ${kind}`);
        }
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
        return { marks, gallery };
      },
      hint: "Move the pointer over the dots, or use the sliders.",
      draw({ state: { marks, gallery } }, inputs) {
        const { neighbours, text } = embeddingReadout(points, labels, inputs);
        marks.replaceChildren();
        const [sx, sy] = toPx(points[inputs.selected]);
        for (const [j] of neighbours) {
          const [x, y] = toPx(points[j]);
          kitSvg("line", { x1: sx, y1: sy, x2: x, y2: y, stroke: kitUi("text"), "stroke-width": 1 }, marks);
          kitSvg("circle", { cx: x, cy: y, r: 5, fill: "none", stroke: kitUi("text"), "stroke-width": 1.5 }, marks);
        }
        kitSvg("circle", { cx: sx, cy: sy, r: 8, fill: "none", stroke: kitUi("text"), "stroke-width": 2.5 }, marks);
        kitSvg("text", {
          x: sx + 11, y: sy - 11, class: "la-arrow-label la-halo", fill: kitUi("text"),
        }, marks).textContent = labels[inputs.selected];
        if (gallery) {
          gallery.replaceChildren();
          [[inputs.selected, 0], ...neighbours].forEach(([j, d], rank) => {
            const item = kitEl("li", rank === 0 ? "la-thumbnail la-thumbnail-query" : "la-thumbnail", gallery);
            item.dataset.index = String(j);
            const canvas = kitEl("canvas", "", item);
            canvas.setAttribute("role", "img");
            canvas.setAttribute("aria-label", `image #${j}, label ${labels[j]}`);
            drawImage(canvas, images[j], shape);
            kitEl("span", "la-thumbnail-label", item, rank === 0 ? `${labels[j]} (#${j})` : `${labels[j]}, ${kitFmt(d, KIT_DECIMALS.distance)}`);
          });
        }
        return text;
      },
    });
  },
};
