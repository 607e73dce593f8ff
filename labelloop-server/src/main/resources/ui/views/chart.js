// Small SVG charts drawn from the API's JSON. Sizes are in viewBox units; the SVG scales to its container.
import { svg } from '../dom.js';

/**
 * A line chart of accuracy (0–1) against number of labels.
 * series: [{name, color, points: [{x, y, lo?, hi?, label?}], hollow?, dashed?, line?}]; lo–hi draws an error bar, line
 * draws the line alone (a fitted curve: no markers, not nudged). Later series
 * are drawn first and nudged a few pixels aside, so a point of the first series is never hidden under another's.
 */
export function lineChart(series, { xLabel = 'labels', yLabel = 'accuracy', width = 560, height = 260 } = {}) {
  const pad = { l: 48, r: 16, t: 12, b: 36 };
  const all = series.flatMap((s) => s.points);
  const maxX = Math.max(1, ...all.map((p) => p.x));
  const minY = Math.max(0, Math.floor(Math.min(...all.map((p) => p.lo ?? p.y)) * 10) / 10 - 0.1);
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
  series.map((s, index) => ({ s, index })).reverse().forEach(({ s, index }) => {
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (!pts.length) return;
    const nudge = s.line ? 0 : index * 6;
    const px = (p) => sx(p.x) + nudge;
    const g = svg('g', { class: 'series-' + index });
    g.appendChild(svg('polyline', { points: pts.map((p) => px(p) + ',' + sy(p.y)).join(' '), fill: 'none', stroke: s.color, 'stroke-width': 2.5, class: 'series', 'stroke-dasharray': s.dashed ? '6 4' : null }));
    for (const p of s.line ? [] : pts) {
      if (typeof p.lo === 'number' && typeof p.hi === 'number') {
        g.appendChild(svg('line', { x1: px(p), x2: px(p), y1: sy(p.lo), y2: sy(p.hi), stroke: s.color, 'stroke-width': 1.5, class: 'error-bar' }));
        for (const end of [p.lo, p.hi]) g.appendChild(svg('line', { x1: px(p) - 4, x2: px(p) + 4, y1: sy(end), y2: sy(end), stroke: s.color, 'stroke-width': 1.5 }));
      }
      const range = typeof p.lo === 'number' ? ' (' + Math.round(p.lo * 100) + '–' + Math.round(p.hi * 100) + '%)' : '';
      g.appendChild(svg('circle', { cx: px(p), cy: sy(p.y), r: s.hollow ? 5 : 4, fill: s.hollow ? '#fff' : s.color, stroke: s.color, 'stroke-width': 2, class: 'point' },
        svg('title', null, s.name + ': ' + (Math.round(p.y * 1000) / 10) + '%' + range + ' at ' + p.x + ' ' + xLabel + (p.label ? ' (' + p.label + ')' : ''))));
    }
    root.appendChild(g);
  });
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
