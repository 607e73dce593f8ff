import { post } from '../api.js';
import { h, replace, errorBox } from '../dom.js';

export function renderLogin(root, { message, onLoggedIn }) {
  const email = h('input', { id: 'email', name: 'email', type: 'email', autocomplete: 'username', required: true, autofocus: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const status = h('div', { id: 'login-error', 'aria-live': 'assertive' });
  const button = h('button', { type: 'submit', id: 'login-submit' }, 'Log in');
  const form = h('form', { id: 'login-form', class: 'stack', novalidate: true },
    h('label', null, 'Email', email),
    h('label', null, 'Password', password),
    button, status);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!email.value.trim() || !password.value) {
      replace(status, errorBox({ message: 'Enter your email and password.' }));
      return;
    }
    button.disabled = true;
    replace(status);
    try {
      const me = await post('/api/v1/auth/login', { email: email.value.trim(), password: password.value }, { quiet401: true });
      onLoggedIn(me);
    } catch (err) {
      replace(status, errorBox(err));
      password.select();
    } finally {
      button.disabled = false;
    }
  });
  replace(root, h('section', { class: 'panel login' },
    h('h1', { text: 'Log in to Labelloop' }),
    message ? h('p', { class: 'notice', text: message }) : null,
    form,
    h('p', { class: 'muted small', id: 'login-first-start' }, 'First start? Log in as ', h('code', { text: 'admin@localhost' }),
      ' with the password ', h('code', { text: 'labelloop serve' }), ' printed; the administrator’s API key is in ',
      h('code', { text: 'DATA_DIR/admin-api-key' }), '.')));
  email.focus();
}
