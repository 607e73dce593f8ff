import { get, post, del } from '../api.js';
import { h, replace, errorBox, toast, showError, fmtDate } from '../dom.js';

export async function renderKeys(root, ctx) {
  const list = h('div', null, h('p', { class: 'muted', text: 'Loading…' }));
  const created = h('div', { 'aria-live': 'polite' });
  const name = h('input', { id: 'key-name', placeholder: 'e.g. training script', maxlength: 100 });
  const formStatus = h('div');
  const form = h('form', { class: 'row wrap', id: 'new-key-form' },
    h('label', { class: 'grow' }, 'Name of the new key', name),
    h('button', { type: 'submit' }, 'Create key'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(formStatus);
    try {
      const k = await post('/api/v1/users/me/api-keys', { name: name.value.trim() || 'api key' });
      name.value = '';
      const keyField = h('input', { id: 'new-key', readonly: true, value: k.key, class: 'mono grow' });
      replace(created, h('div', { class: 'notice' },
        h('p', null, h('strong', { text: 'Copy this key now — it is shown only once.' })),
        h('div', { class: 'row' }, keyField,
          h('button', { type: 'button', class: 'secondary', onclick: async () => {
            keyField.select();
            try { await navigator.clipboard.writeText(k.key); toast('Copied'); } catch { toast('Press Ctrl+C to copy'); }
          } }, 'Copy')),
        h('p', { class: 'small muted' }, 'Use it as ', h('code', { text: 'Authorization: Bearer <key>' }), '.')));
      keyField.select();
      load();
    } catch (err) {
      replace(formStatus, errorBox(err, 'Could not create the key'));
    }
  });

  async function load() {
    try {
      const page = await get('/api/v1/users/me/api-keys');
      const keys = page.items || [];
      if (!keys.length) { replace(list, h('p', { class: 'muted', text: 'You have no API keys.' })); return; }
      replace(list, h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'keys-table' },
        h('thead', null, h('tr', null, ['Name', 'Prefix', 'Created', 'Status', ''].map((t) => h('th', { text: t })))),
        h('tbody', null, keys.map((k) => h('tr', null,
          h('td', { text: k.name || '' }), h('td', { class: 'mono', text: (k.prefix || '') + '…' }),
          h('td', { text: fmtDate(k.createdAt) }),
          h('td', { text: k.revokedAt ? 'revoked ' + fmtDate(k.revokedAt) : 'active' }),
          h('td', null, k.revokedAt ? null : h('button', { class: 'danger small', onclick: async () => {
            if (!confirm('Revoke the key "' + (k.name || k.prefix) + '"? Programs using it will stop working.')) return;
            try { await del('/api/v1/api-keys/' + encodeURIComponent(k.id)); toast('Key revoked'); load(); } catch (err) { showError(err, 'Could not revoke'); }
          } }, 'Revoke'))))))));
    } catch (err) {
      replace(list, errorBox(err, 'Could not load your keys'));
    }
  }

  replace(root, h('section', { class: 'panel' },
    h('h1', { text: 'API keys' }),
    h('p', { class: 'muted', text: 'Keys let scripts and the CLI act as you (' + ctx.me.email + ').' }),
    form, formStatus, created, list));
  load();
}
