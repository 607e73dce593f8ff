import { h, replace } from '../dom.js';
import { exportFormats } from './formats.js';
import { answerSelect } from './project-tabs.js';

const STATUSES = ['', 'TODO', 'ONGOING', 'LABELED', 'TO_REVIEW', 'REVIEWED'];

export async function renderExport(root, ctx) {
  const pid = encodeURIComponent(ctx.project.id);
  const formats = exportFormats(ctx.project);
  const format = h('select', { id: 'export-format' }, formats.map(([value, text]) => h('option', { value, text })));
  const status = h('select', { id: 'export-status' }, STATUSES.map((s) => h('option', { value: s, text: s || 'all statuses' })));
  const labelType = h('select', { id: 'export-label-type' }, ['', 'DEFAULT', 'REVIEW', 'PREDICTION', 'INFERENCE'].map((s) => h('option', { value: s, text: s ? 'assets with ' + (/^[AEIOU]/.test(s) ? 'an ' : 'a ') + s + ' label' : 'any labels' })));
  const category = answerSelect(ctx.project, 'export-category');
  const search = h('input', { type: 'search', id: 'export-search', placeholder: 'text or id (optional)' });
  const link = h('a', { class: 'button', id: 'export-download', download: '' }, 'Download');
  const urlText = h('code', { class: 'small', id: 'export-url' });
  const update = () => {
    const q = new URLSearchParams({ format: format.value });
    if (status.value) q.set('status', status.value);
    if (labelType.value) q.set('labelType', labelType.value);
    if (category.value) q.set('category', category.value);
    if (search.value.trim()) q.set('search', search.value.trim());
    const href = '/api/v1/projects/' + pid + '/export?' + q;
    link.setAttribute('href', href);
    link.setAttribute('download', 'project-' + ctx.project.id + (status.value ? '-' + status.value.toLowerCase() : '') + '.' + formats.find(([value]) => value === format.value)[2]);
    urlText.textContent = 'GET ' + href;
  };
  format.addEventListener('change', update);
  status.addEventListener('change', update);
  labelType.addEventListener('change', update);
  category.addEventListener('change', update);
  search.addEventListener('input', update);
  update();
  const counts = ctx.project.countsByStatus || {};
  replace(root, h('section', { class: 'panel' },
    h('h2', { text: 'Export' }),
    h('div', { class: 'grid-form' }, h('label', null, 'Format', format), h('label', null, 'Status', status), h('label', null, 'Label type', labelType),
      h('label', null, 'Answer', category), h('label', null, 'Containing', search)),
    h('p', { class: 'muted small', text: 'The project has ' + (ctx.project.assetCount || 0) + ' assets: ' +
      Object.entries(counts).map(([k, v]) => v + ' ' + k).join(', ') + '. Each asset carries its chosen label (the newest review, else the newest labeler answer).' }),
    h('div', { class: 'row' }, link),
    h('p', { class: 'muted small' }, 'The same file from a script: ', urlText, ' with ', h('code', { text: 'Authorization: Bearer <key>' }))));
}
