// Named-entity (NER) jobs: spans over the asset's text. Selecting text with the mouse tags it, snapped to whole words,
// as the highlighted category of the active NER job (or of the first); the spans of every NER job share the one text,
// so they never overlap.
import { h, replace, inkFor, toast } from '../dom.js';
import { confidenceOf } from './answer-summary.js';
import { categoryOf, colorOf } from './editor-categories.js';
import { markKind, markJob, markPanel, markState } from './editor-marks.js';

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const isWord = (ch) => ch !== undefined && WORD.test(ch);

/** Expands [start, end) to whole tokens and trims surrounding spaces. Returns null for an empty selection. */
function snapToTokens(text, start, end) {
  let s = Math.max(0, Math.min(start, end)), e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/u.test(text[s])) s++;
  while (e > s && /\s/u.test(text[e - 1])) e--;
  if (s >= e) return null;
  while (s > 0 && isWord(text[s - 1]) && isWord(text[s])) s--;
  while (e < text.length && isWord(text[e]) && isWord(text[e - 1])) e++;
  return [s, e];
}

/** The NER kind of job (the interface of a kind is described in editor.js). */
export const entitiesJob = {
  ...markKind,

  init(job, r, { fromModel, text }) {
    const known = new Set(job.categories.map((c) => c.id));
    const spans = [];
    for (const a of r.annotations || []) {
      const cat = ((a.categories || [])[0] || {}).name;
      const begin = a.beginOffset;
      const content = a.content || '';
      if (!known.has(cat) || typeof begin !== 'number' || begin < 0 || begin + content.length > text.length) continue;
      const end = begin + content.length;
      if (spans.some((s) => s.begin < end && begin < s.end)) continue;
      spans.push({ begin, end, cat, model: fromModel, conf: confidenceOf((a.categories || [])[0]) ?? confidenceOf(a) });
    }
    spans.sort((a, b) => a.begin - b.begin);
    return markState(job, spans);
  },

  hint: () => 'entities',

  body: (job, ed, ji) => markPanel(job, ed, ji, {
    describe: (s) => h('span', null, 'Selected: “', h('bdi', { text: ed.text.slice(s.begin, s.end) }), '” as ',
      h('strong', { text: categoryOf(job, s.cat).name }), s.model ? ' (model)' : ''),
    hint: ed.state[job.id].marks.length + ' span(s). Select text with the mouse to tag it as the highlighted category; click a span to change it.',
    toolsId: 'span-tools', removeId: 'remove-span',
  }),

  response: (job, st, text) => ({
    annotations: st.marks.map((s) => ({ categories: [{ name: s.cat }], beginOffset: s.begin, content: text.slice(s.begin, s.end) })),
  }),
};

/** The asset's text with the spans of the editor's NER jobs, as {el, draw()}. */
export function createEntityText(ed) {
  const { text } = ed;
  const nerJobs = ed.jobs.filter((j) => j.mlTask === 'NAMED_ENTITIES_RECOGNITION');
  const el = h('div', { class: 'asset-text', id: 'asset-text', dir: 'auto', lang: '' });

  function draw() {
    if (!nerJobs.length) {
      el.textContent = text;
      return;
    }
    const all = [];
    for (const job of nerJobs) ed.state[job.id].marks.forEach((s, i) => all.push({ ...s, job, i }));
    all.sort((a, b) => a.begin - b.begin);
    const parts = [];
    let pos = 0;
    for (const s of all) {
      if (s.begin > pos) parts.push(document.createTextNode(text.slice(pos, s.begin)));
      const cat = categoryOf(s.job, s.cat);
      const color = colorOf(s.job, s.cat);
      const isSel = ed.selected && ed.selected.job === s.job && ed.selected.index === s.i;
      const mark = h('mark', {
        class: 'span' + (s.model ? ' from-model' : '') + (isSel ? ' selected' : ''),
        'data-cat': cat.name + (s.model && s.conf !== null && s.conf !== undefined ? ' · ' + s.conf + '%' : s.model ? ' · model' : ''),
        'data-begin': s.begin, 'data-end': s.end, 'data-category': s.cat,
        title: cat.name + (s.model ? ' (model suggestion' + (s.conf !== null && s.conf !== undefined ? ', ' + s.conf + ' % confident' : '') + ')' : '') + ' — click to relabel or remove',
        role: 'button', tabindex: '0',
      }, text.slice(s.begin, s.end));
      mark.style.setProperty('--cat', color);
      mark.style.setProperty('--cat-ink', inkFor(color));
      mark.addEventListener('mousedown', (e) => e.stopPropagation());
      mark.addEventListener('click', (e) => {
        e.stopPropagation();
        ed.select(s.job, s.i);
      });
      parts.push(mark);
      pos = s.end;
    }
    if (pos < text.length) parts.push(document.createTextNode(text.slice(pos)));
    replace(el, parts);
  }

  function offsetIn(node, offset) {
    const r = document.createRange();
    r.setStart(el, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  el.addEventListener('mouseup', () => setTimeout(spanFromSelection, 0));

  function spanFromSelection() {
    if (!nerJobs.length) return;
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return;
    const snapped = snapToTokens(text, offsetIn(range.startContainer, range.startOffset), offsetIn(range.endContainer, range.endOffset));
    sel.removeAllRanges();
    if (!snapped) return;
    const [b, e] = snapped;
    const st = ed.state[markJob(ed, nerJobs).id];
    if (!st.activeCat) { toast('This job has no categories', 'error'); return; }
    if (nerJobs.some((j) => ed.state[j.id].marks.some((s) => s.begin < e && b < s.end))) {
      toast('Spans cannot overlap: click the existing span to relabel or remove it.', 'error');
      return;
    }
    st.marks.push({ begin: b, end: e, cat: st.activeCat, model: false, conf: null });
    st.marks.sort((x, y) => x.begin - y.begin);
    ed.selected = null;
    ed.changed();
  }

  return { el, draw };
}
