// Create a project (or edit its interface): a form that writes Kili's JSON interface, and the raw JSON beside it.
import { post, patch } from '../api.js';
import { h, replace, errorBox, toast, paletteColor, safeColor } from '../dom.js';
import { categoryKeys } from './editor-categories.js';
import { tasksFor } from './project-tabs.js';

const INPUT_TYPES = ['TEXT', 'IMAGE', 'AUDIO', 'TABULAR'];
const TASKS = [['CLASSIFICATION', 'Classification'], ['NAMED_ENTITIES_RECOGNITION', 'Named entities (NER)'], ['OBJECT_DETECTION', 'Boxes (object detection)']];
const ADD_BUTTONS = { CLASSIFICATION: ['add-class-job', '+ Classification job'], NAMED_ENTITIES_RECOGNITION: ['add-ner-job', '+ NER job'],
  OBJECT_DETECTION: ['add-box-job', '+ Boxes job'] };

/** A category id from its name: SPORT_NEWS from "Sport news". */
export function toId(name) {
  return String(name).trim().toUpperCase().replace(/[^\p{L}\p{N}]+/gu, '_').replace(/^_+|_+$/g, '') || '';
}

function modelFromProject(p) {
  const jobs = Object.entries((p.jsonInterface && p.jsonInterface.jobs) || {}).map(([id, j]) => ({
    id, mlTask: j.mlTask, instruction: j.instruction || '', required: !!j.required,
    input: (j.content && j.content.input) || 'radio',
    categories: Object.entries((j.content && j.content.categories) || {}).map(([cid, c], i) => ({ id: cid, name: (c && c.name) || cid, color: safeColor(c && c.color, i), idEdited: true })),
  }));
  return { title: p.title || '', description: p.description || '', instructions: p.instructions || '', inputType: p.inputType || 'TEXT', jobs };
}

function interfaceOf(model) {
  const jobs = {};
  for (const j of model.jobs) {
    const categories = {};
    for (const c of j.categories) categories[c.id || toId(c.name)] = { name: c.name, color: c.color };
    const content = { categories };
    if (j.mlTask === 'CLASSIFICATION') content.input = j.input;
    jobs[j.id] = { mlTask: j.mlTask, instruction: j.instruction, required: j.required, content };
  }
  return { jobs };
}

