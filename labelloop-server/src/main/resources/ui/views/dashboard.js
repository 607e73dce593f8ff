// Project dashboard: every panel loads on its own and says honestly when its data or endpoint is not there yet.
import { get, getOptional, getAll } from '../api.js';
import { h, replace, errorBox, fmtPct, fmtDate, plural } from '../dom.js';
import { lineChart, stackedBar } from './chart.js';
import { settingsScreens } from './settings.js';

const STATUS_COLORS = { TODO: '#c9ced6', ONGOING: '#f2c14e', LABELED: '#4e79a7', TO_REVIEW: '#e15759', REVIEWED: '#59a14f' };

function panel(id, title, ...body) {
  return h('section', { class: 'panel dash-panel', id }, h('h2', { text: title }), ...body);
}

function empty(text) { return h('p', { class: 'empty-state', text }); }

function num(o, ...keys) {
  for (const k of keys) {
    const v = k.split('.').reduce((a, p) => (a == null ? a : a[p]), o);
    if (typeof v === 'number' && !Number.isNaN(v)) return v;
  }
  return null;
}

export async function renderDashboard(root, ctx) {
  const p = ctx.project;
  const pid = encodeURIComponent(p.id);
  const hosts = {
    status: h('div'), labelers: h('div'), models: h('div'), curve: h('div'), confusion: h('div'), agreement: h('div'),
    categories: h('div'),
  };
  const isAdmin = ctx.me.admin || p.role === 'ADMIN';
  const screens = settingsScreens(p).filter(([id]) => isAdmin || id === 'password');
  const settingsLink = (text, screen) => (isAdmin ? h('a', { class: 'small settings-link', href: screens.find(([id]) => id === screen)[3], text }) : null);
  replace(root, h('nav', { class: 'small dashboard-settings', id: 'dashboard-settings', 'aria-label': 'Settings' }, 'Settings: ',
    screens.map(([id, name, what, href], i) => [i ? ' · ' : '', h('a', { href, id: 'dash-settings-' + id, title: what, text: name })])),
  h('div', { class: 'dashboard' },
    panel('panel-status', 'Assets by status', hosts.status),
    panel('panel-curve', 'Learning curve', hosts.curve, settingsLink('Learning settings: strategy, retraining, model search →', 'learning')),
    panel('panel-models', 'Model versions', hosts.models),
    panel('panel-confusion', 'Confusion matrix (latest model, cross-validated)', hosts.confusion),
    // a labeler sees their own labels only (the server lists no one else's)
    panel('panel-labelers', isAdmin || p.role === 'REVIEWER' ? 'Labels per labeler' : 'Your labels', hosts.labelers),
    panel('panel-agreement', 'Lowest agreement', hosts.agreement, settingsLink('Quality settings: consensus and honeypots →', 'quality')),
    panel('panel-categories', 'Agreement per category (labeler vs labeler)', hosts.categories)));

  drawStatus(hosts.status, p);
  const guarded = (host, fn) => fn().catch((e) => replace(host, errorBox(e)));
  guarded(hosts.labelers, () => drawLabelers(hosts.labelers, pid, p));
  guarded(hosts.models, async () => {
    const [models, curve, learning] = await Promise.all([getOptional('/api/v1/projects/' + pid + '/models'),
      getOptional('/api/v1/projects/' + pid + '/learning-curve'), getOptional('/api/v1/projects/' + pid + '/learning')]);
    drawModels(hosts.models, models, learning, p);
    drawCurve(hosts.curve, curve, models);
    drawConfusion(hosts.confusion, models, p);
  });
  guarded(hosts.agreement, () => drawAgreement(hosts.agreement, pid));
  guarded(hosts.categories, () => drawCategories(hosts.categories, pid, p));
}

