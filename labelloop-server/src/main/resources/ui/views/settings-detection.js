// Settings of an object-detection job: its kinds of box (name, colour) and what the detector pre-annotates for each, above
// a score threshold: the shipped COCO detector, or the team's own ONNX model (a file on the server, its input and class
// names). Categories are saved in the project's interface, the detector in its learning settings.
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

/** The choice of detector class for one category: its match by name (the default), none, or any of the detector's classes. */
function classSelect(c, settings, classes, classesSaved, ownModel) {
  if (c.coco !== BY_NAME && c.coco !== NONE && !classes.includes(c.coco)) c.coco = BY_NAME; // a class the new model lacks
  const saved = classesSaved && c.savedName !== undefined && c.savedName === c.name;
  const match = saved ? (settings.detectorMatches || {})[c.id] : undefined;
  const byName = match === undefined ? 'By name (known once saved)' : match === null ? 'By name: no ' + (ownModel ? 'class of the model' : 'COCO class') + ', no boxes' : 'By name: ' + match;
  const select = h('select', { class: 'det-class', 'aria-label': 'Detector class for ' + (c.name || 'the new category') },
    h('option', { value: BY_NAME, text: byName, selected: c.coco === BY_NAME }),
    h('option', { value: NONE, text: 'None: the detector leaves it to people', selected: c.coco === NONE }),
    h('optgroup', { label: 'Detector class' }, classes.map((n) => h('option', { value: n, text: n, selected: c.coco === n }))));
  select.addEventListener('change', () => { c.coco = select.value; });
  return select;
}

const list = (text) => text.split(/[,\n]/).map((x) => x.trim()).filter(Boolean);
const numbers = (text) => text.split(',').map((x) => Number(x.trim()));

/** The team's own model's fields, filled from the saved one (or Ultralytics' defaults); empty path: the shipped detector. */
function modelFields(model) {
  const m = model || { path: '', width: 640, height: 640, channelsFirst: true, bgr: false, mean: [0, 0, 0], std: [255, 255, 255], names: [] };
  const f = {
    path: h('input', { id: 'detector-model-path', value: m.path, placeholder: '/models/yolo.onnx', class: 'mono', 'aria-describedby': 'detector-model-help' }),
    width: h('input', { id: 'detector-model-width', type: 'number', min: 8, max: 4096, value: String(m.width) }),
    height: h('input', { id: 'detector-model-height', type: 'number', min: 8, max: 4096, value: String(m.height) }),
    layout: h('select', { id: 'detector-model-layout' }, h('option', { value: 'nchw', text: 'NCHW (channels first)', selected: m.channelsFirst }),
      h('option', { value: 'nhwc', text: 'NHWC (channels last)', selected: !m.channelsFirst })),
    bgr: h('input', { type: 'checkbox', id: 'detector-model-bgr', checked: m.bgr }),
    mean: h('input', { id: 'detector-model-mean', value: m.mean.join(', ') }),
    std: h('input', { id: 'detector-model-std', value: m.std.join(', ') }),
    names: h('textarea', { id: 'detector-model-names', rows: 2, class: 'mono', placeholder: 'ant, bee', value: m.names.join(', ') }),
  };
  f.box = h('fieldset', { class: 'job card stack', id: 'detector-model' },
    h('legend', { text: 'Your own detector (ONNX)' }),
    h('label', { class: 'span-2' }, 'Model file on the server ', f.path,
      h('span', { class: 'small muted', id: 'detector-model-help', text: 'A YOLO-style model (output [1, boxes, 4 + classes], or YOLOv5 with objectness). Empty: the shipped COCO detector.' })),
    h('div', { class: 'grid-form' },
      h('label', null, 'Input width ', f.width), h('label', null, 'Input height ', f.height), h('label', null, 'Layout ', f.layout),
      h('label', { class: 'inline' }, f.bgr, ' Channels in BGR order'),
      h('label', null, 'Mean per channel (0–255) ', f.mean), h('label', null, 'Std per channel (0–255) ', f.std)),
    h('label', null, 'Class names, in the model\'s output order ', f.names));
  return f;
}

/** The model the fields describe (null: the shipped detector), or problems to say before anything is written. */
function ownModel(f, out) {
  const path = f.path.value.trim();
  if (!path) return null;
  const mean = numbers(f.mean.value), std = numbers(f.std.value), names = list(f.names.value);
  if (mean.length !== 3 || mean.some(Number.isNaN)) out.push('Mean needs three numbers.');
  if (std.length !== 3 || std.some((x) => !(x > 0))) out.push('Std needs three positive numbers.');
  if (!names.length) out.push('Name the model\'s classes, in its output order.');
  return { path, width: Number(f.width.value), height: Number(f.height.value), channelsFirst: f.layout.value === 'nchw', bgr: f.bgr.checked, mean, std, names };
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
  const own = modelFields(detector.model);
  const savedClasses = detector.model ? detector.model.names : (settings.cocoClasses || []);
  const classes = () => (own.path.value.trim() ? list(own.names.value) : (settings.cocoClasses || []));
  const classesSaved = () => JSON.stringify(classes()) === JSON.stringify(savedClasses);
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
      const classCell = h('td', null, classSelect(c, settings, classes(), classesSaved(), !!own.path.value.trim()));
      name.addEventListener('input', () => {
        c.name = name.value;
        if (c.savedName === undefined) { c.id = toId(c.name); idCell.textContent = c.id; }
        replace(classCell, classSelect(c, settings, classes(), classesSaved(), !!own.path.value.trim()));
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
  own.path.addEventListener('change', draw);
  own.names.addEventListener('change', draw);

  const save = h('button', { type: 'submit', id: 'save-detection' }, 'Save boxes and detector');
  const form = h('form', { class: 'stack', id: 'detection-form', novalidate: true },
    h('p', { class: 'small muted' }, 'Job ', h('code', { text: found.id }), ' · ' + (found.job.instruction || ''),
      ' · the shipped detector knows the 80 COCO classes, your own model its own; a category is matched by its name unless you pick a class.'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table compact', id: 'detection-categories' },
      h('thead', null, h('tr', null, h('th', { text: 'Colour' }), h('th', { text: 'Category' }), h('th', { text: 'Id' }),
        h('th', { text: 'Detector class' }), h('th', null))), rows)),
    h('div', null, h('button', { type: 'button', class: 'secondary small', id: 'add-box-category', onclick: () => add(cats.length) }, '+ Category'),
      h('span', { class: 'small muted', text: ' Enter in a name adds the next one. Removing a category that labels use makes those labels invalid.' })),
    h('label', { class: 'inline' }, enabled, ' Pre-annotate new images with the detector'),
    h('label', null, 'Detection threshold ', scoreOut, score,
      h('span', { class: 'small muted', id: 'detector-min-score-help', text: 'Boxes scored below it are not suggested. Lower finds more objects and more wrong boxes.' })),
    own.box,
    h('div', { class: 'row' }, save, status));

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    cats.forEach((c) => { if (c.savedName === undefined) c.id = toId(c.name); });
    const wrong = problems(cats);
    const model = ownModel(own, wrong);
    if (wrong.length) { replace(status, errorBox({ message: wrong.join(' ') })); return; }
    const mapping = {};
    for (const c of cats) if (c.coco !== BY_NAME) mapping[c.id] = c.coco === NONE ? null : c.coco;
    const nextDetector = { ...detector, enabled: enabled.checked, minScore: Number(score.value), classes: mapping, model };
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
