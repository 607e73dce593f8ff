// The signed-in user's own account: change the password (the current one is asked for again).
import { post } from '../api.js';
import { h, replace, errorBox, toast } from '../dom.js';

export function renderAccount(root, ctx) {
  const current = h('input', { id: 'current-password', type: 'password', autocomplete: 'current-password', required: true });
  const next = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true });
  const again = h('input', { id: 'repeat-password', type: 'password', autocomplete: 'new-password', minlength: 10, required: true });
  const status = h('div', { id: 'password-status', 'aria-live': 'polite' });
  const form = h('form', { class: 'grid-form', id: 'password-form' },
    h('label', null, 'Current password', current),
    h('label', null, 'New password (at least 10 characters)', next),
    h('label', null, 'New password again', again),
    h('div', { class: 'span-2 row' }, h('button', { type: 'submit', id: 'change-password' }, 'Change password'), status));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (next.value !== again.value) { replace(status, errorBox({ message: 'The two new passwords differ.' })); return; }
    try {
      await post('/api/v1/auth/password', { currentPassword: current.value, newPassword: next.value });
      form.reset();
      replace(status, h('span', { class: 'small', text: 'Password changed.' }));
      toast('Password changed');
    } catch (err) {
      replace(status, errorBox(err, 'Password not changed'));
    }
  });
  const u = ctx.me;
  replace(root, h('section', { class: 'panel', id: 'panel-account' },
    h('h1', { text: 'Your account' }),
    h('p', { class: 'muted', text: (u.name ? u.name + ' · ' : '') + u.email + (u.admin ? ' · server administrator' : '') }),
    h('h2', { text: 'Password' }), form));
}