function drawStatus(host, p) {
  const counts = p.countsByStatus || {};
  const parts = Object.keys(STATUS_COLORS).map((k) => ({ name: k, value: counts[k] || 0, color: STATUS_COLORS[k] }));
  const byType = p.countsByLabelType || {};
  if (!p.assetCount) {
    replace(host, empty('No assets yet.'), h('a', { class: 'button', href: '#/p/' + encodeURIComponent(p.id) + '/import' }, 'Import assets'));
    return;
  }
  replace(host, stackedBar(parts),
    h('ul', { class: 'legend', id: 'status-counts' }, parts.map((x) => {
      const sw = h('span', { class: 'swatch' });
      sw.style.backgroundColor = x.color;
      return h('li', { dataset: { status: x.name } }, sw, x.name + ' ', h('strong', { text: String(x.value) }));
    })),
    h('p', { class: 'small muted', text: p.assetCount + ' assets · labels: ' + Object.entries(byType).map(([k, v]) => v + ' ' + k).join(', ') }));
}

async function drawLabelers(host, pid) {
  const members = new Map();
  try {
    const m = await get('/api/v1/projects/' + pid + '/members');
    (m.items || []).forEach((x) => members.set(x.userId, x.email || x.name || x.userId));
  } catch { /* names are a nicety */ }
  let quality = null;
  try { quality = await getOptional('/api/v1/projects/' + pid + '/quality/labelers'); } catch { quality = null; }
  if (quality && Array.isArray(quality.items)) {
    const rows = quality.items;
    if (!rows.length) { replace(host, empty('No human labels yet.')); return; }
    const num2 = (x, f) => (typeof x === 'number' ? f(x) : '—');
    replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'labelers-table' },
      h('thead', null, h('tr', null, ['Labeler', 'Labels', 'Skips', 'Median s/label', 'Agreement', 'Honeypot'].map((t) => h('th', { text: t })))),
      h('tbody', null, [...rows].sort((a, b) => (b.labels || 0) - (a.labels || 0)).map((r) => h('tr', null,
        h('td', null, h('a', { href: '#/p/' + pid + '/review?labeledBy=' + encodeURIComponent(r.userId), title: 'Review what they labeled',
          text: members.get(r.userId) || r.userId })), h('td', { text: r.labels ?? 0 }), h('td', { text: r.skipped ?? 0 }),
        h('td', { text: num2(r.medianSecondsPerLabel, (x) => x.toFixed(1)) }),
        h('td', { text: num2(r.agreement, (x) => x.toFixed(2)) }),
        h('td', { text: num2(r.honeypotScore, (x) => x.toFixed(2)) })))))));
    return;
  }
  let labels;
  try {
    // Human labels only: model PREDICTION labels can number one per asset and are not needed here.
    const [d, r] = await Promise.all([
      getAll('/api/v1/projects/' + pid + '/labels?type=DEFAULT&limit=1000', 20000),
      getAll('/api/v1/projects/' + pid + '/labels?type=REVIEW&limit=1000', 20000),
    ]);
    labels = { items: [...d.items, ...r.items], truncated: d.truncated || r.truncated };
  } catch (e) {
    if (e.status === 403) { replace(host, empty('Only reviewers and admins see per-labeler figures.')); return; }
    throw e;
  }
  const by = new Map();
  for (const l of labels.items) {
    if (l.labelType !== 'DEFAULT' && l.labelType !== 'REVIEW') continue;
    const r = by.get(l.authorId) || { labels: 0, reviews: 0, skipped: 0, seconds: [] };
    if (l.skipped) r.skipped++; else if (l.labelType === 'REVIEW') r.reviews++; else r.labels++;
    if (typeof l.secondsToLabel === 'number' && !l.skipped) r.seconds.push(l.secondsToLabel);
    by.set(l.authorId, r);
  }
  if (!by.size) { replace(host, empty('No human labels yet.')); return; }
  const median = (a) => { if (!a.length) return null; const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'labelers-table' },
    h('thead', null, h('tr', null, ['Labeler', 'Labels', 'Reviews', 'Skips', 'Median s/label'].map((t) => h('th', { text: t })))),
    h('tbody', null, [...by.entries()].sort((a, b) => b[1].labels - a[1].labels).map(([id, r]) => h('tr', null,
      h('td', { text: members.get(id) || id }), h('td', { text: r.labels }), h('td', { text: r.reviews }), h('td', { text: r.skipped }),
      h('td', { text: median(r.seconds) === null ? '—' : median(r.seconds).toFixed(1) })))))),
  labels.truncated ? h('p', { class: 'small muted', text: 'Counted over the first ' + labels.items.length + ' labels.' }) : null);
}