export async function renderProjectEditor(root, ctx) {
  const editing = !!ctx.project;
  const model = editing ? modelFromProject(ctx.project) : {
    title: '', description: '', instructions: '', inputType: 'TEXT',
    jobs: [{ id: 'JOB_0', mlTask: 'CLASSIFICATION', instruction: 'Category', required: true, input: 'radio',
      categories: [{ id: '', name: '', color: paletteColor(0) }] }],
  };
  let mode = 'form';
  const status = h('div', { id: 'editor-status', 'aria-live': 'assertive' });

  const title = h('input', { id: 'project-title', required: true, value: model.title, maxlength: 200, dir: 'auto' });
  title.addEventListener('input', () => { model.title = title.value; });
  const description = h('textarea', { id: 'project-description', rows: 2, dir: 'auto' });
  description.value = model.description;
  description.addEventListener('input', () => { model.description = description.value; });
  const instructions = h('textarea', { id: 'project-instructions', rows: 4, dir: 'auto', maxlength: 20000,
    placeholder: 'What labelers read before they start: what each category means, the hard cases, a link to a longer guide' });
  instructions.value = model.instructions;
  instructions.addEventListener('input', () => { model.instructions = instructions.value; });
  const inputType = h('select', { id: 'project-input-type', disabled: editing }, INPUT_TYPES.map((t) => h('option', { value: t, text: t, selected: t === model.inputType })));
  inputType.addEventListener('change', () => {
    model.inputType = inputType.value;
    // a job this kind of asset cannot have (spans on photos, boxes on texts) becomes a classification
    model.jobs.forEach((j) => { if (!tasksFor(model.inputType).includes(j.mlTask)) j.mlTask = 'CLASSIFICATION'; });
    drawJobs();
    drawAddButtons();
  });

  const jobsHost = h('div', { id: 'jobs', class: 'stack' });
  const raw = h('textarea', { id: 'raw-json', class: 'mono', rows: 18, spellcheck: 'false', 'aria-label': 'JSON interface' });
  const rawHint = h('p', { class: 'small muted' }, 'Kili’s interface format: ', h('code', { text: '{"jobs": {JOB_ID: {"mlTask", "instruction", "required", "content": {"input", "categories": {ID: {"name", "color"}}}}}}' }));
  const addButtons = h('div', { class: 'row' });
  const formPane = h('div', { class: 'stack' }, jobsHost, addButtons);
  /** One button per kind of job the input type can have. */
  function drawAddButtons() {
    replace(addButtons, tasksFor(model.inputType).map((task) => h('button', {
      type: 'button', class: 'secondary', id: ADD_BUTTONS[task][0], onclick: () => addJob(task) }, ADD_BUTTONS[task][1])));
  }
  const jsonPane = h('div', { class: 'stack', hidden: true }, rawHint, raw);
  const formTab = h('button', { type: 'button', class: 'tab active', id: 'mode-form' }, 'Form');
  const jsonTab = h('button', { type: 'button', class: 'tab', id: 'mode-json' }, 'Raw JSON');
  formTab.addEventListener('click', () => setMode('form'));
  jsonTab.addEventListener('click', () => setMode('json'));

  function setMode(m) {
    if (m === mode) return;
    if (m === 'json') {
      raw.value = JSON.stringify(interfaceOf(model), null, 2);
    } else {
      try {
        const parsed = JSON.parse(raw.value);
        Object.assign(model, modelFromProject({ ...model, jsonInterface: parsed }));
        drawJobs();
      } catch (e) {
        replace(status, errorBox({ message: 'The JSON is not valid: ' + e.message + '. Fix it before switching back to the form.' }));
        return;
      }
    }
    replace(status);
    mode = m;
    formPane.hidden = m !== 'form';
    jsonPane.hidden = m !== 'json';
    formTab.classList.toggle('active', m === 'form');
    jsonTab.classList.toggle('active', m === 'json');
  }

  function addJob(task) {
    const n = model.jobs.length;
    let id = 'JOB_' + n;
    while (model.jobs.some((j) => j.id === id)) id += '_';
    model.jobs.push({ id, mlTask: task, instruction: { CLASSIFICATION: 'Category', OBJECT_DETECTION: 'Objects' }[task] || 'Entities', required: task === 'CLASSIFICATION', input: 'radio',
      categories: [{ id: '', name: '', color: paletteColor(0) }] });
    drawJobs();
    const inputs = jobsHost.querySelectorAll('.job:last-child input.cat-name');
    if (inputs.length) inputs[0].focus();
  }

  function drawJobs() {
    replace(jobsHost, model.jobs.map((job, ji) => jobEditor(job, ji)));
  }

  function jobEditor(job, ji) {
    const idIn = h('input', { class: 'job-id mono', value: job.id, 'aria-label': 'Job id', size: 10 });
    idIn.addEventListener('input', () => { job.id = idIn.value.trim(); });
    const task = h('select', { class: 'job-task', 'aria-label': 'Task' }, TASKS.filter(([v]) => tasksFor(model.inputType).includes(v))
      .map(([v, t]) => h('option', { value: v, text: t, selected: v === job.mlTask })));
    task.addEventListener('change', () => { job.mlTask = task.value; drawJobs(); });
    const instr = h('input', { class: 'job-instruction', value: job.instruction, 'aria-label': 'Instruction', placeholder: 'Question shown to labelers' });
    instr.addEventListener('input', () => { job.instruction = instr.value; });
    const req = h('input', { type: 'checkbox', class: 'job-required', checked: job.required });
    req.addEventListener('change', () => { job.required = req.checked; });
    const multi = h('select', { class: 'job-input', 'aria-label': 'Answer type', hidden: job.mlTask !== 'CLASSIFICATION' },
      h('option', { value: 'radio', text: 'one category (radio)', selected: job.input === 'radio' }),
      h('option', { value: 'checkbox', text: 'several categories (checkbox)', selected: job.input === 'checkbox' }));
    multi.addEventListener('change', () => { job.input = multi.value; });
    const cats = h('div', { class: 'categories stack' });
    const drawCats = () => replace(cats, job.categories.map((c, ci) => categoryRow(job, c, ci, drawCats)));
    drawCats();
    return h('fieldset', { class: 'job card' },
      h('legend', null, 'Job ', idIn),
      h('div', { class: 'row wrap' }, task, instr, multi, h('label', { class: 'inline' }, req, ' required'),
        h('button', { type: 'button', class: 'link danger', onclick: () => { model.jobs.splice(ji, 1); drawJobs(); } }, 'Remove job')),
      h('div', { class: 'small muted', text: 'Categories' + (job.mlTask === 'CLASSIFICATION' ? ' (keys 1–9, then 0, follow this order, or each name when all are digits; with more than ten, / finds one by name)' : job.mlTask === 'OBJECT_DETECTION' ? ' (kinds of box)' : ' (entity types)') }),
      cats,
      h('button', { type: 'button', class: 'secondary small add-category', onclick: () => {
        job.categories.push({ id: '', name: '', color: paletteColor(job.categories.length) });
        drawCats();
        const names = cats.querySelectorAll('input.cat-name');
        names[names.length - 1].focus();
      } }, '+ Category'));
  }

  function categoryRow(job, c, ci, redraw) {
    const name = h('input', { class: 'cat-name', value: c.name, placeholder: 'Name, e.g. Sport', 'aria-label': 'Category name', dir: 'auto' });
    const id = h('input', { class: 'cat-id mono', value: c.id, placeholder: 'ID', 'aria-label': 'Category id', size: 12 });
    const color = h('input', { type: 'color', class: 'cat-color', value: safeColor(c.color, ci), 'aria-label': 'Colour' });
    name.addEventListener('input', () => {
      c.name = name.value;
      if (!c.idEdited) { c.id = toId(name.value); id.value = c.id; }
      // naming every category by a digit makes the digits their keys
      const keys = categoryKeys(job);
      name.closest('.categories')?.querySelectorAll('.key-hint').forEach((hint, i) => { hint.textContent = keys[i]; });
    });
    name.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        const host = name.closest('.categories');
        job.categories.splice(ci + 1, 0, { id: '', name: '', color: paletteColor(job.categories.length) });
        redraw();
        const next = host && host.querySelectorAll('input.cat-name')[ci + 1];
        if (next) next.focus();
      }
    });
    id.addEventListener('input', () => { c.id = id.value.trim(); c.idEdited = true; });
    color.addEventListener('input', () => { c.color = color.value; });
    return h('div', { class: 'row category-row' }, h('span', { class: 'key-hint', text: categoryKeys(job)[ci] }), color, name, id,
      h('button', { type: 'button', class: 'link danger', 'aria-label': 'Remove category', onclick: () => { job.categories.splice(ci, 1); redraw(); } }, '×'));
  }

  const submit = h('button', { type: 'submit', id: 'save-project' }, editing ? 'Save interface' : 'Create project');
  const form = h('form', { id: 'project-form', class: 'stack', novalidate: true },
    h('div', { class: 'grid-form' },
      h('label', null, 'Title', title),
      h('label', null, 'Input type', inputType),
      h('label', { class: 'span-2' }, 'Description', description),
      h('label', { class: 'span-2' }, 'Instructions for labelers (shown on the labeling and review screens)', instructions)),
    h('div', { class: 'row' }, h('h2', { text: 'Interface' }), h('div', { class: 'segmented' }, formTab, jsonTab)),
    formPane, jsonPane, status, h('div', { class: 'row' }, submit));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(status);
    let jsonInterface;
    if (mode === 'json') {
      try { jsonInterface = JSON.parse(raw.value); } catch (err) {
        replace(status, errorBox({ message: 'The JSON is not valid: ' + err.message }));
        return;
      }
    } else {
      const empties = [];
      model.jobs.forEach((j) => j.categories.forEach((c, i) => { if (!c.name.trim() && !c.id) empties.push(j.id + ' category ' + (i + 1)); }));
      model.jobs.forEach((j) => { j.categories = j.categories.filter((c) => c.name.trim() || c.id); });
      jsonInterface = interfaceOf(model);
    }
    if (!model.title.trim()) { replace(status, errorBox({ message: 'Give the project a title.' })); title.focus(); return; }
    submit.disabled = true;
    try {
      const body = { title: model.title.trim(), description: model.description.trim() || null, instructions: model.instructions.trim(), jsonInterface };
      let p;
      if (editing) {
        p = await patch('/api/v1/projects/' + encodeURIComponent(ctx.project.id), body);
        toast('Interface saved');
      } else {
        body.inputType = model.inputType;
        p = await post('/api/v1/projects', body);
        toast('Project created');
      }
      ctx.navigate('/p/' + encodeURIComponent(p.id) + (editing ? '' : '/import'));
    } catch (err) {
      replace(status, errorBox(err, 'The server rejected the project'));
      if (mode === 'form') drawJobs();
    } finally {
      submit.disabled = false;
    }
  });

  drawJobs();
  drawAddButtons();
  replace(root, h('section', { class: 'panel' },
    editing ? h('h2', { text: 'Interface' }) : h('h1', { text: 'New project' }),
    editing ? h('p', { class: 'muted small', text: 'A job or category that labels answer with cannot be removed (a category’s name can change: its id stays), nor the input type.' }) : null,
    form));
  if (!editing) title.focus();
}
