// Import: pick a file, pick its columns (read from the CSV header right here in the browser), upload with progress.
// A TABULAR project's file is previewed by the server first: the typed columns it would get and its first rows.
import { upload } from '../api.js';
import { h, replace, errorBox } from '../dom.js';
import { importFormats } from './formats.js';
import { jobsOf } from './project-tabs.js';

/** Splits one CSV line honouring quotes (RFC 4180). Enough for a header line. */
export function parseCsvLine(line, sep) {
  const out = [];
  let cur = '', quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) { out.push(cur); cur = ''; }
    else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim());
}

function guess(columns, names) {
  const lower = columns.map((c) => c.toLowerCase());
  for (const n of names) { const i = lower.indexOf(n); if (i >= 0) return columns[i]; }
  return '';
}

/** The schema the server infers from the file (or already holds), with the first rows' values under each column. */
async function schemaPreview(pid, f, labelColumn) {
  const data = new FormData();
  data.append('file', f, f.name);
  if (labelColumn) data.append('labelColumn', labelColumn);
  try {
    const p = await upload('/api/v1/projects/' + pid + '/schema/preview', data, () => {});
    const rows = p.rows.filter((r) => r.content).slice(0, 3);
    const bad = p.rows.filter((r) => r.error);
    return h('div', { id: 'schema-preview' },
      h('h3', { text: 'Columns as they will be typed' }),
      h('div', { class: 'table-wrap' }, h('table', { class: 'table compact' },
        h('thead', null, h('tr', null, h('th', { text: 'Column' }), h('th', { text: 'Type' }), h('th', { text: 'Role' }),
          h('th', { text: 'First values' }))),
        h('tbody', null, p.columns.map((c) => h('tr', { dataset: { column: c.name } },
          h('td', { dir: 'auto', text: c.name }), h('td', null, h('span', { class: 'badge', text: c.type.toLowerCase() })),
          h('td', { class: 'small', text: c.role.toLowerCase() }),
          h('td', { class: 'small muted', dir: 'auto', text: rows.map((r) => r.content[c.name] ?? '—').join(' · ') })))))),
      bad.length ? h('p', { class: 'small', text: bad.map((r) => 'line ' + r.line + ': ' + r.error).join('; ') }) : null,
      h('p', { class: 'small muted', text: 'A value that does not fit its column’s type is an error on its line. '
        + 'Change a type or role after the import in Settings → Columns.' }));
  } catch (err) {
    return errorBox(err, 'Preview failed');
  }
}