/** The model with the highest version of a non-empty list. */
function latestModel(items) {
  return items.reduce((a, b) => ((b.version ?? 0) >= (a.version ?? 0) ? b : a));
}

function modelList(models) {
  if (!models) return null;
  const items = Array.isArray(models) ? models : models.items || models.models || [];
  return items;
}

/** The cross-validated quality a model reports: accuracy for classifiers, entity F1 for NER ({value, what}). */
function cvQuality(m) {
  const acc = num(m, 'cvAccuracy', 'card.cvAccuracy');
  if (acc !== null) return { value: acc, what: 'accuracy' };
  const f1 = num(m, 'cvEntityF1', 'card.cvEntityF1');
  return f1 !== null ? { value: f1, what: 'entity F1' } : null;
}

/** When the first model will train, in the project's own numbers. */
function firstModelHint(learning, p) {
  if (!learning) return 'No model yet.';
  if (learning.enabled === false) return 'No model: learning is off for this project (Learning settings).';
  const c = p.countsByStatus || {};
  const labeled = (c.LABELED || 0) + (c.TO_REVIEW || 0) + (c.REVIEWED || 0);
  const classes = learning.learner && learning.learner.task === 'object-detection' ? '' : ', with two classes or more';
  return labeled >= learning.minLabels
    ? 'No model yet: the first one trains on the ' + labeled + ' labeled assets' + classes + ', and shows here once trained.'
    : 'No model yet: the first one trains at ' + plural(learning.minLabels, 'labeled asset') + classes + '; ' + labeled + ' so far.';
}

function drawModels(host, models, learning, p) {
  const items = modelList(models);
  if (items === null) { replace(host, empty('Model training is not available on this server yet (no /models endpoint).')); return; }
  const learner = learning && learning.learner;
  if (!items.length && learner && !learner.task) { replace(host, empty('No model: ' + learner.reason + '. The queue serves assets in import order.')); return; }
  if (!items.length) { replace(host, empty(firstModelHint(learning, p))); return; }
  const folds = (m) => num(m, 'card.cvFolds');
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'models-table' },
    h('thead', null, h('tr', null, ['Version', 'Labels used', 'CV accuracy / F1', 'Macro-F1', 'Calibration error (ECE)', 'Training time', 'Trained'].map((t) => h('th', { text: t })))),
    h('tbody', null, items.map((m) => {
      const q = cvQuality(m);
      const ece = num(m, 'card.ece');
      return h('tr', null,
        h('td', { class: 'mono', text: m.modelVersion ?? m.version ?? '?' }),
        h('td', { text: num(m, 'labelsUsed') ?? '—' }),
        h('td', { class: 'cv-quality', title: q ? q.what + (folds(m) ? ', ' + folds(m) + '-fold cross-validation' : '') : notMeasured(m) || 'not measured', text: q ? fmtPct(q.value) + (q.what === 'accuracy' ? '' : ' F1') : '—' }),
        h('td', { text: fmtPct(num(m, 'cvMacroF1')) }),
        h('td', { class: 'ece', title: 'expected calibration error of the out-of-fold probabilities: how far “80 % sure” is from being right 80 % of the time', text: ece === null ? '—' : fmtPct(ece) }),
        h('td', { text: (() => { const s = num(m, 'trainingSeconds'); return s === null ? '—' : s.toFixed(1) + ' s'; })() }),
        h('td', { text: fmtDate(m.createdAt) }));
    })))),
  unmeasuredNote(items),
  h('p', { class: 'small muted', text: 'CV: out-of-fold predictions on the labels the model learned from. ECE: the gap between confidence and accuracy (0 % is perfectly calibrated).' }));
}

