// The image of an IMAGE asset, scaled to fit, with an SVG overlay for object-detection boxes. Boxes live in normalized
// coordinates (0–1 of the image's width and height), so they do not depend on the size the image is shown at: the SVG
// draws them with percentage lengths. A drag draws a new box; a click (no drag) picks the smallest box under the
// pointer, so a box can still be drawn inside a larger one. The wheel (or + and -) zooms into the image around the
// pointer, Shift+drag or the middle button pans it, Z fits it again; boxes keep their normalized coordinates.
import { h, svg, replace } from '../dom.js';

/** Below this many pixels of movement a press is a click, not a drag. */
const CLICK_SLOP = 4;
/** The closest zoom: 8 times the fitted image. */
const MAX_ZOOM = 8;

const clamp01 = (v) => Math.min(1, Math.max(0, v));
const round4 = (v) => Math.round(v * 10000) / 10000;

/** A Kili annotation's rectangle ({x0, y0, x1, y1}, normalized) or null when it has no usable vertices. */
export function boxOf(annotation) {
  const vertices = ((annotation.boundingPoly || [])[0] || {}).normalizedVertices;
  if (!Array.isArray(vertices) || vertices.length < 2) return null;
  const xs = vertices.map((v) => v && v.x), ys = vertices.map((v) => v && v.y);
  if (![...xs, ...ys].every((n) => typeof n === 'number' && n >= 0 && n <= 1)) return null;
  const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  return box.x1 > box.x0 && box.y1 > box.y0 ? box : null;
}

/** A rectangle as a Kili annotation: four normalized vertices, bottom-left first, as Kili writes rectangles. */
export function annotationOf(box, category) {
  const { x0, y0, x1, y1 } = box;
  return {
    categories: [{ name: category }],
    type: 'rectangle',
    boundingPoly: [{ normalizedVertices: [{ x: x0, y: y1 }, { x: x0, y: y0 }, { x: x1, y: y0 }, { x: x1, y: y1 }] }],
  };
}

const pct = (v) => (v * 100) + '%';

/**
 * @param opts.src     the URL of the image file
 * @param opts.onDraw  called with a new rectangle {x0, y0, x1, y1} after a drag
 * @param opts.onPick  called with the index of the clicked box in the last drawn list, or null for a click beside every box
 * @param opts.draftColor  () => the colour of the box being drawn
 * @param opts.dragPans  a plain drag pans the zoomed image (no box can be drawn)
 * @returns {el, draw(boxes), cancel(), handleKey(e)} where boxes are [{x0, y0, x1, y1, category, name, title, color,
 *   model, selected}], cancel() drops the box being drawn, returning whether there was one, and handleKey takes the
 *   zoom keys
 */
