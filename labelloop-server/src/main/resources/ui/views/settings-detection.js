// Settings of an object-detection job: its kinds of box (name, colour) and what the shipped COCO detector pre-annotates
// for each, above a score threshold. Categories are saved in the project's interface, the detector in its learning settings.
import { get, patch, enc } from '../api.js';
import { h, replace, errorBox, toast, paletteColor, safeColor } from '../dom.js';
import { toId } from './project-editor.js';

const BY_NAME = 'by-name';
const NONE = 'none';

function detectionJob(project) {
  const jobs = (project.jsonInterface && project.jsonInterface.jobs) || {};
  const entry = Object.entries(jobs).find(([, j]) => j.mlTask === 'OBJECT_DETECTION');
  return entry ? { id: entry[0], job: entry[1] } : null;
}

function modelOf(job, detector) {
  const classes = detector.classes || {};
  return Object.entries((job.content && job.content.categories) || {}).map(([id, c], i) => ({
    id, savedName: (c && c.name) || id, name: (c && c.name) || id, color: safeColor(c && c.color, i), rest: c || {},
    coco: !(id in classes) ? BY_NAME : classes[id] === null ? NONE : classes[id],
  }));
}

/** The choice of COCO class for one category: its match by name (the default), none, or any of the 80 classes. */
function classSelect(c, settings) {
  const saved = c.savedName !== undefined && c.savedName === c.name;
  const match = saved ? (settings.detectorMatches || {})[c.id] : undefined;
  const byName = match === undefined ? 'By name (known once saved)' : match === null ? 'By name: no COCO class, no boxes' : 'By name: ' + match;
  const select = h('select', { class: 'det-class', 'aria-label': 'Detector class for ' + (c.name || 'the new category') },
    h('option', { value: BY_NAME, text: byName, selected: c.coco === BY_NAME }),
    h('option', { value: NONE, text: 'None: the detector leaves it to people', selected: c.coco === NONE }),
    h('optgroup', { label: 'COCO class' }, (settings.cocoClasses || []).map((n) => h('option', { value: n, text: n, selected: c.coco === n }))));
  select.addEventListener('change', () => { c.coco = select.value; });
  return select;
}

function interfaceWith(project, jobId, cats) {
  const iface = structuredClone(project.jsonInterface);
  const categories = {};
  for (const c of cats) categories[c.id] = { ...c.rest, name: c.name.trim(), color: c.color };
  iface.jobs[jobId].content = { ...(iface.jobs[jobId].content || {}), categories };
  return iface;
}

/** Problems the server would refuse anyway, said next to the form before anything is written. */
function problems(cats) {
  const out = [];
  const seen = new Map();
  cats.forEach((c, i) => {
    if (!c.name.trim()) out.push('Category ' + (i + 1) + ' has no name.');
    else if (seen.has(c.id)) out.push('“' + c.name.trim() + '” and “' + seen.get(c.id) + '” would get the same id ' + c.id + '.');
    seen.set(c.id, c.name.trim());
  });
  if (!cats.length) out.push('A box job needs at least one category.');
  return out;
}

