// The answer editor shared by the labeling and review screens: classification buttons, NER spans over the text and
// object-detection boxes over an image, pre-filled from a model's prediction (marked as the model's) or from an earlier
// human answer. Spans and boxes are both "marks": a legend picks the category of the next one, a click selects one,
// then 1–9 relabels and Delete removes it.
import { h, replace, safeColor, inkFor, toast } from '../dom.js';
import { jobsOf } from './project-tabs.js';
import { confidenceOf } from './answer-summary.js';
import { createBoxLayer, boxOf, annotationOf } from './image-editor.js';
import { createAudioPlayer } from './audio-player.js';

/** The jobs the editor shows, by the project's input type (text and tabular rows are shown as text). */
const TASKS_BY_INPUT = {
  IMAGE: ['CLASSIFICATION', 'OBJECT_DETECTION'],
  AUDIO: ['CLASSIFICATION'],
};
const TEXT_TASKS = ['CLASSIFICATION', 'NAMED_ENTITIES_RECOGNITION'];

const WORD = /[\p{L}\p{N}\p{M}_]/u;
const isWord = (ch) => ch !== undefined && WORD.test(ch);

/** Expands [start, end) to whole tokens and trims surrounding spaces. Returns null for an empty selection. */
export function snapToTokens(text, start, end) {
  let s = Math.max(0, Math.min(start, end)), e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/u.test(text[s])) s++;
  while (e > s && /\s/u.test(text[e - 1])) e--;
  if (s >= e) return null;
  while (s > 0 && isWord(text[s - 1]) && isWord(text[s])) s--;
  while (e < text.length && isWord(text[e]) && isWord(text[e - 1])) e++;
  return [s, e];
}

/**
 * @param opts.project  the project (interface)
 * @param opts.asset    the asset ({id, content}); an IMAGE or AUDIO asset's file is fetched from the API
 * @param opts.initial  a human jsonResponse to start from (earlier answer, labeler's label), or null
 * @param opts.prediction a PREDICTION label ({jsonResponse, modelVersion}) to pre-fill from when there is no initial
 * @param opts.onChange called after every edit
 */
