// Project dashboard: every panel loads on its own and says honestly when its data or endpoint is not there yet.
import { get, getOptional, getAll } from '../api.js';
import { h, replace, errorBox, fmtPct, fmtDate } from '../dom.js';
import { lineChart, stackedBar } from './chart.js';

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
  };
  replace(root, h('div', { class: 'dashboard' },
    panel('panel-status', 'Assets by status', hosts.status),
    panel('panel-curve', 'Learning curve', hosts.curve),
    panel('panel-models', 'Model versions', hosts.models),
    panel('panel-confusion', 'Confusion matrix (latest model)', hosts.confusion),
    panel('panel-labelers', 'Labels per labeler', hosts.labelers),
    panel('panel-agreement', 'Lowest agreement', hosts.agreement)));

  drawStatus(hosts.status, p);
  const guarded = (host, fn) => fn().catch((e) => replace(host, errorBox(e)));
  guarded(hosts.labelers, () => drawLabelers(hosts.labelers, pid, p));
  guarded(hosts.models, async () => {
    const [models, curve] = await Promise.all([getOptional('/api/v1/projects/' + pid + '/models'), getOptional('/api/v1/projects/' + pid + '/learning-curve')]);
    drawModels(hosts.models, models);
    drawCurve(hosts.curve, curve, models);
    drawConfusion(hosts.confusion, models, p);
  });
  guarded(hosts.agreement, () => drawAgreement(hosts.agreement, pid));
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
  let labels, members = new Map();
  try {
    labels = await getAll('/api/v1/projects/' + pid + '/labels?limit=1000', 20000);
  } catch (e) {
    if (e.status === 403) { replace(host, empty('Only reviewers and admins see per-labeler figures.')); return; }
    throw e;
  }
  try {
    const m = await get('/api/v1/projects/' + pid + '/members');
    (m.items || []).forEach((x) => members.set(x.userId, x.email || x.name || x.userId));
  } catch { /* names are a nicety */ }
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

function modelList(models) {
  if (!models) return null;
  const items = Array.isArray(models) ? models : models.items || models.models || [];
  return items;
}

function drawModels(host, models) {
  const items = modelList(models);
  if (items === null) { replace(host, empty('Model training is not available on this server yet (no /models endpoint).')); return; }
  if (!items.length) { replace(host, empty('No model yet: the first one trains once enough labels with at least two classes exist.')); return; }
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'models-table' },
    h('thead', null, h('tr', null, ['Version', 'Labels used', 'CV accuracy', 'Macro-F1', 'Training time', 'Trained'].map((t) => h('th', { text: t })))),
    h('tbody', null, items.map((m) => h('tr', null,
      h('td', { class: 'mono', text: m.modelVersion ?? m.version ?? m.id ?? '?' }),
      h('td', { text: num(m, 'labelsUsed', 'labelCount', 'trainingSize', 'card.labelsUsed') ?? '—' }),
      h('td', { text: fmtPct(num(m, 'cvAccuracy', 'metrics.cvAccuracy', 'metrics.accuracy', 'accuracy', 'card.metrics.accuracy')) }),
      h('td', { text: fmtPct(num(m, 'cvMacroF1', 'metrics.cvMacroF1', 'metrics.macroF1', 'macroF1', 'card.metrics.macroF1')) }),
      h('td', { text: (() => { const s = num(m, 'trainingSeconds', 'trainingTimeSeconds', 'card.trainingSeconds'); return s === null ? '—' : s.toFixed(1) + ' s'; })() }),
      h('td', { text: fmtDate(m.createdAt || m.trainedAt) })))))));
}

function curvePoints(curve) {
  const items = Array.isArray(curve) ? curve : curve.points || curve.items || curve.versions || [];
  const cv = [], fwd = [];
  for (const it of items) {
    const x = num(it, 'labels', 'labelsUsed', 'labelCount', 'n');
    if (x === null) continue;
    const label = it.modelVersion ?? it.version;
    const y = num(it, 'cvAccuracy', 'accuracy', 'metrics.cvAccuracy', 'cvMacroF1');
    const f = num(it, 'forwardAccuracy', 'accuracyAfter', 'futureAccuracy', 'forward.accuracy');
    if (y !== null) cv.push({ x, y, label });
    if (f !== null) fwd.push({ x, y: f, label });
  }
  return { cv, fwd };
}

