// DOM helpers. Data is only ever inserted as text (createTextNode / textContent / setAttribute), never as HTML.

/**
 * h('button', {class: 'x', onclick: fn, dataset: {k: 'v'}}, 'text', child) creates an element.
 * Keys starting with "on" become event listeners; `text` sets textContent; everything else is setAttribute.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  applyAttrs(el, attrs);
  append(el, children);
  return el;
}

function applyAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden') el[k] = !!v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function replace(el, ...children) {
  clear(el);
  return append(el, children);
}

/** A readable error box: message, then each detail (validation problems) on its own line. */
export function errorBox(err, prefix) {
  const details = (err && err.details) || [];
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', { text: (prefix ? prefix + ': ' : '') + ((err && err.message) || String(err)) }),
    details.length > 1 || (details.length === 1 && details[0] !== err.message)
      ? h('ul', null, details.slice(0, 50).map((d) => h('li', { text: typeof d === 'string' ? d : JSON.stringify(d) })))
      : null);
}

let toastTimer = null;
/** Shows a short message at the bottom of the window; errors stay until dismissed. */
export function toast(message, kind = 'info') {
  const host = document.getElementById('toast');
  if (!host) return;
  replace(host, h('span', { text: message }),
    h('button', { class: 'link', 'aria-label': 'Dismiss', onclick: () => { host.hidden = true; } }, '×'));
  host.className = 'toast ' + kind;
  host.hidden = false;
  clearTimeout(toastTimer);
  if (kind !== 'error') toastTimer = setTimeout(() => { host.hidden = true; }, 3500);
}

export function showError(err, prefix) {
  const msg = (prefix ? prefix + ': ' : '') + ((err && err.message) || String(err));
  const details = (err && err.details) || [];
  toast(details.length && details[0] !== err.message ? msg + ' — ' + details.slice(0, 3).join('; ') : msg, 'error');
}

const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];
/** A category colour from the interface if it is a plain hex colour, else one from a fixed palette. */
export function safeColor(color, index = 0) {
  return typeof color === 'string' && /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : PALETTE[index % PALETTE.length];
}
export function paletteColor(i) { return PALETTE[i % PALETTE.length]; }

/** Black or white text, whichever reads better on the colour. */
export function inkFor(hex) {
  let c = hex.replace('#', '');
  if (c.length === 3) c = c.split('').map((x) => x + x).join('');
  const r = parseInt(c.slice(0, 2), 16), g = parseInt(c.slice(2, 4), 16), b = parseInt(c.slice(4, 6), 16);
  return (0.299 * r + 0.587 * g + 0.114 * b) > 150 ? '#111' : '#fff';
}

/** The start of a text, cut at a word boundary (never mid-word) with an ellipsis when it is longer than max. */
export function snippet(text, max) {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1).replace(/\s+\S*$/u, '');
  return (cut.length >= max / 2 ? cut : text.slice(0, max)) + '…';
}

/** "1 suggestion", "3 suggestions"; irregular plurals are passed in. */
export function plural(n, word, many = word + 's') {
  return n + ' ' + (n === 1 ? word : many);
}

export function fmtDuration(seconds) {
  const s = Math.max(0, Math.round(seconds));
  const m = Math.floor(s / 60), r = s % 60;
  if (m >= 60) return Math.floor(m / 60) + ' h ' + String(m % 60).padStart(2, '0') + ' min';
  return m + ':' + String(r).padStart(2, '0');
}

export function fmtPct(x) {
  return x === null || x === undefined || Number.isNaN(x) ? '—' : (Math.round(x * 1000) / 10) + ' %';
}

export function fmtDate(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? String(iso) : d.toLocaleString();
}

/** True when a key event is typed into a field, so global shortcuts must not fire. */
export function isTyping(e) {
  const t = e.target;
  if (!t || !t.tagName) return false;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
}