/** Why a model has no cross-validated figure, when its card says. */
function notMeasured(m) {
  const why = m.card && m.card.notCrossValidated;
  return typeof why === 'string' ? why : null;
}

/** The newest model's "—", explained: a busy or short training measured nothing, and what measures it. */
function unmeasuredNote(items) {
  const newest = items.length ? latestModel(items) : null;
  const why = newest && notMeasured(newest);
  return why ? h('p', { class: 'notice small', id: 'models-not-measured', text: (newest.modelVersion ?? 'The newest model') + ' is not cross-validated: ' + why
    + '. A longer “Model search per training” in the Learning settings measures it.' }) : null;
}

/** Wilson's 95 % interval of a proportion p observed on n items (Wilson 1927); sound at 0, 1 and small n. */
function wilson(p, n) {
  if (!(n > 0)) return {};
  const z = 1.96, z2 = z * z;
  const center = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/**
 * One point per label count (the newest version trained on that many labels: retrains on the same labels would draw a
 * vertical line), with the 95 % interval over the items each figure was measured on.
 */
function curvePoints(curve) {
  const newest = new Map();
  for (const it of curve.items || []) {
    const prev = newest.get(it.labelsUsed);
    if (!prev || it.version > prev.version) newest.set(it.labelsUsed, it);
  }
  const cv = [], fwd = [];
  for (const it of [...newest.values()].sort((a, b) => a.labelsUsed - b.labelsUsed)) {
    const x = it.labelsUsed, label = it.modelVersion;
    if (typeof it.cvAccuracy === 'number') cv.push({ x, y: it.cvAccuracy, label, ...wilson(it.cvAccuracy, it.cvItems ?? x) });
    else if (typeof it.cvEntityF1 === 'number') cv.push({ x, y: it.cvEntityF1, label });
    if (typeof it.forwardAccuracy === 'number' && it.forwardCount > 0) fwd.push({ x, y: it.forwardAccuracy, label, n: it.forwardCount, ...wilson(it.forwardAccuracy, it.forwardCount) });
  }
  return { cv, fwd };
}

function drawCurve(host, curve, models) {
  if (curve === null) { replace(host, empty('The learning curve is not available on this server yet (no /learning-curve endpoint).')); return; }
  const { cv, fwd } = curvePoints(curve);
  const hint = curve.stoppingHint;
  const hintEl = hint && hint.message ? h('p', { class: hint.stable ? 'notice stop' : 'small', id: 'stopping-hint', text: (hint.stable ? 'Stopping hint: ' : '') + hint.message }) : null;
  if (!cv.length && !fwd.length) {
    replace(host, empty(modelList(models) && modelList(models).length ? 'Not enough model versions for a curve yet.' : 'No model yet: the curve appears after the first training.'), hintEl);
    return;
  }
  const series = [];
  if (cv.length) series.push({ name: 'cross-validated ' + (cv.some((p) => p.lo !== undefined) ? 'accuracy' : 'entity F1') + ' (on the labels learned from)', color: '#3457d5', points: cv });
  if (fwd.length) series.push({ name: 'accuracy on later human labels (items the model had not seen)', color: '#e15759', points: fwd, dashed: true, hollow: true });
  const forecast = curve.forecast;
  if (forecast) series.push({ name: 'fitted saturating curve a − b·n^−c (the forecast)', color: '#8a8f98', points: forecastPoints(forecast, Math.min(...cv.concat(fwd).map((p) => p.x))), dashed: true, line: true });
  replace(host, h('div', { id: 'learning-curve' }, lineChart(series)),
    h('ul', { class: 'legend' }, series.map((s) => { const sw = h('span', { class: 'swatch' }); sw.style.backgroundColor = s.color; return h('li', null, sw, s.name); })),
    h('p', { class: 'small muted', id: 'curve-note', text: 'One point per label count (the newest model trained on it). Bars: 95 % interval (Wilson) over the items each point was measured on'
      + (fwd.length ? ' — ' + fwd.map((p) => p.n).reduce((a, b) => a + b, 0) + ' later human labels in all.' : '.') }),
    forecast ? h('p', { class: 'notice', id: 'label-forecast', text: 'How many more labels? ' + forecast.message
      + ' Fitted on every accuracy measured at ' + forecast.labels + ' labels or fewer; the range is a 90 % bootstrap interval.' })
      : h('p', { class: 'small muted', id: 'label-forecast', text: 'How many more labels? The forecast needs accuracy measured at three label counts.' }),
    hintEl || h('p', { class: 'small muted', text: 'No stopping hint yet.' }));
}

/** The fitted curve from the first measured label count to where the forecast reaches its goal (at most 3x the labels so far). */
function forecastPoints(f, start) {
  const end = Math.max(f.labels, Math.min(3 * f.labels, f.labels + f.moreLabels));
  const at = (n) => Math.max(0, f.curve.a - f.curve.b * Math.pow(n, -f.curve.c));
  return Array.from({ length: 41 }, (_, i) => Math.round(start + ((end - start) * i) / 40)).map((x) => ({ x, y: at(x) }));
}

function drawConfusion(host, models, project) {
  const items = modelList(models);
  if (items === null) { replace(host, empty('Not available yet: the server has no model endpoint.')); return; }
  if (!items.length) { replace(host, empty('No model yet.')); return; }
  const latest = latestModel(items);
  const cm = latest.card && latest.card.confusionMatrix;
  if (!cm) { replace(host, empty('The latest model (' + (latest.modelVersion ?? '?') + ') does not report a confusion matrix' + (cvQuality(latest) && cvQuality(latest).what === 'entity F1' ? ': entity models report their cross-validated F1 instead.' : '.'))); return; }
  const labels = cm.labels || [];
  const matrix = cm.matrix || [];
  const max = Math.max(1, ...matrix.flat());
  const total = matrix.flat().reduce((a, b) => a + b, 0);
  const names = new Map();
  Object.values((project.jsonInterface && project.jsonInterface.jobs) || {}).forEach((j) => Object.entries((j.content && j.content.categories) || {}).forEach(([id, c]) => names.set(id, c.name || id)));
  // the search may have run out of time after some folds: the chosen configuration's entry says how many it completed
  const planned = num(latest, 'card.cvFolds');
  const entry = (latest.card.leaderboard || []).find((e) => e.config === latest.card.config);
  const done = entry && typeof entry.folds === 'number' ? entry.folds : planned;
  const folds = done && planned && done < planned ? done + ' of ' + planned + ' folds of ' + planned + '-fold ' : done ? done + '-fold ' : '';
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table confusion', id: 'confusion-matrix' },
    h('thead', null, h('tr', null, h('th', { text: 'true ↓ / predicted →' }), labels.map((l) => h('th', { text: names.get(l) || l })))),
    h('tbody', null, matrix.map((row, i) => h('tr', null, h('th', { text: names.get(labels[i]) || labels[i] || String(i) }),
      row.map((v, j) => {
        const td = h('td', { text: String(v), class: i === j ? 'diag' : '' });
        td.style.setProperty('--heat', String(v / max));
        return td;
    })))))),
  h('p', { class: 'small muted', id: 'confusion-note', text: 'Model ' + (latest.modelVersion ?? '?') + ': out-of-fold predictions of '
    + folds + 'cross-validation on ' + plural(total, 'labeled item') + ' (each predicted by a model that did not learn from it)'
    + (total < 30 ? ' — too few to trust each cell.' : '.') + loneClasses(labels, matrix, names) }));
}