export async function renderDetectionSettings(host, ctx) {
  const pid = enc(ctx.project.id);
  const [project, settings] = await Promise.all([get('/api/v1/projects/' + pid), get('/api/v1/projects/' + pid + '/learning')]);
  const found = detectionJob(project);
  if (!found) {
    replace(host, h('p', { class: 'empty-state', text: 'This project has no object-detection job: add one in the Interface tab.' }));
    return;
  }
  const detector = settings.detector || {};
  const cats = modelOf(found.job, detector);
  const enabled = h('input', { type: 'checkbox', id: 'detector-enabled', checked: detector.enabled !== false });
  const score = h('input', { type: 'range', id: 'detector-min-score', min: 0.05, max: 1, step: 0.05, value: String(detector.minScore ?? 0.5),
    'aria-describedby': 'detector-min-score-help' });
  const scoreOut = h('output', { for: 'detector-min-score', id: 'detector-min-score-value' });
  const showScore = () => { scoreOut.textContent = Math.round(Number(score.value) * 100) + ' %'; };
  score.addEventListener('input', showScore);
  showScore();
  const rows = h('tbody');
  const status = h('div', { id: 'detection-status', 'aria-live': 'polite' });

  function focusName(i) {
    const names = rows.querySelectorAll('input.det-name');
    if (names[i]) names[i].focus();
  }
  function add(at) {
    cats.splice(at, 0, { id: '', name: '', color: paletteColor(cats.length), rest: {}, coco: BY_NAME });
    draw();
    focusName(at);
  }
  function draw() {
    replace(rows, cats.map((c, i) => {
      const name = h('input', { class: 'det-name', value: c.name, placeholder: 'e.g. Car', 'aria-label': 'Name of category ' + (i + 1), dir: 'auto' });
      const idCell = h('td', { class: 'mono small muted', text: c.id });
      const classCell = h('td', null, classSelect(c, settings));
      name.addEventListener('input', () => {
        c.name = name.value;
        if (c.savedName === undefined) { c.id = toId(c.name); idCell.textContent = c.id; }
        replace(classCell, classSelect(c, settings));
      });
      name.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); add(i + 1); } });
      const color = h('input', { type: 'color', class: 'det-color', value: c.color, 'aria-label': 'Colour of ' + (c.name || 'category ' + (i + 1)) });
      color.addEventListener('input', () => { c.color = color.value; });
      const remove = h('button', { type: 'button', class: 'link danger det-remove', 'aria-label': 'Remove ' + (c.name || 'category ' + (i + 1)),
        onclick: () => { cats.splice(i, 1); draw(); focusName(Math.min(i, cats.length - 1)); } }, 'Remove');
      return h('tr', { dataset: { category: c.id } }, h('td', null, color), h('td', null, name), idCell, classCell, h('td', null, remove));
    }));
  }
  draw();

  const save = h('button', { type: 'submit', id: 'save-detection' }, 'Save boxes and detector');
  const form = h('form', { class: 'stack', id: 'detection-form', novalidate: true },
    h('p', { class: 'small muted' }, 'Job ', h('code', { text: found.id }), ' · ' + (found.job.instruction || ''),
      ' · the shipped detector knows the 80 COCO classes; a category is matched by its name unless you pick a class.'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table compact', id: 'detection-categories' },
      h('thead', null, h('tr', null, h('th', { text: 'Colour' }), h('th', { text: 'Category' }), h('th', { text: 'Id' }),
        h('th', { text: 'Detector class' }), h('th', null))), rows)),
    h('div', null, h('button', { type: 'button', class: 'secondary small', id: 'add-box-category', onclick: () => add(cats.length) }, '+ Category'),
      h('span', { class: 'small muted', text: ' Enter in a name adds the next one. Removing a category that labels use makes those labels invalid.' })),
    h('label', { class: 'inline' }, enabled, ' Pre-annotate new images with the detector'),
    h('label', null, 'Detection threshold ', scoreOut, score,
      h('span', { class: 'small muted', id: 'detector-min-score-help', text: 'Boxes scored below it are not suggested. Lower finds more objects and more wrong boxes.' })),
    h('div', { class: 'row' }, save, status));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    cats.forEach((c) => { if (c.savedName === undefined) c.id = toId(c.name); });
    const wrong = problems(cats);
    if (wrong.length) { replace(status, errorBox({ message: wrong.join(' ') })); return; }
    const classes = {};
    for (const c of cats) if (c.coco !== BY_NAME) classes[c.id] = c.coco === NONE ? null : c.coco;
    const nextDetector = { ...detector, enabled: enabled.checked, minScore: Number(score.value), classes };
    const iface = interfaceWith(project, found.id, cats);
    save.disabled = true;
    try {
      if (JSON.stringify(iface) !== JSON.stringify(project.jsonInterface)) await patch('/api/v1/projects/' + pid, { jsonInterface: iface });
      if (JSON.stringify(nextDetector) !== JSON.stringify(detector)) await patch('/api/v1/projects/' + pid + '/learning', { detector: nextDetector });
      toast('Boxes and detector saved');
      await renderDetectionSettings(host, ctx);
      replace(host.querySelector('#detection-status'), h('span', { class: 'small', text: 'Saved.' }));
    } catch (err) {
      replace(status, errorBox(err, 'Not saved'));
      save.disabled = false;
    }
  });
  replace(host, form);
}