export async function renderImport(root, ctx) {
  const pid = encodeURIComponent(ctx.project.id);
  const tabular = ctx.project.inputType === 'TABULAR';
  const format = h('select', { id: 'import-format' }, importFormats(ctx.project).map(([value, text]) => h('option', { value, text })));
  const file = h('input', { type: 'file', id: 'import-file', accept: '.csv,.tsv,.jsonl,.ndjson,.json,.txt,.zip,.conll,.bio,.iob' });
  const columnsHost = h('div', { id: 'column-picker' });
  const skip = h('input', { type: 'checkbox', id: 'import-skip' });
  const update = h('input', { type: 'checkbox', id: 'import-update' });
  // a zip's files are not updated in place (the server refuses it): the option is offered for the other files only
  const media = ctx.project.inputType === 'IMAGE' || ctx.project.inputType === 'AUDIO';
  const updateRow = h('label', { class: 'inline', hidden: media },
    update, ' Update assets already in the project (same id) with the file\'s content; otherwise they are skipped and counted as duplicates');
  // a zip of files sorted into one folder per category (train/ants/1.jpg) carries its labels in its folders' names
  const byFolder = h('input', { type: 'checkbox', id: 'import-folders' });
  const classified = media && jobsOf(ctx.project).some((j) => j.mlTask === 'CLASSIFICATION');
  const byFolderRow = h('label', { class: 'inline', hidden: !classified }, byFolder,
    ' Label each file by its folder when the folder is named like a category (one folder per category)');
  const progress = h('progress', { id: 'import-progress', max: 1, value: 0, hidden: true });
  const result = h('div', { id: 'import-result', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', id: 'import-submit', disabled: true }, 'Import');
  const selects = {};

  const pickColumns = async () => {
    replace(result);
    replace(columnsHost);
    const f = file.files[0];
    submit.disabled = !f;
    const name = f ? f.name.toLowerCase() : '';
    updateRow.hidden = name.endsWith('.zip') || (media && !f);
    byFolderRow.hidden = !classified || !!format.value;
    if (!f) return;
    // a zip and the formats with labels say for themselves where text, ids and labels are: no columns to pick
    if (format.value || name.endsWith('.zip')) return;
    if (tabular && (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json'))) {
      replace(columnsHost, await schemaPreview(pid, f, null));
      return;
    }
    if (/\.(xlsx|xls|ods)$/.test(name)) {
      replace(columnsHost, errorBox({ message: 'A spreadsheet workbook is not read: save the sheet as CSV UTF-8 (File → Save as) and import that.' }));
      submit.disabled = true;
      return;
    }
    if (name.endsWith('.txt') && !tabular) {
      replace(columnsHost, h('p', { class: 'muted small', text: 'Plain text: one text per line; blank lines are passed over.' }));
      return;
    }
    if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || name.endsWith('.json')) {
      replace(columnsHost, h('p', { class: 'muted small' }, 'JSON: each object needs ', h('code', { text: 'content' }), ', optionally ',
        h('code', { text: 'externalId' }), ', ', h('code', { text: 'metadata' }), ', ', h('code', { text: 'label' }), '.'));
      return;
    }
    const head = await f.slice(0, 64 * 1024).text();
    const first = head.replace(/^\uFEFF/, '').split(/\r?\n/)[0] || '';
    const sep = name.endsWith('.tsv') || (first.includes('\t') && !first.includes(',')) ? '\t' : ',';
    const columns = parseCsvLine(first, sep).filter((c) => c !== '');
    if (!columns.length) { replace(columnsHost, errorBox({ message: 'The file has no header line.' })); return; }
    const picker = (id, label, guessNames, optional) => {
      const sel = h('select', { id }, optional ? h('option', { value: '', text: '(none)' }) : null,
        columns.map((c) => h('option', { value: c, text: c })));
      sel.value = guess(columns, guessNames) || (optional ? '' : columns[0]);
      selects[id] = sel;
      return h('label', null, label, sel);
    };
    replace(columnsHost, h('div', { class: 'grid-form' },
      // a table's row is the whole row: no text column to pick
      tabular ? null : picker('text-column', 'Text column', ['text', 'content', 'sentence', 'body', 'review', 'message'], false),
      picker('id-column', 'ID column', ['id', 'externalid', 'external_id', 'uid', 'key'], true),
      picker('label-column', 'Label column (optional)', ['label', 'category', 'class', 'labels', 'target'], true)),
    h('p', { class: 'small muted', text: columns.length + ' columns found: ' + columns.join(', ') }));
    if (tabular) {
      const previewHost = h('div');
      columnsHost.append(previewHost);
      const preview = async () => replace(previewHost, await schemaPreview(pid, f, selects['label-column'].value));
      selects['label-column'].addEventListener('change', preview);
      await preview();
    }
  };
  file.addEventListener('change', pickColumns);
  format.addEventListener('change', pickColumns);

  const form = h('form', { id: 'import-form', class: 'stack' },
    h('label', null, 'Format', format),
    h('label', null, 'File', file),
    columnsHost,
    h('label', { class: 'inline' }, skip, media ? ' Keep the good files when some are bad (otherwise nothing is imported if one file fails)'
      : ' Keep the good rows when some are bad (otherwise nothing is imported if one row fails)'),
    updateRow,
    byFolderRow,
    h('div', { class: 'row' }, submit, progress), result);

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = file.files[0];
    if (!f) return;
    const data = new FormData();
    data.append('file', f, f.name);
    if (format.value) data.append('format', format.value);
    if (!byFolderRow.hidden && byFolder.checked) data.append('labelsFromFolders', 'true');
    for (const [id, field] of [['text-column', 'textColumn'], ['id-column', 'idColumn'], ['label-column', 'labelColumn']]) {
      if (selects[id] && selects[id].isConnected && selects[id].value) data.append(field, selects[id].value);
    }
    submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    replace(result, h('p', { class: 'muted', text: 'Uploading ' + f.name + '…' }));
    const started = performance.now();
    try {
      const query = '?onError=' + (skip.checked ? 'skip' : 'fail') + '&onDuplicate=' + (update.checked && !updateRow.hidden ? 'update' : 'skip');
      const r = await upload('/api/v1/projects/' + pid + '/assets' + query, data, (x) => {
        progress.value = x;
        if (x >= 1) replace(result, h('p', { class: 'muted', text: 'Uploaded; the server is importing…' }));
      });
      progress.value = 1;
      const secs = ((performance.now() - started) / 1000).toFixed(1);
      replace(result, report(r, secs));
    } catch (err) {
      replace(result, errorBox(err, 'Import failed'));
    } finally {
      submit.disabled = false;
      progress.hidden = true;
    }
  });

  function report(r, secs) {
    const errors = r.errors || [];
    // a duplicate: its id was already in the project or earlier in the file
    const dupes = r.duplicates + (r.duplicates === 1 ? ' duplicate' : ' duplicates') + (r.updated ? ' (' + r.updated + ' updated)' : ' (skipped)');
    return h('div', { class: 'notice' },
      h('p', null, h('strong', { class: 'import-summary', text: r.imported + ' imported, ' + dupes + ', ' + r.rejected + ' rejected' }),
        ' in ' + secs + ' s.'),
      errors.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'table compact', id: 'import-errors' },
        h('thead', null, h('tr', null, h('th', { text: 'Line' }), h('th', { text: 'Problem' }))),
        h('tbody', null, errors.slice(0, 500).map((e) => h('tr', null, h('td', { text: e.line }), h('td', { text: e.message }))))))
        : null,
      errors.length > 500 ? h('p', { class: 'small muted', text: 'and ' + (errors.length - 500) + ' more' }) : null,
      r.imported > 0 ? h('p', null, h('a', { class: 'button', href: '#/p/' + pid + '/label' }, 'Start labeling')) : null);
  }

  replace(root, h('section', { class: 'panel' }, h('h2', { text: 'Import assets' }), form));
}
