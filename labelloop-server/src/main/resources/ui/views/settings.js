// Project settings an admin changes in the browser, one screen each: how the project learns (queue strategy,
// retraining, which model pre-annotates), how quality is measured (consensus, honeypots), an object-detection job's
// boxes and detector, a table's column types, deleting the project. Each screen saves through the API it shows.
import { get, getOptional, patch, enc } from '../api.js';
import { h, replace, errorBox, toast } from '../dom.js';
import { jobsOf } from './project-tabs.js';
import { renderDetectionSettings } from './settings-detection.js';
import { renderSchemaSettings } from './settings-schema.js';
import { renderProjectSettings } from './settings-project.js';

const STRATEGIES = [
  ['margin', 'Margin', 'the items whose two likeliest classes are closest'],
  ['least-confidence', 'Least confidence', 'the items whose likeliest class is least likely'],
  ['entropy', 'Entropy', 'the items whose whole distribution is most spread'],
  ['diverse', 'Diverse', 'uncertain items from different regions of the data'],
  ['random', 'Random', 'an unbiased sample (honest forward accuracy)'],
];

function field(label, input, help) {
  return h('label', null, label, input, help ? h('span', { class: 'small muted', text: help }) : null);
}

function number(id, value, min, max, step = 1) {
  return h('input', { id, type: 'number', min, max, step, value: String(value), required: true });
}

function learningForm(project, settings, versions) {
  const pid = enc(project.id);
  const enabled = h('input', { type: 'checkbox', id: 'learning-enabled', checked: settings.enabled });
  const strategy = h('select', { id: 'learning-strategy' }, STRATEGIES.map(([v, text, why]) => h('option', { value: v, text, title: why, selected: v === settings.strategy })));
  const strategyHelp = h('span', { class: 'small muted' });
  const explain = () => { strategyHelp.textContent = 'Next: ' + ((STRATEGIES.find(([v]) => v === strategy.value) || [])[2] || 'as the server decides') + '.'; };
  strategy.addEventListener('change', explain);
  explain();
  const every = number('learning-retrain-every', settings.retrainEvery, 1, 100000);
  const minLabels = number('learning-min-labels', settings.minLabels, 2, 1000000);
  const budget = number('learning-time-budget', settings.timeBudgetSeconds, 1, 3600);
  const learnable = jobsOf(project).filter((j) => j.mlTask === 'CLASSIFICATION' || j.mlTask === 'NAMED_ENTITIES_RECOGNITION');
  const job = h('select', { id: 'learning-job' },
    h('option', { value: '', text: 'The first classification job', title: 'else the first NER job', selected: !settings.jobId }),
    learnable.map((j) => h('option', { value: j.id, text: j.instruction + ' (' + j.mlTask.toLowerCase().replaceAll('_', ' ') + ')', selected: j.id === settings.jobId })));
  const data = h('select', { id: 'learning-data' },
    h('option', { value: '', text: 'The live labels', selected: !settings.pinnedVersion }),
    versions.map((v) => h('option', { value: v.id, text: 'Version “' + v.name + '” (' + v.assetCount + ' assets)', selected: v.id === settings.pinnedVersion })));
  const status = h('div', { id: 'learning-status' });
  const form = h('form', { class: 'grid-form', id: 'learning-form' },
    h('label', { class: 'inline span-2' }, enabled, ' Learn while people label (retrain, pre-annotate and order the queue)'),
    h('label', null, 'Queue strategy (once a model exists)', strategy, strategyHelp),
    field('Retrain every', every, 'new human labels.'),
    field('First model after', minLabels, 'labels (with at least two classes).'),
    field('Model search per training', budget, 'seconds: AutoML picks the features, learner and ensemble in this time.'),
    field('The model learns', job),
    field('Train on', data, 'A frozen dataset version stops retraining on new labels.'),
    h('div', { class: 'span-2 row' }, h('button', { type: 'submit', id: 'save-learning' }, 'Save learning settings'), status));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await patch('/api/v1/projects/' + pid + '/learning', {
        enabled: enabled.checked, strategy: strategy.value, retrainEvery: Number(every.value), minLabels: Number(minLabels.value),
        timeBudgetSeconds: Number(budget.value), jobId: job.value || null, pinnedVersion: data.value || null,
      });
      replace(status, h('span', { class: 'small', text: 'Saved.' }));
      toast('Learning settings saved');
    } catch (err) {
      replace(status, errorBox(err, 'Not saved'));
    }
  });
  return form;
}

