// Named-entity (NER) jobs: spans over the asset's text. Selecting text with the mouse tags it, snapped to whole words,
// as the highlighted category of the active NER job (or of the first); the spans of every NER job share the one text,
// so they never overlap.
import { h, replace, inkFor, toast, plural } from '../dom.js';
import { confidenceOf, percent } from './answer-summary.js';
import { categoryIndexOfKey, categoryOf, colorOf } from './editor-categories.js';
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

/** The text's tokens as [begin, end): runs of word characters, and every other non-space character on its own. */
function tokensOf(text) {
  const out = [];
  for (let i = 0; i < text.length;) {
    if (/\s/u.test(text[i])) { i++; continue; }
    let e = i + 1;
    if (isWord(text[i])) while (e < text.length && isWord(text[e])) e++;
    out.push([i, e]);
    i = e;
  }
  return out;
}

/** The model's possible misses that no span covers yet, in words. */
function missedNote(ed, st) {
  const open = (st.missed || []).filter((m) => !st.marks.some((s) => s.begin < m.end && m.begin < s.end));
  if (!open.length) return null;
  return h('p', { class: 'small missed-spans', id: 'missed-spans' }, 'The model may have missed: ',
    open.map((m, i) => h('span', null, i ? ', ' : '', '“', h('bdi', { text: ed.text.slice(m.begin, m.end) }), '” (' + percent(m.conf) + ' an entity)')),
    ' — dotted in the text.');
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
    // what the model may have missed: untagged text it gives a fair chance of being an entity
    const missed = fromModel ? (r.missed || []).filter((m) => typeof m.beginOffset === 'number' && m.content
      && text.slice(m.beginOffset, m.beginOffset + m.content.length) === m.content)
      .map((m) => ({ begin: m.beginOffset, end: m.beginOffset + m.content.length, conf: confidenceOf(m) })) : [];
    return { ...markState(job, spans), missed };
  },

  hint: () => 'entities',

  body: (job, ed, ji) => h('div', null, markPanel(job, ed, ji, {
    describe: (s) => h('span', null, 'Selected: “', h('bdi', { text: ed.text.slice(s.begin, s.end) }), '” as ',
      h('strong', { text: categoryOf(job, s.cat).name }), s.model ? ' (model)' : ''),
    hint: plural(ed.state[job.id].marks.length, 'span') + '. Select text with the mouse, or move the token cursor with ← → (Shift extends) and press a number; Backspace removes the span under the cursor.',
    toolsId: 'span-tools', removeId: 'remove-span',
  }), missedNote(ed, ed.state[job.id])),

  response: (job, st, text) => ({
    annotations: st.marks.map((s) => ({ categories: [{ name: s.cat }], beginOffset: s.begin, content: text.slice(s.begin, s.end) })),
  }),
};

/**
 * The asset's text with the spans of the editor's NER jobs, as {el, draw(), handleKey(e)}. The keyboard works on a
 * token cursor: ← → move it, Shift extends it, a number tags the tokens under it, Backspace/Delete removes the spans
 * under it, Esc drops it.
 */