/** Classes with one label: the model that predicts it out of fold never saw the class, so CV figures read low. */
function loneClasses(labels, matrix, names) {
  const lone = labels.filter((l, i) => (matrix[i] || []).reduce((a, b) => a + b, 0) === 1).map((l) => names.get(l) || l);
  if (!lone.length) return '';
  return ' ' + lone.join(', ') + (lone.length === 1 ? ' has' : ' have') + ' a single label: left out of its fold, no model has seen'
    + (lone.length === 1 ? ' it' : ' them') + ', so cross-validated figures read low until each class has a few.';
}

async function drawAgreement(host, pid) {
  // Per-asset marks: consensus (labeler vs labeler), honeypot (vs a trusted answer) and inference (model vs human).
  const quality = await getOptional('/api/v1/projects/' + pid + '/quality/assets?limit=1000');
  let rows;
  if (quality !== null) {
    rows = (quality.items || []).map((a) => ({ id: a.externalId || a.assetId, c: a.consensusMark, hp: a.honeypotMark, inf: a.inferenceMark }));
  } else {
    const marks = await getOptional('/api/v1/projects/' + pid + '/inference-marks?inferenceMarkLt=1&limit=500');
    if (marks === null) { replace(host, empty('Agreement marks are not available on this server yet.')); return; }
    const byAsset = new Map();
    for (const m of marks.items || []) {
      if (typeof m.inferenceMark !== 'number') continue;
      const prev = byAsset.get(m.assetId);
      if (!prev || m.inferenceMark < prev.inf) byAsset.set(m.assetId, { id: m.externalId || m.assetId, inf: m.inferenceMark });
    }
    rows = [...byAsset.values()];
  }
  const low = (r) => Math.min(...[r.c, r.hp, r.inf].filter((x) => typeof x === 'number'));
  rows = rows.filter((r) => [r.c, r.hp, r.inf].some((x) => typeof x === 'number')).sort((a, b) => low(a) - low(b)).slice(0, 10);
  if (!rows.length) {
    replace(host, empty('No asset has an agreement mark yet: marks need two answers on one asset (two labelers, a honeypot, or a model and a human).'));
    return;
  }
  const cell = (x) => h('td', { class: typeof x === 'number' && x < 0.5 ? 'bad' : '', text: typeof x === 'number' ? x.toFixed(2) : '—' });
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'agreement-table' },
    h('thead', null, h('tr', null, ['Asset', 'Consensus', 'Honeypot', 'Model vs human'].map((t) => h('th', { text: t })))),
    h('tbody', null, rows.map((r) => h('tr', null, h('td', { class: 'mono', text: r.id }), cell(r.c), cell(r.hp), cell(r.inf)))))),
  h('p', { class: 'small muted', text: 'The ten assets with the lowest mark; send them to review from the Review tab.' }));
}