export function createBoxLayer({ src, onDraw, onPick, draftColor, dragPans = false }) {
  const img = h('img', { src, alt: 'The asset’s image', draggable: 'false', id: 'asset-image' });
  const overlay = svg('svg', { class: 'box-overlay', id: 'box-overlay', role: 'application', 'aria-label': 'Boxes: drag to draw, click to select' });
  const boxesGroup = svg('g');
  const draft = svg('rect', { class: 'box-draft', display: 'none' });
  overlay.append(boxesGroup, draft);
  const problem = h('p', { class: 'error-box', hidden: true, text: 'The image file could not be loaded.' });
  const stage = h('div', { class: 'image-stage', id: 'image-stage' }, img, overlay);
  const zoomBadge = h('span', { class: 'zoom-badge', hidden: true });
  const viewport = h('div', { class: 'image-viewport', id: 'image-viewport', dataset: { zoom: '1' } }, stage, zoomBadge);
  const el = h('div', { class: 'asset-media' }, viewport, problem);
  let shown = [];

  img.addEventListener('load', () => {
    viewport.style.setProperty('--ratio', String(img.naturalWidth / img.naturalHeight));
    stage.classList.add('loaded');
  });
  img.addEventListener('error', () => { viewport.hidden = true; problem.hidden = false; });

  // the stage's scale and its offset in the viewport's pixels; the image always covers the viewport
  let view = { zoom: 1, x: 0, y: 0 };
  function applyView() {
    const w = viewport.clientWidth, ht = viewport.clientHeight;
    view.x = Math.min(0, Math.max(w * (1 - view.zoom), view.x));
    view.y = Math.min(0, Math.max(ht * (1 - view.zoom), view.y));
    stage.style.transform = view.zoom === 1 ? '' : 'translate(' + view.x + 'px, ' + view.y + 'px) scale(' + view.zoom + ')';
    stage.style.setProperty('--zoom', String(view.zoom)); // box names keep their size
    viewport.dataset.zoom = view.zoom.toFixed(2);
    zoomBadge.hidden = view.zoom === 1;
    zoomBadge.textContent = Math.round(view.zoom * 100) + ' % · Z fits';
  }

  /** Zooms by factor, keeping the image point under (clientX, clientY), by default the centre, where it is. */
  function zoomBy(factor, clientX, clientY) {
    const r = viewport.getBoundingClientRect();
    const px = (clientX ?? r.left + r.width / 2) - r.left, py = (clientY ?? r.top + r.height / 2) - r.top;
    const zoom = Math.min(MAX_ZOOM, Math.max(1, view.zoom * factor));
    view = { zoom, x: px - (px - view.x) * (zoom / view.zoom), y: py - (py - view.y) * (zoom / view.zoom) };
    applyView();
  }

  viewport.addEventListener('wheel', (e) => {
    if (view.zoom === 1 && e.deltaY > 0) return; // nothing to zoom out of: the page scrolls
    e.preventDefault();
    zoomBy(Math.exp(-e.deltaY * 0.002), e.clientX, e.clientY);
  }, { passive: false });

  function pointAt(e) {
    const r = overlay.getBoundingClientRect();
    return { x: clamp01((e.clientX - r.left) / r.width), y: clamp01((e.clientY - r.top) / r.height), px: e.clientX, py: e.clientY };
  }

  function rectBetween(a, b) {
    return { x0: round4(Math.min(a.x, b.x)), y0: round4(Math.min(a.y, b.y)), x1: round4(Math.max(a.x, b.x)), y1: round4(Math.max(a.y, b.y)) };
  }

  function place(rect, box) {
    rect.setAttribute('x', pct(box.x0));
    rect.setAttribute('y', pct(box.y0));
    rect.setAttribute('width', pct(box.x1 - box.x0));
    rect.setAttribute('height', pct(box.y1 - box.y0));
  }

  let start = null;
  let pan = null; // {clientX, clientY, x, y} where a pan started
  overlay.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 && e.button !== 1) return;
    e.preventDefault();
    overlay.setPointerCapture(e.pointerId);
    if (e.button === 1 || e.shiftKey || dragPans) pan = { clientX: e.clientX, clientY: e.clientY, x: view.x, y: view.y };
    else start = pointAt(e);
  });
  overlay.addEventListener('pointermove', (e) => {
    if (pan) {
      view.x = pan.x + e.clientX - pan.clientX;
      view.y = pan.y + e.clientY - pan.clientY;
      applyView();
      return;
    }
    if (!start) return;
    const p = pointAt(e);
    if (Math.abs(p.px - start.px) < CLICK_SLOP && Math.abs(p.py - start.py) < CLICK_SLOP) return;
    place(draft, rectBetween(start, p));
    draft.style.setProperty('--cat', draftColor());
    draft.setAttribute('display', 'inline');
  });
  overlay.addEventListener('pointerup', (e) => {
    if (pan) {
      pan = null;
      return;
    }
    if (!start) return;
    const p = pointAt(e);
    const from = start;
    start = null;
    draft.setAttribute('display', 'none');
    if (Math.abs(p.px - from.px) < CLICK_SLOP && Math.abs(p.py - from.py) < CLICK_SLOP) {
      onPick(smallestAt(p));
      return;
    }
    const box = rectBetween(from, p);
    if (box.x1 > box.x0 && box.y1 > box.y0) onDraw(box);
  });
  overlay.addEventListener('pointercancel', () => { pan = null; cancel(); });

  function smallestAt(p) {
    let best = null;
    shown.forEach((b, i) => {
      if (p.x < b.x0 || p.x > b.x1 || p.y < b.y0 || p.y > b.y1) return;
      const area = (b.x1 - b.x0) * (b.y1 - b.y0);
      if (best === null || area < best.area) best = { i, area };
    });
    return best ? best.i : null;
  }

  function draw(boxes) {
    shown = boxes;
    replace(boxesGroup, boxes.map((b, i) => {
      const rect = svg('rect', { class: 'box' });
      place(rect, b);
      const tag = svg('text', { class: 'box-tag', x: pct(b.x0), y: pct(b.y0), dx: '3', dy: b.y0 < 0.08 ? '14' : '-5' }, b.name);
      const g = svg('g', {
        class: 'box-item' + (b.model ? ' from-model' : '') + (b.selected ? ' selected' : ''),
        dataset: { index: i, category: b.category, x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1 },
      }, svg('title', null, b.title || b.name), rect, tag);
      g.style.setProperty('--cat', b.color);
      return g;
    }));
  }

  function cancel() {
    const drawing = start !== null;
    start = null;
    draft.setAttribute('display', 'none');
    return drawing;
  }

  /** + (or =) and - zoom around the centre, Z fits the image again. */
  function handleKey(e) {
    if (e.key === '+' || e.key === '=') zoomBy(1.5);
    else if (e.key === '-') zoomBy(1 / 1.5);
    else if (e.key === 'z' || e.key === 'Z') { view = { zoom: 1, x: 0, y: 0 }; applyView(); }
    else return false;
    return true;
  }

  return { el, draw, cancel, handleKey };
}
