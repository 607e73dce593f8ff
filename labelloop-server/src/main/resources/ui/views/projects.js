import { get } from '../api.js';
import { h, replace, errorBox } from '../dom.js';

export async function renderProjects(root, ctx) {
  const body = h('div', null, h('p', { class: 'muted', text: 'Loading projects…' }));
  replace(root, h('section', { class: 'panel' },
    h('div', { class: 'row between' },
      h('h1', { text: 'Projects' }),
      ctx.me.admin ? h('a', { class: 'button', href: '#/new', id: 'new-project' }, 'New project') : null),
    body));
  let page;
  try {
    page = await get('/api/v1/projects?limit=200');
  } catch (e) {
    replace(body, errorBox(e, 'Could not load projects'));
    return;
  }
  const items = page.items || [];
  if (!items.length) {
    replace(body, h('div', { class: 'empty' },
      h('p', { text: 'No projects yet.' }),
      ctx.me.admin ? h('p', null, h('a', { href: '#/new', text: 'Create your first project' }), ' or start the server with ', h('code', { text: '--demo' }), '.')
        : h('p', { text: 'Ask an administrator to add you to a project.' })));
    return;
  }
  replace(body, h('div', { class: 'cards', id: 'project-list' }, items.map((p) => projectCard(p))));
}

function projectCard(p) {
  const counts = p.countsByStatus || {};
  const total = p.assetCount || 0;
  const done = (counts.LABELED || 0) + (counts.TO_REVIEW || 0) + (counts.REVIEWED || 0);
  const base = '#/p/' + encodeURIComponent(p.id);
  const bar = h('div', { class: 'progress', title: done + ' of ' + total + ' labeled' }, h('div', { class: 'progress-fill' }));
  bar.firstChild.style.width = (total ? (100 * done / total) : 0) + '%';
  const jobs = Object.values((p.jsonInterface && p.jsonInterface.jobs) || {}).map((j) => j.mlTask === 'NAMED_ENTITIES_RECOGNITION' ? 'NER' : j.mlTask === 'CLASSIFICATION' ? 'classification' : String(j.mlTask).toLowerCase().replaceAll('_', ' '));
  return h('article', { class: 'card project-card', dataset: { projectId: p.id } },
    h('h2', null, h('a', { href: base, dir: 'auto', text: p.title })),
    p.description ? h('p', { class: 'muted', dir: 'auto', text: p.description }) : null,
    h('p', { class: 'small' }, h('span', { class: 'badge', text: p.inputType }), ' ', jobs.join(', '), p.role ? ' · you: ' + p.role : ''),
    bar,
    h('p', { class: 'small muted', text: done + ' / ' + total + ' labeled · ' + (counts.TODO || 0) + ' to do · ' + (counts.TO_REVIEW || 0) + ' to review' }),
    h('div', { class: 'row' },
      h('a', { class: 'button', href: base + '/label' }, 'Label'),
      h('a', { class: 'button secondary', href: base }, 'Dashboard')));
}
