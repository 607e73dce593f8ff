// The Project screen of Settings: deleting the project for good, once its title is typed, as a guard against a slip.
import { del, enc } from '../api.js';
import { h, replace, errorBox, toast, plural } from '../dom.js';

export function renderProjectSettings(host, ctx) {
  const project = ctx.project;
  const typed = h('input', { id: 'delete-confirm', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'The project’s title, to confirm' });
  const button = h('button', { type: 'submit', class: 'danger', id: 'delete-project', disabled: true }, 'Delete this project');
  typed.addEventListener('input', () => { button.disabled = typed.value.trim() !== project.title.trim(); });
  const status = h('div');
  const form = h('form', { class: 'stack', id: 'delete-project-form' },
    h('p', null, 'Deleting “' + project.title + '” removes its ' + plural(project.assetCount, 'asset') + ', their labels, models and '
      + 'files for good. ', h('a', { href: '#/p/' + enc(project.id) + '/export', text: 'Export it' }), ' first to keep them.'),
    h('label', null, 'Type the project’s title to confirm', typed),
    h('div', { class: 'row' }, button), status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (button.disabled) return;
    try {
      await del('/api/v1/projects/' + enc(project.id));
      toast('Deleted “' + project.title + '”');
      ctx.navigate('/');
    } catch (err) {
      replace(status, errorBox(err, 'Not deleted'));
    }
  });
  replace(host, form);
}