export function createEditor({ project, asset, initial, prediction, onChange = () => {} }) {
  const text = typeof asset.content === 'string' ? asset.content : JSON.stringify(asset.content ?? '');
  const tasks = TASKS_BY_INPUT[project.inputType] || TEXT_TASKS;
  const jobs = jobsOf(project).filter((j) => tasks.includes(j.mlTask));
  const state = {};
  const source = initial || (prediction && prediction.jsonResponse) || {};
  const fromModel = !initial && !!prediction;
  for (const job of jobs) {
    const r = source[job.id] || {};
    const known = new Set(job.categories.map((c) => c.id));
    if (job.mlTask === 'CLASSIFICATION') {
      const picked = (r.categories || []).filter((c) => c && known.has(c.name));
      const sel = job.input === 'checkbox' ? picked : picked.slice(0, 1);
      state[job.id] = {
        selected: sel.map((c) => c.name),
        model: fromModel,
        conf: Object.fromEntries(sel.map((c) => [c.name, confidenceOf(c)])),
      };
    } else if (job.mlTask === 'OBJECT_DETECTION') {
      const boxes = [];
      for (const a of r.annotations || []) {
        const cat = ((a.categories || [])[0] || {}).name;
        const box = boxOf(a);
        if (known.has(cat) && box) boxes.push({ ...box, cat, model: fromModel, conf: confidenceOf((a.categories || [])[0]) ?? confidenceOf(a) });
      }
      state[job.id] = { boxes, activeCat: job.categories.length ? job.categories[0].id : null };
    } else {
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
      state[job.id] = { spans, activeCat: job.categories.length ? job.categories[0].id : null };
    }
  }
  const nerJobs = jobs.filter((j) => j.mlTask === 'NAMED_ENTITIES_RECOGNITION');
  const boxJobs = jobs.filter((j) => j.mlTask === 'OBJECT_DETECTION');
  let active = 0;
  let selected = null; // the selected span or box: {job, index}

  /** The spans or boxes of a NER or object-detection job. */
  const marksOf = (job) => state[job.id].spans || state[job.id].boxes;

  const fileUrl = '/api/v1/projects/' + encodeURIComponent(project.id) + '/assets/' + encodeURIComponent(asset.id) + '/file';
  const textView = h('div', { class: 'asset-text', id: 'asset-text', dir: 'auto', lang: '' });
  const boxLayer = project.inputType === 'IMAGE'
    ? createBoxLayer({ src: fileUrl, onDraw: boxFromDrag, onPick: pickBox, draftColor: () => activeColor(boxJobs) })
    : null;
  const player = project.inputType === 'AUDIO' ? createAudioPlayer(fileUrl) : null;
  const jobsView = h('div', { class: 'jobs' });
  const el = h('div', { class: boxLayer ? 'editor editor-image' : 'editor' }, boxLayer ? boxLayer.el : player ? player.el : textView, jobsView);

  function modelCount() {
    let n = 0;
    for (const job of jobs) {
      const s = state[job.id];
      if (job.mlTask === 'CLASSIFICATION') n += s.model ? s.selected.length : 0;
      else n += marksOf(job).filter((x) => x.model).length;
    }
    return n;
  }

  function changed() {
    draw();
    onChange();
  }

  function categoryOf(job, id) {
    return job.categories.find((c) => c.id === id) || { id, name: id, index: 0 };
  }

  function colorOf(job, id) {
    const c = categoryOf(job, id);
    return safeColor(c.color, c.index);
  }

  // ---- text with spans
  function drawText() {
    if (!nerJobs.length) {
      textView.textContent = text;
      return;
    }
    const all = [];
    for (const job of nerJobs) state[job.id].spans.forEach((s, i) => all.push({ ...s, job, i }));
    all.sort((a, b) => a.begin - b.begin);
    const parts = [];
    let pos = 0;
    for (const s of all) {
      if (s.begin > pos) parts.push(document.createTextNode(text.slice(pos, s.begin)));
      const cat = categoryOf(s.job, s.cat);
      const color = colorOf(s.job, s.cat);
      const isSel = selected && selected.job === s.job && selected.index === s.i;
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
        selected = { job: s.job, index: s.i };
        active = jobs.indexOf(s.job);
        draw();
      });
      parts.push(mark);
      pos = s.end;
    }
    if (pos < text.length) parts.push(document.createTextNode(text.slice(pos)));
    replace(textView, parts);
  }

  function offsetIn(node, offset) {
    const r = document.createRange();
    r.setStart(textView, 0);
    r.setEnd(node, offset);
    return r.toString().length;
  }

  textView.addEventListener('mouseup', () => setTimeout(spanFromSelection, 0));

  function spanFromSelection() {
    if (!nerJobs.length) return;
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    if (!textView.contains(range.startContainer) || !textView.contains(range.endContainer)) return;
    const snapped = snapToTokens(text, offsetIn(range.startContainer, range.startOffset), offsetIn(range.endContainer, range.endOffset));
    sel.removeAllRanges();
    if (!snapped) return;
    const [b, e] = snapped;
    const job = jobs[active] && jobs[active].mlTask === 'NAMED_ENTITIES_RECOGNITION' ? jobs[active] : nerJobs[0];
    const st = state[job.id];
    if (!st.activeCat) { toast('This job has no categories', 'error'); return; }
    for (const j of nerJobs) {
      if (state[j.id].spans.some((s) => s.begin < e && b < s.end)) {
        toast('Spans cannot overlap: click the existing span to relabel or remove it.', 'error');
        return;
      }
    }
    st.spans.push({ begin: b, end: e, cat: st.activeCat, model: false, conf: null });
    st.spans.sort((x, y) => x.begin - y.begin);
    selected = null;
    changed();
  }

  // ---- boxes over the image
  /** The job that takes the next mark: the highlighted one if it is of this kind, else the first. */
  const markJob = (kindJobs) => (kindJobs.includes(jobs[active]) ? jobs[active] : kindJobs[0]);

  function activeColor(kindJobs) {
    const job = markJob(kindJobs);
    return job && state[job.id].activeCat ? colorOf(job, state[job.id].activeCat) : '#1d2330';
  }

  function drawBoxes() {
    const all = [];
    for (const job of boxJobs) {
      state[job.id].boxes.forEach((b, i) => {
        const cat = categoryOf(job, b.cat);
        const conf = b.conf !== null && b.conf !== undefined ? b.conf + '%' : 'model';
        all.push({
          x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, category: b.cat, color: colorOf(job, b.cat), model: b.model,
          name: cat.name + (b.model ? ' · ' + conf : ''),
          title: cat.name + (b.model ? ' (model suggestion' + (conf === 'model' ? '' : ', ' + conf + ' confident') + ')' : '') + ' — click to relabel or remove',
          selected: !!selected && selected.job === job && selected.index === i,
          job, index: i,
        });
      });
    }
    boxLayer.draw(all);
    return all;
  }

  let drawnBoxes = [];

  function boxFromDrag(box) {
    if (!boxJobs.length) { toast('This project has no object-detection job: boxes cannot be drawn.', 'error'); return; }
    const job = markJob(boxJobs);
    const st = state[job.id];
    if (!st.activeCat) { toast('This job has no categories', 'error'); return; }
    st.boxes.push({ ...box, cat: st.activeCat, model: false, conf: null });
    selected = null;
    active = jobs.indexOf(job);
    changed();
  }

  function pickBox(i) {
    const hit = i === null ? null : drawnBoxes[i];
    selected = hit ? { job: hit.job, index: hit.index } : null;
    if (hit) active = jobs.indexOf(hit.job);
    draw();
  }

  // ---- jobs panel
  function drawJobs() {
    replace(jobsView, jobs.map((job, ji) => {
      const st = state[job.id];
      const isActive = ji === active;
      const keyed = (i) => (i < 9 ? String(i + 1) : '');
      let body;
      if (job.mlTask === 'CLASSIFICATION') {
        body = h('div', { class: 'cat-buttons', role: job.input === 'checkbox' ? 'group' : 'radiogroup', 'aria-label': job.instruction },
          job.categories.map((c, i) => {
            const on = st.selected.includes(c.id);
            const color = safeColor(c.color, c.index);
            const b = h('button', {
              type: 'button', class: 'cat' + (on ? ' on' : '') + (on && st.model ? ' from-model' : ''),
              role: job.input === 'checkbox' ? 'checkbox' : 'radio', 'aria-checked': on ? 'true' : 'false',
              dataset: { category: c.id, job: job.id }, tabindex: '-1',
            }, h('kbd', { text: keyed(i) }), h('span', { class: 'cat-name', dir: 'auto', text: c.name }),
            on && st.model ? h('span', { class: 'model-badge', text: 'model' + (st.conf[c.id] !== null && st.conf[c.id] !== undefined ? ' ' + st.conf[c.id] + '%' : '') }) : null);
            b.style.setProperty('--cat', color);
            b.style.setProperty('--cat-ink', inkFor(color));
            b.addEventListener('click', () => { active = ji; toggle(job, c.id); });
            return b;
          }));
      } else {
        const isBox = job.mlTask === 'OBJECT_DETECTION';
        const selHere = selected && selected.job === job ? marksOf(job)[selected.index] : null;
        body = h('div', null,
          h('div', { class: 'cat-buttons ner-cats' }, job.categories.map((c, i) => {
            const on = st.activeCat === c.id;
            const color = safeColor(c.color, c.index);
            const b = h('button', { type: 'button', class: 'cat' + (on ? ' on' : ''), 'aria-pressed': on ? 'true' : 'false', dataset: { category: c.id, job: job.id }, tabindex: '-1' },
              h('kbd', { text: keyed(i) }), h('span', { class: 'cat-name', dir: 'auto', text: c.name }));
            b.style.setProperty('--cat', color);
            b.style.setProperty('--cat-ink', inkFor(color));
            b.addEventListener('click', () => { active = ji; pickMark(job, c.id); });
            return b;
          })),
          selHere ? h('div', { class: 'span-tools', id: isBox ? 'box-tools' : 'span-tools' },
            isBox
              ? h('span', null, 'Selected: a box as ', h('strong', { text: categoryOf(job, selHere.cat).name }), selHere.model ? ' (model)' : '')
              : h('span', null, 'Selected: “', h('bdi', { text: text.slice(selHere.begin, selHere.end) }), '” as ', h('strong', { text: categoryOf(job, selHere.cat).name }),
                selHere.model ? ' (model)' : ''),
            h('span', { class: 'muted small', text: ' press a number to relabel, Delete to remove, Esc to keep' }),
            h('button', { type: 'button', class: 'danger small', id: isBox ? 'remove-box' : 'remove-span', onclick: () => removeSelected() }, 'Remove'))
            : h('p', { class: 'muted small', text: isBox
              ? st.boxes.length + ' box(es). Drag on the image to draw a box as the highlighted category; click a box to change it.'
              : st.spans.length + ' span(s). Select text with the mouse to tag it as the highlighted category; click a span to change it.' }));
      }
      const wrap = h('section', { class: 'job-panel' + (isActive ? ' active' : ''), dataset: { job: job.id } },
        h('div', { class: 'job-head' },
          h('h3', { dir: 'auto', text: job.instruction }),
          h('span', { class: 'muted small', text: job.mlTask === 'CLASSIFICATION' ? (job.input === 'checkbox' ? 'any number' : 'pick one') + (job.required ? ' · required' : '')
            : job.mlTask === 'OBJECT_DETECTION' ? 'boxes' : 'entities' }),
          jobs.length > 1 && isActive ? h('span', { class: 'badge', text: 'keys' }) : null),
        body);
      wrap.addEventListener('mousedown', () => { if (active !== ji) { active = ji; drawJobs(); } });
      return wrap;
    }));
  }

  function draw() {
    if (boxLayer) drawnBoxes = drawBoxes();
    else if (!player) drawText();
    drawJobs();
  }

  function toggle(job, catId) {
    const st = state[job.id];
    if (st.model) { st.model = false; }
    if (job.input === 'checkbox') {
      st.selected = st.selected.includes(catId) ? st.selected.filter((x) => x !== catId) : [...st.selected, catId];
    } else {
      st.selected = st.selected.includes(catId) && st.selected.length === 1 ? [] : [catId];
    }
    changed();
  }

  /** Relabels the selected span or box of the job, or else sets the category of its next one. */
  function pickMark(job, catId) {
    const st = state[job.id];
    if (selected && selected.job === job) {
      const s = marksOf(job)[selected.index];
      s.cat = catId;
      s.model = false;
      selected = null;
      st.activeCat = catId;
      changed();
      return;
    }
    st.activeCat = catId;
    drawJobs();
  }

  function removeSelected() {
    if (!selected) return;
    marksOf(selected.job).splice(selected.index, 1);
    selected = null;
    changed();
  }

  draw();

  return {
    el,
    text,
    get hasModelSuggestions() { return modelCount() > 0; },
    modelCount,
    /** Handles a shortcut; returns true when it was one of the editor's. */
    handleKey(e) {
      if (/^[1-9]$/.test(e.key)) {
        const job = jobs[active];
        if (!job) return false;
        const c = job.categories[Number(e.key) - 1];
        if (!c) return true;
        if (job.mlTask === 'CLASSIFICATION') toggle(job, c.id); else pickMark(job, c.id);
        return true;
      }
      if (e.key === 'Tab' && jobs.length > 1) {
        active = (active + (e.shiftKey ? jobs.length - 1 : 1)) % jobs.length;
        selected = null;
        draw();
        return true;
      }
      if (selected && (e.key === 'Delete' || e.key === 'Backspace')) { removeSelected(); return true; }
      if (boxLayer && e.key === 'Escape' && boxLayer.cancel()) return true;
      if (selected && e.key === 'Escape') { selected = null; draw(); return true; }
      if (player && (e.key === 'p' || e.key === 'P')) { player.toggle(); return true; }
      return false;
    },
    /** Turns every model suggestion into the human's answer. */
    acceptModel() {
      for (const job of jobs) {
        const st = state[job.id];
        if (job.mlTask === 'CLASSIFICATION') st.model = false; else marksOf(job).forEach((s) => { s.model = false; });
      }
      draw();
    },
    /** The first problem that keeps this answer from being submitted, or null. */
    problem() {
      for (const job of jobs) {
        if (job.mlTask === 'CLASSIFICATION' && job.required && !state[job.id].selected.length) {
          return '“' + job.instruction + '” needs an answer: press 1–' + Math.min(9, job.categories.length) + '.';
        }
      }
      return null;
    },
    /** The answer as Kili's jsonResponse (without the model's confidences). */
    response() {
      const out = {};
      for (const job of jobs) {
        const st = state[job.id];
        if (job.mlTask === 'CLASSIFICATION') {
          if (st.selected.length) out[job.id] = { categories: st.selected.map((name) => ({ name })) };
        } else if (job.mlTask === 'OBJECT_DETECTION') {
          out[job.id] = { annotations: st.boxes.map((b) => annotationOf(b, b.cat)) };
        } else {
          out[job.id] = { annotations: st.spans.map((s) => ({ categories: [{ name: s.cat }], beginOffset: s.begin, content: text.slice(s.begin, s.end) })) };
        }
      }
      return out;
    },
  };
}
