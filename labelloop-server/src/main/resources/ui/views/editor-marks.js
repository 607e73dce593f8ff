// What NER spans and object-detection boxes share: both are "marks" of a category, kept in their job's state.marks. The
// job's panel is a legend whose highlighted category the next mark takes; a click on a mark selects it (one selection
// across the editor), and then a category relabels it and Delete removes it.
import { h } from '../dom.js';
import { categoryButton, categoryFilter, needsFilter } from './editor-categories.js';

/** The job of kindJobs that takes the next mark: the active job if it is one of them, else the first. */
export function markJob(ed, kindJobs) {
  return kindJobs.includes(ed.jobs[ed.active]) ? ed.jobs[ed.active] : kindJobs[0];
}

/** Relabels the job's selected mark, or else sets the category of its next one. */
function pickMark(job, catId, ed) {
  const st = ed.state[job.id];
  st.activeCat = catId;
  if (ed.selected && ed.selected.job === job) {
    const m = st.marks[ed.selected.index];
    m.cat = catId;
    m.model = false;
    ed.selected = null;
    ed.changed();
  } else {
    ed.drawJobs();
  }
}

/** A mark job's state: its marks, and the category the next one takes (at first the job's first, if any). */
export const markState = (job, marks) => ({ marks, activeCat: job.categories.length ? job.categories[0].id : null });

/** The parts of a kind of job that spans and boxes have in common (see editor.js). */
export const markKind = {
  pick: pickMark,
  modelCount: (st) => st.marks.filter((m) => m.model).length,
  accept(st) { st.marks.forEach((m) => { m.model = false; }); },
  problem: () => null,
};

/**
 * A mark job's panel: the legend, then the selected mark with its tools, or else a hint.
 * @param opts.describe (mark) => the element that says which mark is selected
 * @param opts.hint     the text shown when none of the job's marks is selected
 * @param opts.toolsId, opts.removeId  the ids of the tools and of their Remove button
 */
export function markPanel(job, ed, ji, { describe, hint, toolsId, removeId }) {
  const st = ed.state[job.id];
  const selHere = ed.selected && ed.selected.job === job ? st.marks[ed.selected.index] : null;
  const buttons = job.categories.map((c, i) => {
    const on = st.activeCat === c.id;
    const b = categoryButton(job, i, { class: 'cat' + (on ? ' on' : ''), 'aria-pressed': on ? 'true' : 'false', dataset: { category: c.id, job: job.id } });
    b.addEventListener('click', () => { ed.active = ji; pickMark(job, c.id, ed); });
    return b;
  });
  // a category found by typing does what its key would (tags the text's cursor), a click what a click on the legend does
  const byName = (catId) => { ed.active = ji; ed.pickCategory(job, catId); };
  return h('div', null,
    needsFilter(job) ? categoryFilter(job, buttons, byName, () => ed.activate(ji)) : null,
    h('div', { class: 'cat-buttons ner-cats' }, buttons),
    selHere ? h('div', { class: 'span-tools', id: toolsId },
      describe(selHere),
      h('span', { class: 'muted small', text: ' press a number to relabel, Delete to remove, Esc to keep' }),
      h('button', { type: 'button', class: 'danger small', id: removeId, onclick: () => ed.removeSelected() }, 'Remove'))
      : h('p', { class: 'muted small', text: hint }));
}
