// Classification jobs: a button per category, for one answer (radio) or any number of them (input "checkbox"). An
// answer pre-filled from a model stays marked as the model's until it is changed.
import { h } from '../dom.js';
import { confidenceOf, percent } from './answer-summary.js';
import { categoryButton, categoryFilter, keysInWords, needsFilter } from './editor-categories.js';

/**
 * Picks or unpicks a category. Picking a category the model suggested confirms it (the answer becomes the human's);
 * a radio job keeps at most one, and a required job never loses its last answer to a key, so every sequence of keys
 * leaves a submit-able answer.
 */
function toggle(job, catId, ed) {
  const st = ed.state[job.id];
  const confirmsModel = st.model && st.selected.includes(catId);
  st.model = false;
  if (!confirmsModel) st.selected = afterPicking(job, st.selected, catId);
  ed.changed();
}

function afterPicking(job, selected, catId) {
  if (!selected.includes(catId)) return job.input === 'checkbox' ? [...selected, catId] : [catId];
  if (job.required && selected.length === 1) return selected;
  return selected.filter((x) => x !== catId);
}

/** The classification kind of job (the interface of a kind is described in editor.js). */
export const classificationJob = {
  init(job, r, { fromModel }) {
    const known = new Set(job.categories.map((c) => c.id));
    const picked = (r.categories || []).filter((c) => c && known.has(c.name));
    const sel = job.input === 'checkbox' ? picked : picked.slice(0, 1);
    return {
      selected: sel.map((c) => c.name),
      model: fromModel,
      conf: Object.fromEntries(sel.map((c) => [c.name, confidenceOf(c)])),
    };
  },

  hint: (job) => (job.input === 'checkbox' ? 'any number' : 'pick one') + (job.required ? ' · required' : ''),

  body(job, ed, ji) {
    const st = ed.state[job.id];
    const checkbox = job.input === 'checkbox';
    const buttons = job.categories.map((c, i) => {
      const on = st.selected.includes(c.id);
      const b = categoryButton(job, i, {
        class: 'cat' + (on ? ' on' : '') + (on && st.model ? ' from-model' : ''),
        role: checkbox ? 'checkbox' : 'radio', 'aria-checked': on ? 'true' : 'false',
        dataset: { category: c.id, job: job.id },
      }, on && st.model ? h('span', { class: 'model-badge', text: 'model' + (st.conf[c.id] !== null && st.conf[c.id] !== undefined ? ' ' + percent(st.conf[c.id]) : '') }) : null);
      b.addEventListener('click', () => { ed.active = ji; toggle(job, c.id, ed); });
      return b;
    });
    const group = h('div', { class: 'cat-buttons', role: checkbox ? 'group' : 'radiogroup', 'aria-label': job.instruction }, buttons);
    if (!needsFilter(job)) return group;
    return h('div', {}, categoryFilter(job, buttons, (id) => { ed.active = ji; toggle(job, id, ed); }, () => ed.activate(ji)), group);
  },

  pick: toggle,
  modelCount: (st) => (st.model ? st.selected.length : 0),
  accept(st) { st.model = false; },

  problem(job, st) {
    return job.required && !st.selected.length
      ? '“' + job.instruction + '” needs an answer: press ' + keysInWords(job)
        + (needsFilter(job) ? ', or / and type its name.' : '.')
      : null;
  },

  response: (job, st) => (st.selected.length ? { categories: st.selected.map((name) => ({ name })) } : undefined),
};
