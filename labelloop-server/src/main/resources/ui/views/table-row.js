// A TABULAR asset on the labeling screen: the row as a two-column table (column, value) typed by the project's schema —
// numbers formatted, categories as chips, booleans as yes/no, dates spelled out, long text collapsed — and, when a
// model predicted the row, its confidence and the three columns that pushed it most (stored with the prediction).
import { get } from '../api.js';
import { h, replace } from '../dom.js';
import { confidenceOf, percent } from './answer-summary.js';

const LONG_TEXT = 160;
const schemas = new Map(); // project id -> Promise of {columns} (or null when the project has none yet)

/** Drops the cached schema of a project whose columns were just changed. */
export function forgetSchema(projectId) {
  schemas.delete(projectId);
}

function schemaOf(projectId) {
  if (!schemas.has(projectId)) {
    schemas.set(projectId, get('/api/v1/projects/' + encodeURIComponent(projectId) + '/schema', { quiet401: true }).catch(() => null));
  }
  return schemas.get(projectId);
}

const NUMBER = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });
const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** The row's value as people read it, by its column's type (without a schema: by the JSON value's own type). */
function cell(value, type) {
  if (value === null || value === undefined || value === '') return h('span', { class: 'muted cell-missing', text: '—' });
  if (type === 'NUMERIC' || (!type && typeof value === 'number')) {
    const n = Number(value);
    return h('span', { class: 'cell-number mono', text: Number.isFinite(n) ? NUMBER.format(n) : String(value) });
  }
  if (type === 'BOOLEAN' || typeof value === 'boolean') {
    const yes = value === true || /^(true|yes|y|t)$/i.test(String(value));
    return h('span', { class: 'cell-bool ' + (yes ? 'yes' : 'no'), text: yes ? '✓ yes' : '✗ no' });
  }
  if (type === 'DATE') {
    const d = new Date(String(value).length === 10 ? value + 'T00:00:00' : value);
    return h('span', { class: 'cell-date', title: String(value), text: Number.isNaN(d.getTime()) ? String(value) : DATE.format(d) });
  }
  const text = String(value);
  if (type === 'CATEGORICAL' || (!type && text.length <= 40)) return h('span', { class: 'chip', dir: 'auto', text });
  if (text.length <= LONG_TEXT) return h('span', { class: 'cell-text', dir: 'auto', text });
  return h('details', { class: 'cell-text' },
    h('summary', { dir: 'auto', text: text.slice(0, LONG_TEXT) + '…' }), h('p', { dir: 'auto', text }));
}

/** A row in one line, for lists: "fixed acidity 7.7 · pH 3.4 · …" (the stored JSON as it is when it is no object). */
export function rowSnippet(content) {
  let row;
  try { row = typeof content === 'string' ? JSON.parse(content) : content; } catch { return String(content ?? ''); }
  if (!row || typeof row !== 'object' || Array.isArray(row)) return String(content ?? '');
  return Object.entries(row).filter(([, v]) => v !== null && v !== '')
    .map(([k, v]) => k + ' ' + (typeof v === 'number' ? NUMBER.format(v) : String(v))).join(' · ');
}

/** The model's suggestion for the row, with its confidence and the columns that pushed it most (typeOf: a column's type). */
function reasonsBox(project, prediction, typeOf) {
  const jobs = (project.jsonInterface && project.jsonInterface.jobs) || {};
  for (const [jobId, r] of Object.entries((prediction && prediction.jsonResponse) || {})) {
    if (!r || !r.reasons || !r.categories || !r.categories.length) continue;
    const picked = r.categories[0];
    const cats = (jobs[jobId] && jobs[jobId].content && jobs[jobId].content.categories) || {};
    const name = (cats[picked.name] || {}).name || picked.name;
    return h('div', { class: 'table-reasons', id: 'model-reasons' },
      h('div', null, 'Model suggests ', h('strong', { text: name }),
        confidenceOf(picked) !== null ? ' · ' + percent(confidenceOf(picked)) + ' confident' : ''),
      r.reasons.length
        ? h('ol', { class: 'reasons' }, r.reasons.map((x) => h('li', { dataset: { column: x.column } },
          h('span', { class: 'mono', text: x.column }), ' = ', cell(x.value, typeOf(x.column)),
          h('span', { class: 'muted small', text: ' (+' + NUMBER.format(x.weight) + ')' }))))
        : h('div', { class: 'muted small', text: 'the model cannot tell which columns decided it' }));
  }
  return null;
}

/** The view of one row: {el}; it fills in the types when the project's schema arrives. */
export function createTableRow(project, asset, prediction) {
  let row = {};
  try {
    row = JSON.parse(typeof asset.content === 'string' ? asset.content : JSON.stringify(asset.content)) || {};
  } catch (e) {
    row = { content: asset.content };
  }
  const reasonsHost = h('div');
  const body = h('tbody');
  const el = h('div', { class: 'table-row-view', id: 'table-row' }, reasonsHost,
    h('table', { class: 'table compact row-table' },
      h('thead', null, h('tr', null, h('th', { text: 'Column' }), h('th', { text: 'Value' }))), body));

  function draw(schema) {
    const types = new Map(((schema && schema.columns) || []).map((c) => [c.name, c.type]));
    const reasons = reasonsBox(project, prediction, (name) => types.get(name));
    replace(reasonsHost, reasons);
    const pushed = new Set(reasons ? [...reasons.querySelectorAll('li')].map((li) => li.dataset.column) : []);
    const columns = schema ? schema.columns.filter((c) => c.role !== 'LABEL') : Object.keys(row).map((name) => ({ name }));
    const listed = new Set(columns.map((c) => c.name));
    const extra = Object.keys(row).filter((k) => !listed.has(k)).map((name) => ({ name }));
    replace(body, [...columns, ...extra].map((c) => h('tr', { class: (pushed.has(c.name) ? 'pushed' : '') + (c.role === 'IGNORE' || c.role === 'ID' ? ' ignored' : ''), dataset: { column: c.name } },
      h('th', { scope: 'row', dir: 'auto', title: c.type ? c.type.toLowerCase() + (c.role && c.role !== 'FEATURE' ? ', ' + c.role.toLowerCase() : '') : '', text: c.name }),
      h('td', null, cell(row[c.name], c.type)))));
  }
  draw(null);
  schemaOf(project.id).then((s) => { if (s) draw(s); });
  return { el };
}
