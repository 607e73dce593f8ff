// A TABULAR project's columns: the type and role the server inferred at import, with the stored rows' first values,
// each overridable. Only the changed columns are sent; a stored value the new type cannot read is refused with its line.
import { get, patch, enc } from '../api.js';
import { h, replace, errorBox, toast } from '../dom.js';
import { forgetSchema } from './table-row.js';

const TYPES = [['NUMERIC', 'numeric'], ['CATEGORICAL', 'categorical'], ['BOOLEAN', 'boolean (yes/no)'], ['DATE', 'date'], ['TEXT', 'free text']];
const ROLES = [['FEATURE', 'feature: the model learns from it'], ['LABEL', 'label: the answer to predict'],
  ['IGNORE', 'ignored: shown, not learned'], ['ID', 'id: names the row']];

function rowsOf(assets) {
  return assets.map((a) => {
    try {
      return JSON.parse(typeof a.content === 'string' ? a.content : JSON.stringify(a.content)) || {};
    } catch (e) {
      return {};
    }
  });
}

function choice(cls, label, options, value) {
  return h('select', { class: cls, 'aria-label': label }, options.map(([v, text]) => h('option', { value: v, text, selected: v === value })));
}

export async function renderSchemaSettings(host, ctx) {
  const pid = enc(ctx.project.id);
  let schema;
  try {
    schema = await get('/api/v1/projects/' + pid + '/schema');
  } catch (err) {
    if (err.status !== 404) throw err;
    replace(host, h('p', { class: 'empty-state' }, 'No columns yet: the first import of a CSV or JSONL file types them (',
      h('a', { href: '#/p/' + pid + '/import', text: 'import a table' }), ').'));
    return;
  }
  const assets = await get('/api/v1/projects/' + pid + '/assets?limit=5');
  const rows = rowsOf(assets.items || []);
  const chosen = new Map(schema.columns.map((c) => [c.name, { type: c.type, role: c.role }]));
  const status = h('div', { id: 'schema-status', 'aria-live': 'polite' });
  const body = h('tbody', null, schema.columns.map((c) => {
    const type = choice('schema-type', 'Type of ' + c.name, TYPES, c.type);
    const role = choice('schema-role', 'Role of ' + c.name, ROLES, c.role);
    const tr = h('tr', { dataset: { column: c.name } });
    const mark = () => {
      const now = chosen.get(c.name);
      now.type = type.value;
      now.role = role.value;
      tr.classList.toggle('changed', now.type !== c.type || now.role !== c.role);
    };
    type.addEventListener('change', mark);
    role.addEventListener('change', mark);
    const values = rows.map((r) => r[c.name]).map((v) => (v === undefined || v === null || v === '' ? '—' : String(v)));
    replace(tr, h('th', { scope: 'row', dir: 'auto', text: c.name }), h('td', null, type), h('td', null, role),
      h('td', { class: 'small muted values', dir: 'auto', title: values.join('\n'), text: values.join(' · ') }));
    return tr;
  }));
  const save = h('button', { type: 'submit', id: 'save-schema' }, 'Save column types');
  const form = h('form', { class: 'stack', id: 'schema-form' },
    h('p', { class: 'small muted', text: 'Types were inferred from the imported file. Numbers are standardised, categories and yes/no one-hot encoded, '
      + 'dates read as a day count, free text featurized like a text project; missing values are allowed in every type.' }),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table compact', id: 'schema-columns' },
      h('thead', null, h('tr', null, h('th', { text: 'Column' }), h('th', { text: 'Type' }), h('th', { text: 'Role' }),
        h('th', { text: 'First rows' }))), body)),
    h('div', { class: 'row' }, save, status));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const columns = schema.columns.filter((c) => chosen.get(c.name).type !== c.type || chosen.get(c.name).role !== c.role)
      .map((c) => ({ name: c.name, ...chosen.get(c.name) }));
    if (!columns.length) { replace(status, h('span', { class: 'small', text: 'Nothing changed.' })); return; }
    save.disabled = true;
    try {
      await patch('/api/v1/projects/' + pid + '/schema', { columns });
      forgetSchema(ctx.project.id);
      toast('Column types saved');
      await renderSchemaSettings(host, ctx);
      replace(host.querySelector('#schema-status'), h('span', { class: 'small', text: 'Saved: ' + columns.map((c) => c.name).join(', ') + '.' }));
    } catch (err) {
      replace(status, errorBox(err, 'Not saved'));
      save.disabled = false;
    }
  });
  replace(host, form);
}