export function createEntityText(ed) {
  const { text } = ed;
  const nerJobs = ed.jobs.filter((j) => j.mlTask === 'NAMED_ENTITIES_RECOGNITION');
  const el = h('div', { class: 'asset-text', id: 'asset-text', dir: 'auto', lang: '' });
  const tokens = tokensOf(text);
  let cursor = null; // {anchor, head}: token indices

  const cursorRange = () => {
    if (!cursor) return null;
    const a = Math.min(cursor.anchor, cursor.head), b = Math.max(cursor.anchor, cursor.head);
    return [tokens[a][0], tokens[b][1]];
  };
  const overlapping = (b, e) => nerJobs.flatMap((job) => ed.state[job.id].marks.map((s, i) => ({ job, i, s })))
    .filter(({ s }) => s.begin < e && b < s.end);

  function tag(catId) {
    const [b, e] = cursorRange();
    const job = markJob(ed, nerJobs);
    // the new span replaces what it overlaps: putting the cursor on a span and pressing a number relabels it
    for (const { job: j, i } of overlapping(b, e).sort((x, y) => y.i - x.i)) ed.state[j.id].marks.splice(i, 1);
    const st = ed.state[job.id];
    st.activeCat = catId;
    st.marks.push({ begin: b, end: e, cat: catId, model: false, conf: null });
    st.marks.sort((x, y) => x.begin - y.begin);
    const next = Math.min(tokens.length - 1, Math.max(cursor.anchor, cursor.head) + 1);
    cursor = { anchor: next, head: next };
    ed.selected = null;
    ed.changed();
  }

  function handleKey(e) {
    if (!nerJobs.length || !tokens.length) return false;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      // in right-to-left text the arrow keys follow the reading direction
      const rtl = getComputedStyle(el).direction === 'rtl';
      const step = (e.key === 'ArrowRight') !== rtl ? 1 : -1;
      if (!cursor) {
        const start = step > 0 ? 0 : tokens.length - 1;
        cursor = { anchor: start, head: start };
      } else {
        const head = Math.max(0, Math.min(tokens.length - 1, cursor.head + step));
        cursor = { anchor: e.shiftKey ? cursor.anchor : head, head };
      }
      draw();
      return true;
    }
    if (!cursor) return false;
    const job = markJob(ed, nerJobs);
    const key = categoryIndexOfKey(job, e.key);
    if (key >= 0) {
      tag(job.categories[key].id);
      return true;
    }
    if (e.key === 'Backspace' || e.key === 'Delete') {
      const [b, en] = cursorRange();
      const under = overlapping(b, en);
      if (!under.length) return false;
      for (const { job, i } of under.sort((x, y) => y.i - x.i)) ed.state[job.id].marks.splice(i, 1);
      ed.selected = null;
      ed.changed();
      return true;
    }
    if (e.key === 'Escape') { cursor = null; draw(); return true; }
    return false;
  }

  /** Text outside spans: the part under the token cursor and the model's possible misses are wrapped so they show. */
  function plain(from, to) {
    const r = cursorRange();
    const misses = nerJobs.flatMap((j) => ed.state[j.id].missed || []).filter((m) => m.begin < to && from < m.end);
    const cuts = new Set([from, to]);
    for (const [a, b] of [r, ...misses.map((m) => [m.begin, m.end])].filter(Boolean)) {
      if (a > from && a < to) cuts.add(a);
      if (b > from && b < to) cuts.add(b);
    }
    const points = [...cuts].sort((x, y) => x - y);
    const out = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const inCursor = r && r[0] < b && a < r[1];
      const miss = misses.find((m) => m.begin < b && a < m.end);
      if (!inCursor && !miss) { out.push(document.createTextNode(text.slice(a, b))); continue; }
      out.push(h('span', {
        class: (inCursor ? 'token-cursor ' : '') + (miss ? 'possible-miss' : ''),
        title: miss ? 'The model gives this ' + percent(miss.conf) + ' of being an entity but did not tag it' : null,
        text: text.slice(a, b),
      }));
    }
    return out;
  }

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
      if (s.begin > pos) parts.push(...plain(pos, s.begin));
      const cat = categoryOf(s.job, s.cat);
      const color = colorOf(s.job, s.cat);
      const isSel = ed.selected && ed.selected.job === s.job && ed.selected.index === s.i;
      const r = cursorRange();
      const underCursor = r && s.begin < r[1] && r[0] < s.end;
      const mark = h('mark', {
        class: 'span' + (s.model ? ' from-model' : '') + (isSel ? ' selected' : '') + (underCursor ? ' under-cursor' : ''),
        'data-cat': cat.name + (s.model && s.conf !== null && s.conf !== undefined ? ' · ' + percent(s.conf) : s.model ? ' · model' : ''),
        'data-begin': s.begin, 'data-end': s.end, 'data-category': s.cat,
        title: cat.name + (s.model ? ' (model suggestion' + (s.conf !== null && s.conf !== undefined ? ', ' + percent(s.conf) + ' confident' : '') + ')' : '') + ' — click to relabel or remove',
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
    if (pos < text.length) parts.push(...plain(pos, text.length));
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

  /** Tags the tokens under the cursor as catId, as its key would; false when there is no cursor. */
  function tagAtCursor(catId) {
    if (!cursor) return false;
    tag(catId);
    return true;
  }

  return { el, draw, handleKey, tagAtCursor };
}
