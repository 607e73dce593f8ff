import { get } from '../api.js';
import { h, replace, errorBox } from '../dom.js';

export async function renderProjects(root, ctx) {
  const body = h('div', null, h('p', { class: 'muted', text: 'Loading projects…' }));
  const find = h('input', { type: 'search', id: 'project-find', placeholder: 'Find a project', 'aria-label': 'Find a project by title or description' });
  const more = h('button', { type: 'button', class: 'link', id: 'projects-more', hidden: true }, 'Show more projects');
  replace(root, h('section', { class: 'panel' },
    h('div', { class: 'row between' },
      h('h1', { text: 'Projects' }),
      ctx.me.mayCreateProjects ? h('a', { class: 'button', href: '#/new', id: 'new-project' }, 'New project') : null),
    body));
  const items = [];
  let cursor = null;
  async function next() {
    const page = await get('/api/v1/projects?limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items.push(...(page.items || []));
    cursor = page.nextCursor || null;
  }
  try {
    await next();
  } catch (e) {
    replace(body, errorBox(e, 'Could not load projects'));
    return;
  }
  if (!items.length) {
    replace(body, h('div', { class: 'empty' },
      h('p', { text: 'No projects yet.' }),
      ctx.me.mayCreateProjects ? h('p', null, h('a', { href: '#/new', text: 'Create your first project' }), ' or start the server with ', h('code', { text: '--demo' }), '.')
        : h('p', { text: 'Ask an administrator to add you to a project.' })));
    return;
  }
  const list = h('div', { class: 'cards', id: 'project-list' });
  // Filtered as typed, over the projects loaded so far ("Show more" loads the next 200).
  function draw() {
    const words = find.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    const shown = items.filter((p) => words.every((w) => (p.title + ' ' + (p.description || '')).toLowerCase().includes(w)));
    replace(list, shown.length ? shown.map((p) => projectCard(p)) : h('p', { class: 'empty', text: 'No project matches “' + find.value.trim() + '”.' }));
    more.hidden = !cursor;
  }
  find.addEventListener('input', draw);
  more.addEventListener('click', async () => {
    try { await next(); } catch (e) { replace(body, errorBox(e, 'Could not load projects')); return; }
    draw();
  });
  replace(body, items.length > 6 || cursor ? find : null, list, more);
  draw();
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
