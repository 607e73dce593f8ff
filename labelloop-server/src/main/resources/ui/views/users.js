// The server administrator's list of accounts: create one, make someone an administrator or a project creator, set a
// new password for someone who lost theirs, deactivate someone who left (their labels stay), and who may create
// projects at all.
import { get, post, patch } from '../api.js';
import { h, replace, errorBox, toast, showError, fmtDate } from '../dom.js';

export async function renderUsers(root, ctx) {
  if (!ctx.me.admin) {
    replace(root, h('section', { class: 'panel' }, h('h1', { text: 'Users' }), h('p', { class: 'muted', text: 'Only server administrators manage users.' })));
    return;
  }
  const list = h('div', null, h('p', { class: 'muted', text: 'Loading…' }));
  const find = h('input', { type: 'search', id: 'users-find', placeholder: 'Find by email or name', autocomplete: 'off', 'aria-label': 'Find a user' });
  const narrow = () => {
    const q = find.value.trim().toLowerCase();
    list.querySelectorAll('tbody tr').forEach((tr) => { tr.hidden = !!q && !tr.dataset.search.includes(q); });
  };
  find.addEventListener('input', narrow);
  const creators = h('select', { id: 'project-creators' },
    h('option', { value: 'ALLOWED_USERS', text: 'administrators and the users allowed below' }),
    h('option', { value: 'EVERYONE', text: 'every signed-in user' }));
  creators.addEventListener('change', async () => {
    try { await patch('/api/v1/instance-settings', { projectCreators: creators.value }); toast('Saved'); } catch (err) { showError(err, 'Could not save'); }
  });

  /** Changes the user and lists the users again; a refused password keeps its form, to be typed again. */
  async function change(user, body, done) {
    try {
      await patch('/api/v1/users/' + encodeURIComponent(user.id), body);
      toast(done);
    } catch (err) {
      showError(err, 'Could not change ' + user.email);
      if (body.password !== undefined) return;
    }
    load();
  }

  function passwordReset(user) {
    const input = h('input', { type: 'password', autocomplete: 'new-password', placeholder: 'new password (10+ characters)', 'aria-label': 'New password for ' + user.email });
    const form = h('form', { class: 'row password-reset' }, input, h('button', { type: 'submit', class: 'small' }, 'Set'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      change(user, { password: input.value }, 'New password set for ' + user.email + '; their browser sessions ended');
    });
    return form;
  }

  function row(u) {
    const self = u.id === ctx.me.id;
    // an administrator always creates projects, and never takes away their own role (another administrator can)
    const fixed = { admin: self, canCreateProjects: u.admin };
    const toggle = (field, label) => {
      const box = h('input', { type: 'checkbox', checked: u[field] || (field === 'canCreateProjects' && u.admin), disabled: fixed[field], 'aria-label': label + ': ' + u.email });
      box.addEventListener('change', () => change(u, { [field]: box.checked }, u.email + (box.checked ? ': ' : ': no longer ') + label.toLowerCase()));
      return box;
    };
    const actions = h('div', { class: 'row' });
    if (!self) {
      const reset = h('button', { type: 'button', class: 'secondary small', onclick: () => replace(actions, passwordReset(u)) }, 'Set password');
      const activation = u.active
        ? h('button', { type: 'button', class: 'danger small', onclick: () => {
          if (confirm('Deactivate ' + u.email + '? They can no longer log in or use their API keys; their labels stay.')) {
            change(u, { active: false }, u.email + ' deactivated');
          }
        } }, 'Deactivate')
        : h('button', { type: 'button', class: 'secondary small', onclick: () => change(u, { active: true }, u.email + ' reactivated') }, 'Reactivate');
      actions.append(reset, activation);
    }
    return h('tr', { class: u.active ? '' : 'muted', dataset: { email: u.email, search: (u.email + ' ' + (u.name || '')).toLowerCase() } },
      h('td', { text: u.email + (self ? ' (you)' : '') }), h('td', { text: u.name || '' }),
      h('td', null, toggle('admin', 'Administrator')), h('td', null, toggle('canCreateProjects', 'Creates projects')),
      h('td', { text: u.active ? 'active' : 'deactivated' }), h('td', { text: fmtDate(u.createdAt) }), h('td', null, actions));
  }

  async function load() {
    try {
      const [users, settings] = await Promise.all([get('/api/v1/users'), get('/api/v1/instance-settings')]);
      creators.value = settings.projectCreators;
      replace(list, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'users-table' },
        h('thead', null, h('tr', null, ['Email', 'Name', 'Administrator', 'Creates projects', 'Status', 'Created', ''].map((t) => h('th', { text: t })))),
        h('tbody', null, (users.items || []).map(row)))));
      narrow();
    } catch (err) {
      replace(list, errorBox(err, 'Could not load the users'));
    }
  }

  const email = h('input', { id: 'user-email', type: 'email', required: true, placeholder: 'person@example.org' });
  const name = h('input', { id: 'user-name', placeholder: 'optional' });
  const password = h('input', { id: 'user-password', type: 'password', autocomplete: 'new-password', required: true, placeholder: '10+ characters' });
  const admin = h('input', { id: 'user-admin', type: 'checkbox' });
  const formStatus = h('div');
  const form = h('form', { class: 'grid-form', id: 'new-user-form' },
    h('label', null, 'Email', email), h('label', null, 'Name', name), h('label', null, 'Password', password),
    h('label', { class: 'inline' }, admin, ' server administrator'),
    h('button', { type: 'submit' }, 'Create user'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(formStatus);
    try {
      await post('/api/v1/users', { email: email.value.trim(), name: name.value.trim() || null, password: password.value, admin: admin.checked });
      toast('Created ' + email.value.trim() + '; add them to projects under each project\'s Members');
      form.reset();
      load();
    } catch (err) {
      replace(formStatus, errorBox(err, 'Could not create the user'));
    }
  });

  replace(root, h('section', { class: 'panel' },
    h('h1', { text: 'Users' }),
    h('p', { class: 'muted', text: 'Everyone who can sign in. A deactivated user cannot log in or use an API key; their labels stay.' }),
    find, list,
    h('p', null, h('label', { class: 'inline' }, 'Who may create projects: ', creators)),
    h('h2', { text: 'New user' }), form, formStatus));
  load();
}
