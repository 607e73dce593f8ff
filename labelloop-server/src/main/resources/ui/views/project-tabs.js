import { h } from '../dom.js';

/** The header and tab bar shown above every project screen. */
export function projectTabs(project, active, me) {
  const role = project.role || (me.admin ? 'ADMIN' : null);
  const canReview = me.admin || role === 'ADMIN' || role === 'REVIEWER';
  const isAdmin = me.admin || role === 'ADMIN';
  const tabs = [
    ['dashboard', 'Dashboard', ''],
    ['label', 'Label', '/label'],
    canReview && ['review', 'Review', '/review'],
    canReview && ['import', 'Import', '/import'],
    canReview && ['export', 'Export', '/export'],
    isAdmin && ['members', 'Members', '/members'],
    isAdmin && ['interface', 'Interface', '/interface'],
    isAdmin && ['webhooks', 'Integrations', '/webhooks'],
    isAdmin && ['settings', 'Settings', '/settings'],
  ].filter(Boolean);
  const base = '#/p/' + encodeURIComponent(project.id);
  return h('div', { class: 'project-head' },
    h('div', { class: 'project-title' },
      h('a', { href: '#/', class: 'muted small', text: 'Projects /' }),
      h('h1', { dir: 'auto', text: project.title }),
      role ? h('span', { class: 'badge', text: role }) : null),
    h('nav', { class: 'tabs', 'aria-label': 'Project' },
      tabs.map(([id, name, path]) => h('a', {
        href: base + path, class: id === active ? 'tab active' : 'tab', 'aria-current': id === active ? 'page' : null,
        id: 'tab-' + id, text: name,
      }))));
}

/** The kinds of job a kind of asset can have (as the server checks): spans on texts, boxes on images. */
export function tasksFor(inputType) {
  return { IMAGE: ['CLASSIFICATION', 'OBJECT_DETECTION'], AUDIO: ['CLASSIFICATION'], TABULAR: ['CLASSIFICATION'] }[inputType]
    || ['CLASSIFICATION', 'NAMED_ENTITIES_RECOGNITION'];
}

/** The jobs of a project's interface as a list with stable order. */
export function jobsOf(project) {
  const jobs = (project.jsonInterface && project.jsonInterface.jobs) || {};
  return Object.entries(jobs).map(([id, job]) => ({
    id,
    mlTask: job.mlTask,
    instruction: job.instruction || id,
    required: !!job.required,
    input: (job.content && job.content.input) || 'radio',
    categories: Object.entries((job.content && job.content.categories) || {}).map(([cid, c], i) => ({
      id: cid, name: (c && c.name) || cid, color: c && c.color, index: i,
    })),
  }));
}

/**
 * A filter by the category an answer names (each id once, whichever jobs have it: "answered Sport", or for the spans and
 * boxes of an entity or detection job "with Person"); its value '' is any answer.
 */
export function answerSelect(project, id) {
  const seen = new Set();
  const options = jobsOf(project).flatMap((j) => j.categories.map((c) => [c, j.mlTask === 'CLASSIFICATION' ? 'answered ' : 'with ']))
    .filter(([c]) => !seen.has(c.id) && seen.add(c.id));
  return h('select', { id, 'aria-label': 'Answer' }, h('option', { value: '', text: 'any answer' }),
    options.map(([c, how]) => h('option', { value: c.id, text: how + c.name })));
}
