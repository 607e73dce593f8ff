// Small SVG charts drawn from the API's JSON. Sizes are in viewBox units; the SVG scales to its container.
import { svg } from '../dom.js';

/**
 * A line chart of accuracy (0–1) against number of labels.
 * series: [{name, color, points: [{x, y}]}]
 */
export function lineChart(series, { xLabel = 'labels', yLabel = 'accuracy', width = 560, height = 260 } = {}) {
  const pad = { l: 48, r: 16, t: 12, b: 36 };
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map((p) => p.x));
  const minY = Math.max(0, Math.floor(Math.min(...all.map((p) => p.y)) * 10) / 10 - 0.1);
  const maxY = 1;
  const sx = (x) => pad.l + (x / maxX) * (width - pad.l - pad.r);
  const sy = (y) => height - pad.b - ((y - minY) / (maxY - minY || 1)) * (height - pad.t - pad.b);
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart', role: 'img', 'aria-label': yLabel + ' against ' + xLabel });
  // grid and axes
  for (let i = 0; i <= 5; i++) {
    const y = minY + (i / 5) * (maxY - minY);
    root.appendChild(svg('line', { x1: pad.l, x2: width - pad.r, y1: sy(y), y2: sy(y), class: 'grid' }));
    root.appendChild(svg('text', { x: pad.l - 6, y: sy(y) + 4, 'text-anchor': 'end', class: 'tick' }, Math.round(y * 100) + '%'));
  }
  const xticks = 5;
  for (let i = 0; i <= xticks; i++) {
    const x = Math.round((i / xticks) * maxX);
    root.appendChild(svg('text', { x: sx(x), y: height - pad.b + 16, 'text-anchor': 'middle', class: 'tick' }, String(x)));
  }
  root.appendChild(svg('text', { x: (width + pad.l) / 2, y: height - 4, 'text-anchor': 'middle', class: 'axis-label' }, xLabel));
  root.appendChild(svg('line', { x1: pad.l, x2: pad.l, y1: pad.t, y2: height - pad.b, class: 'axis' }));
  root.appendChild(svg('line', { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b, class: 'axis' }));
  for (const s of series) {
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (!pts.length) continue;
    root.appendChild(svg('polyline', { points: pts.map((p) => sx(p.x) + ',' + sy(p.y)).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2.5, class: 'series', 'stroke-dasharray': s.dashed ? '6 4' : null }));
    for (const p of pts) {
      root.appendChild(svg('circle', { cx: sx(p.x), cy: sy(p.y), r: 4, fill: s.color },
        svg('title', null, s.name + ': ' + (Math.round(p.y * 1000) / 10) + '% at ' + p.x + ' ' + xLabel + (p.label ? ' (' + p.label + ')' : ''))));
    }
  }
  return root;
}

/** Horizontal stacked bar of counts: [{name, value, color}]. */
export function stackedBar(parts, { width = 560, height = 28 } = {}) {
  const total = parts.reduce((a, p) => a + p.value, 0) || 1;
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart bar', role: 'img', preserveAspectRatio: 'none', 'aria-label': parts.map((p) => p.name + ' ' + p.value).join(', ') });
  let x = 0;
  for (const p of parts) {
    const w = (p.value / total) * width;
    if (w > 0) root.appendChild(svg('rect', { x, y: 0, width: w, height, fill: p.color }, svg('title', null, p.name + ': ' + p.value)));
    x += w;
  }
  return root;
}