function drawCurve(host, curve, models) {
  if (curve === null) { replace(host, empty('The learning curve is not available on this server yet (no /learning-curve endpoint).')); return; }
  const { cv, fwd } = curvePoints(curve);
  const hint = curve.stoppingHint || curve.hint || curve.stopping;
  const hintText = typeof hint === 'string' ? hint : hint && (hint.message || hint.text || (hint.stable ? 'More labels are unlikely to help much.' : null));
  const hintEl = hintText ? h('p', { class: hint && hint.stable ? 'notice stop' : 'small muted', id: 'stopping-hint', text: (hint && hint.stable ? 'Stopping hint: ' : '') + hintText }) : null;
  if (!cv.length && !fwd.length) {
    replace(host, empty(modelList(models) && modelList(models).length ? 'Not enough model versions for a curve yet.' : 'No model yet: the curve appears after the first training.'), hintEl);
    return;
  }
  const series = [];
  if (cv.length) series.push({ name: 'cross-validated accuracy', color: '#3457d5', points: cv });
  if (fwd.length) series.push({ name: 'accuracy on later human labels', color: '#e15759', points: fwd, dashed: true });
  replace(host, h('div', { id: 'learning-curve' }, lineChart(series)),
    h('ul', { class: 'legend' }, series.map((s) => { const sw = h('span', { class: 'swatch' }); sw.style.backgroundColor = s.color; return h('li', null, sw, s.name); })),
    hintEl || h('p', { class: 'small muted', text: 'No stopping hint yet.' }));
}

function drawConfusion(host, models, project) {
  const items = modelList(models);
  if (items === null) { replace(host, empty('Not available yet: the server has no model endpoint.')); return; }
  if (!items.length) { replace(host, empty('No model yet.')); return; }
  const latest = items.reduce((a, b) => (String(b.createdAt || '') >= String(a.createdAt || '') ? b : a));
  const cm = latest.confusionMatrix || (latest.metrics && latest.metrics.confusionMatrix) || (latest.card && latest.card.confusionMatrix);
  if (!cm) { replace(host, empty('The latest model (' + (latest.modelVersion ?? latest.version ?? '?') + ') does not report a confusion matrix yet.')); return; }
  const labels = cm.labels || cm.classes || [];
  const matrix = cm.matrix || cm.counts || cm.values || [];
  const max = Math.max(1, ...matrix.flat());
  const names = new Map();
  Object.values((project.jsonInterface && project.jsonInterface.jobs) || {}).forEach((j) => Object.entries((j.content && j.content.categories) || {}).forEach(([id, c]) => names.set(id, c.name || id)));
  replace(host, h('div', { class: 'table-wrap' }, h('table', { class: 'table confusion', id: 'confusion-matrix' },
    h('thead', null, h('tr', null, h('th', { text: 'true ↓ / predicted →' }), labels.map((l) => h('th', { text: names.get(l) || l })))),
    h('tbody', null, matrix.map((row, i) => h('tr', null, h('th', { text: names.get(labels[i]) || labels[i] || String(i) }),
      row.map((v, j) => {
        const td = h('td', { text: String(v), class: i === j ? 'diag' : '' });
        td.style.setProperty('--heat', String(v / max));
        return td;
    })))))),
  h('p', { class: 'small muted', text: 'Model ' + (latest.modelVersion ?? latest.version ?? '?') + '.' }));
}

async function drawAgreement(host, pid) {
  // Model-vs-human agreement (inference marks) exists with the learning loop; labeler-vs-labeler consensus and
  // honeypot marks come with the quality issue and are shown when the server has them.
  const [marks, consensus] = await Promise.all([
    getOptional('/api/v1/projects/' + pid + '/inference-marks?inferenceMarkLt=1&limit=200'),
    getOptional('/api/v1/projects/' + pid + '/agreement/assets?limit=10&sort=asc'),
  ]);
  const parts = [];
  if (marks === null) {
    parts.push(empty('Inference marks (model vs human) are not available on this server yet.'));
  } else {
    const items = [...(marks.items || [])].filter((m) => typeof m.inferenceMark === 'number').sort((a, b) => a.inferenceMark - b.inferenceMark);
    const byAsset = new Map();
    for (const m of items) if (!byAsset.has(m.assetId)) byAsset.set(m.assetId, m);
    const worst = [...byAsset.values()].slice(0, 10);
    parts.push(worst.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'agreement-table' },
      h('thead', null, h('tr', null, ['Asset', 'Inference mark', 'Label', 'Model'].map((t) => h('th', { text: t })))),
      h('tbody', null, worst.map((m) => h('tr', null,
        h('td', { class: 'mono', text: m.externalId || m.assetId }),
        h('td', { class: m.inferenceMark < 0.5 ? 'bad' : '', text: m.inferenceMark.toFixed(2) }),
        h('td', { text: m.labelType || '' }), h('td', { class: 'mono', text: m.modelVersion || '' }))))))
      : empty('No disagreement between the model and the labelers so far (marks need a human label and a model label on the same asset).'));
  }
  if (consensus === null) {
    parts.push(h('p', { class: 'small muted', text: 'Consensus and honeypot marks: not available on this server yet.' }));
  } else {
    const items = Array.isArray(consensus) ? consensus : consensus.items || consensus.assets || [];
    parts.push(h('p', { class: 'small muted', text: items.length + ' asset(s) with consensus or honeypot marks.' }));
  }
  replace(host, ...parts);
}