async function drawCategories(host, pid, project) {
  const data = await getOptional('/api/v1/projects/' + pid + '/quality/categories');
  if (data === null) { replace(host, empty('Per-category agreement is not available on this server yet.')); return; }
  const names = new Map();
  Object.values((project.jsonInterface && project.jsonInterface.jobs) || {}).forEach((j) => Object.entries((j.content && j.content.categories) || {}).forEach(([id, c]) => names.set(id, (c && c.name) || id)));
  const rows = [];
  for (const job of data.items || []) for (const c of job.agreement || []) rows.push({ job: job.jobId, ...c });
  const scored = rows.filter((r) => typeof r.agreement === 'number');
  if (!scored.length) {
    replace(host, empty('No category has answers from two labelers yet (set up consensus in the quality settings to measure it).'));
    return;
  }
  scored.sort((a, b) => a.agreement - b.agreement);
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'category-agreement' },
    h('thead', null, h('tr', null, ['Category', 'Agreement', 'Answers'].map((t) => h('th', { text: t })))),
    h('tbody', null, scored.map((r) => h('tr', null, h('td', { text: names.get(r.category) || r.category }),
      h('td', { class: r.agreement < 0.5 ? 'bad' : '', text: r.agreement.toFixed(2) }), h('td', { text: r.answers ?? '—' })))))));
}