function qualityForm(pid, q) {
  const labelers = number('consensus-labelers', q.consensus.labelers, 1, 20);
  const percent = number('consensus-percent', q.consensus.percent, 0, 100);
  const threshold = number('consensus-threshold', q.consensus.threshold, 0, 1, 0.05);
  const honeypot = number('honeypot-rate', q.honeypot.rate, 0, 1, 0.01);
  const status = h('div', { id: 'quality-status' });
  const form = h('form', { class: 'grid-form', id: 'quality-form' },
    field('Labelers per consensus asset', labelers, '1 turns consensus off.'),
    field('Share of assets with consensus', percent, '% of the assets get that many labelers.'),
    field('Agreement threshold', threshold, 'Assets below it go to review (0–1).'),
    field('Honeypot rate', honeypot, 'Share of a labeler’s queue served from honeypot assets (0–1).'),
    h('div', { class: 'span-2 row' }, h('button', { type: 'submit', id: 'save-quality' }, 'Save quality settings'), status));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await patch('/api/v1/projects/' + pid + '/quality-settings', {
        consensus: { labelers: Number(labelers.value), percent: Number(percent.value), threshold: Number(threshold.value) },
        honeypot: { rate: Number(honeypot.value) },
      });
      replace(status, h('span', { class: 'small', text: 'Saved.' }));
      toast('Quality settings saved');
    } catch (err) {
      replace(status, errorBox(err, 'Not saved'));
    }
  });
  return form;
}

async function renderLearning(host, ctx) {
  const pid = enc(ctx.project.id);
  const [learning, versions] = await Promise.all([
    get('/api/v1/projects/' + pid + '/learning'),
    getOptional('/api/v1/projects/' + pid + '/versions'),
  ]);
  replace(host, learningForm(ctx.project, learning, (versions && versions.items) || []));
}

async function renderQuality(host, ctx) {
  const pid = enc(ctx.project.id);
  replace(host, qualityForm(pid, await get('/api/v1/projects/' + pid + '/quality-settings')),
    h('p', { class: 'small muted', text: 'Honeypots are assets with a trusted answer: save one in the Review tab (H), or mark them with isHoneypot on import or in the API; the dashboard shows each labeler’s honeypot score.' }));
}

const SECTIONS = [
  ['learning', 'Learning', 'strategy, retraining, model search', renderLearning, () => true],
  ['quality', 'Quality', 'consensus and honeypots', renderQuality, () => true],
  ['detection', 'Boxes & detector', 'categories, colours, COCO classes, threshold', renderDetectionSettings,
    (p) => jobsOf(p).some((j) => j.mlTask === 'OBJECT_DETECTION')],
  ['schema', 'Columns', 'column types and roles', renderSchemaSettings, (p) => p.inputType === 'TABULAR'],
  ['project', 'Project', 'delete the project', renderProjectSettings, (p) => p.role === 'ADMIN'],
];

/** The settings screens a project has, as [id, name, what it sets, address]; the password is the user's, not the project's. */
export function settingsScreens(project) {
  const base = '#/p/' + enc(project.id) + '/settings';
  return [
    ...SECTIONS.filter(([, , , , applies]) => applies(project)).map(([id, name, what]) => [id, name, what, base + (id === 'learning' ? '' : '/' + id)]),
    ['password', 'Your password', 'change it', '#/account'],
  ];
}

/** The Settings tab: a row of screens, and the chosen one (learning by default). */
export async function renderSettings(root, ctx) {
  const id = ctx.params[1] || 'learning';
  const section = SECTIONS.find(([s, , , , applies]) => s === id && applies(ctx.project));
  const nav = h('nav', { class: 'segmented settings-nav', 'aria-label': 'Settings' },
    settingsScreens(ctx.project).map(([s, name, what, href]) => h('a', {
      href, id: 'settings-' + s, class: s === id ? 'tab active' : 'tab', title: what, 'aria-current': s === id ? 'page' : null, text: name,
    })));
  if (!section) {
    replace(root, h('section', { class: 'panel' }, nav, h('p', { class: 'empty-state', text: 'This project has no “' + id + '” settings.' })));
    return;
  }
  const host = h('div');
  replace(root, h('section', { class: 'panel', id: 'panel-' + id }, nav, h('h2', { text: section[1] }), host));
  await section[3](host, ctx);
}
