import { get, post, del } from '../api.js';
import { h, replace, errorBox, toast, showError } from '../dom.js';

const ROLES = ['LABELER', 'REVIEWER', 'ADMIN'];

export async function renderMembers(root, ctx) {
  const pid = encodeURIComponent(ctx.project.id);
  const list = h('div', null, h('p', { class: 'muted', text: 'Loading…' }));
  const status = h('div');

  const email = h('input', { id: 'member-email', type: 'email', required: true, placeholder: 'person@example.org', list: 'known-users' });
  const nameIn = h('input', { id: 'member-name', placeholder: 'optional' });
  const password = h('input', { id: 'member-password', type: 'password', autocomplete: 'new-password', placeholder: 'only for a new user' });
  const role = h('select', { id: 'member-role' }, ROLES.map((r) => h('option', { value: r, text: r })));
  const known = h('datalist', { id: 'known-users' });
  let users = [];

  const form = h('form', { class: 'grid-form', id: 'add-member-form' },
    h('label', null, 'Email', email), h('label', null, 'Name', nameIn),
    h('label', null, 'Password', password), h('label', null, 'Role', role),
    h('button', { type: 'submit' }, 'Add member'), known);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(status);
    const mail = email.value.trim().toLowerCase();
    if (!mail) { replace(status, errorBox({ message: 'Enter an email address.' })); return; }
    try {
      let user = users.find((u) => (u.email || '').toLowerCase() === mail);
      if (!user) {
        if (!password.value) { replace(status, errorBox({ message: 'No user has this email yet: give a password to create the account.' })); return; }
        user = await post('/api/v1/users', { email: mail, name: nameIn.value.trim() || null, password: password.value });
      }
      await post('/api/v1/projects/' + pid + '/members', { userId: user.id, role: role.value });
      toast('Added ' + mail + ' as ' + role.value);
      form.reset();
      load();
    } catch (err) {
      replace(status, errorBox(err, 'Could not add the member'));
    }
  });

  async function load() {
    try {
      const [members, allUsers] = await Promise.all([
        get('/api/v1/projects/' + pid + '/members'),
        ctx.me.admin ? get('/api/v1/users').catch(() => ({ items: [] })) : Promise.resolve({ items: [] }),
      ]);
      users = allUsers.items || [];
      replace(known, users.map((u) => h('option', { value: u.email })));
      const items = members.items || [];
      replace(list, !items.length ? h('p', { class: 'muted', text: 'No members yet.' }) : h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'members-table' },
        h('thead', null, h('tr', null, ['Email', 'Name', 'Role', ''].map((t) => h('th', { text: t })))),
        h('tbody', null, items.map((m) => h('tr', { class: m.active ? '' : 'muted' },
          h('td', null, m.email || m.userId, m.active ? null : h('span', { class: 'badge', title: 'A server administrator deactivated this account', text: 'deactivated' })),
          h('td', { text: m.name || '' }),
          h('td', null, roleSelect(m)),
          h('td', null, h('button', { class: 'danger small', onclick: async () => {
            if (!confirm('Remove ' + (m.email || m.userId) + ' from this project?')) return;
            try { await del('/api/v1/projects/' + pid + '/members/' + encodeURIComponent(m.userId)); toast('Removed'); load(); } catch (err) { showError(err, 'Could not remove'); }
          } }, 'Remove'))))))));
    } catch (err) {
      replace(list, errorBox(err, 'Could not load members'));
    }
  }

  function roleSelect(m) {
    const sel = h('select', { 'aria-label': 'Role of ' + (m.email || m.userId) }, ROLES.map((r) => h('option', { value: r, text: r, selected: r === m.role })));
    sel.addEventListener('change', async () => {
      try { await post('/api/v1/projects/' + pid + '/members', { userId: m.userId, role: sel.value }); toast('Role changed to ' + sel.value); } catch (err) { showError(err, 'Could not change the role'); load(); }
    });
    return sel;
  }

  replace(root, h('section', { class: 'panel' }, h('h2', { text: 'Members' }), list),
    h('section', { class: 'panel' }, h('h2', { text: 'Add a member' }),
      h('p', { class: 'muted small', text: 'An existing user is added by email; a new email creates the account with the password you give.' }),
      form, status));
  load();
}
