// The answer editor shared by the labeling and review screens: classification buttons, NER spans over the text and
// object-detection boxes over an image, pre-filled from a model's prediction (marked as the model's) or from an earlier
// human answer. This core owns the jobs' state, the active job (the one the category keys speak to) and the one
// selected span or box; each kind of job draws its panel and edits its state in its own module.
import { h, replace } from '../dom.js';
import { jobsOf, tasksFor } from './project-tabs.js';
import { createAudioPlayer } from './audio-player.js';
import { classificationJob } from './editor-classification.js';
import { entitiesJob, createEntityText } from './editor-entities.js';
import { boxesJob, createBoxView } from './editor-boxes.js';
import { createTableRow } from './table-row.js';
import { categoryIndexOfKey } from './editor-categories.js';

/**
 * Each kind of job, by mlTask: init(job, jsonResponse[job.id], {fromModel, text}) => its state; hint(job) => the text
 * beside its instruction; body(job, ed, index) => its panel; pick(job, categoryId, ed) for its category keys;
 * modelCount(state), accept(state), problem(job, state) => a message or null, response(job, state, text) => its answer.
 */
const KINDS = {
  CLASSIFICATION: classificationJob,
  NAMED_ENTITIES_RECOGNITION: entitiesJob,
  OBJECT_DETECTION: boxesJob,
};
const kindOf = (job) => KINDS[job.mlTask];

/**
 * @param opts.project  the project (interface)
 * @param opts.asset    the asset ({id, content}); an IMAGE or AUDIO asset's file is fetched from the API
 * @param opts.initial  a human jsonResponse to start from (earlier answer, labeler's label), or null
 * @param opts.prediction a PREDICTION label ({jsonResponse, modelVersion}) to pre-fill from when there is no initial
 * @param opts.onChange called after every edit
 */
export function createEditor({ project, asset, initial, prediction, onChange = () => {} }) {
  const text = typeof asset.content === 'string' ? asset.content : JSON.stringify(asset.content ?? '');
  const tasks = tasksFor(project.inputType);
  const jobs = jobsOf(project).filter((j) => tasks.includes(j.mlTask));
  const source = initial || (prediction && prediction.jsonResponse) || {};
  const fromModel = !initial && !!prediction;

  /** What the kinds of job work on: active is an index in jobs, selected the selected span or box as {job, index}. */
  const ed = {
    text, jobs, state: {}, active: 0, selected: null,
    changed() { draw(); onChange(); },
    drawJobs,
    /** What a category's key does: tags the tokens under the text's cursor (NER), else the kind's pick. */
    pickCategory(job, catId) {
      if (job.mlTask === 'NAMED_ENTITIES_RECOGNITION' && textView && textView.tagAtCursor(catId)) return;
      kindOf(job).pick(job, catId, ed);
    },
    /** Makes job ji the active one without drawing the panels again (a search box in one keeps its focus). */
    activate(ji) {
      ed.active = ji;
      jobsView.querySelectorAll('.job-panel').forEach((p, i) => p.classList.toggle('active', i === ji));
    },
    /** Selects a job's span or box, which makes the job active; select(null) deselects. */
    select(job, index) {
      ed.selected = job ? { job, index } : null;
      if (job) ed.active = jobs.indexOf(job);
      draw();
    },
    removeSelected() {
      if (!ed.selected) return;
      ed.state[ed.selected.job.id].marks.splice(ed.selected.index, 1);
      ed.selected = null;
      ed.changed();
    },
  };
  for (const job of jobs) ed.state[job.id] = kindOf(job).init(job, source[job.id] || {}, { fromModel, text });

  const fileUrl = '/api/v1/projects/' + encodeURIComponent(project.id) + '/assets/' + encodeURIComponent(asset.id) + '/file';
  const boxView = project.inputType === 'IMAGE' ? createBoxView(ed, fileUrl) : null;
  const player = project.inputType === 'AUDIO' ? createAudioPlayer(fileUrl) : null;
  const tableView = project.inputType === 'TABULAR' ? createTableRow(project, asset, prediction) : null;
  const textView = boxView || player || tableView ? null : createEntityText(ed);
  const jobsView = h('div', { class: 'jobs' });
  const el = h('div', { class: boxView ? 'editor editor-image' : tableView ? 'editor editor-table' : 'editor' },
    (boxView || player || tableView || textView).el, jobsView);

  function drawJobs() {
    replace(jobsView, jobs.map((job, ji) => {
      const isActive = ji === ed.active;
      const wrap = h('section', { class: 'job-panel' + (isActive ? ' active' : ''), dataset: { job: job.id } },
        h('div', { class: 'job-head' },
          h('h3', { dir: 'auto', text: job.instruction }),
          h('span', { class: 'muted small', text: kindOf(job).hint(job) }),
          jobs.length > 1 ? h('span', { class: 'badge keys-badge', text: 'keys' }) : null),
        kindOf(job).body(job, ed, ji));
      wrap.addEventListener('mousedown', (e) => { if (ed.active !== ji && !e.target.closest('input')) { ed.active = ji; drawJobs(); } });
      return wrap;
    }));
  }

  function draw() {
    if (boxView) boxView.draw();
    else if (textView) textView.draw();
    drawJobs();
  }

  function modelCount() {
    return jobs.reduce((n, job) => n + kindOf(job).modelCount(ed.state[job.id]), 0);
  }

  draw();

  return {
    el,
    text,
    get hasModelSuggestions() { return modelCount() > 0; },
    modelCount,
    /** Handles a shortcut; returns true when it was one of the editor's. */
    handleKey(e) {
      if (textView && textView.handleKey(e)) return true;
      if (boxView && boxView.handleKey(e)) return true;
      const job = jobs[ed.active];
      const key = job ? categoryIndexOfKey(job, e.key) : -1;
      if (key >= 0) {
        kindOf(job).pick(job, job.categories[key].id, ed);
        return true;
      }
      if (e.key === '/') {
        const find = jobsView.querySelector('.job-panel.active .cat-filter');
        if (find) find.focus();
        return !!find;
      }
      if (e.key === 'Tab' && jobs.length > 1) {
        ed.active = (ed.active + (e.shiftKey ? jobs.length - 1 : 1)) % jobs.length;
        ed.select(null);
        return true;
      }
      if (ed.selected && (e.key === 'Delete' || e.key === 'Backspace')) { ed.removeSelected(); return true; }
      if (boxView && e.key === 'Escape' && boxView.cancel()) return true;
      if (ed.selected && e.key === 'Escape') { ed.select(null); return true; }
      if (player && (e.key === 'p' || e.key === 'P')) { player.toggle(); return true; }
      return false;
    },
    /** Turns every model suggestion into the human's answer. */
    acceptModel() {
      for (const job of jobs) kindOf(job).accept(ed.state[job.id]);
      draw();
    },
    /** The first problem that keeps this answer from being submitted, or null. */
    problem() {
      for (const job of jobs) {
        const problem = kindOf(job).problem(job, ed.state[job.id]);
        if (problem) return problem;
      }
      return null;
    },
    /** The answer as Kili's jsonResponse (without the model's confidences). */
    response() {
      const out = {};
      for (const job of jobs) {
        const answer = kindOf(job).response(job, ed.state[job.id], text);
        if (answer) out[job.id] = answer;
      }
      return out;
    },
  };
}
