import { get, post, del, enc } from '../api.js';
import { h, replace, errorBox, toast, showError, fmtDate } from '../dom.js';
import { modelServerPanel } from './model-server.js';

const EVENTS = ['LABEL_CREATED', 'ASSET_STATUS_CHANGED', 'REVIEW_DONE', 'IMPORT_FINISHED', 'MODEL_TRAINED'];

/** A project's integrations: its model server, and its webhooks (add one, see each one's delivery log, delete). */
export async function renderWebhooks(root, ctx) {
  const pid = enc(ctx.project.id);
  const list = h('div', null, h('p', { class: 'muted', text: 'Loading…' }));
  const log = h('div', { id: 'webhook-log' });
  const status = h('div');

  const url = h('input', { id: 'webhook-url', type: 'url', required: true, placeholder: 'https://example.org/labelloop-hook' });
  const secret = h('input', { id: 'webhook-secret', placeholder: 'leave empty to generate one' });
  const boxes = EVENTS.map((e) => h('input', { type: 'checkbox', value: e, checked: e === 'LABEL_CREATED', id: 'event-' + e }));
  const allowPrivate = h('input', { type: 'checkbox', id: 'webhook-private' });
  const form = h('form', { class: 'grid-form', id: 'add-webhook-form' },
    h('label', null, 'URL', url),
    h('label', null, 'Secret', secret),
    h('fieldset', null, h('legend', { text: 'Events' }), boxes.map((b) => h('label', { class: 'inline' }, b, ' ' + b.value))),
    ctx.me.admin ? h('label', { class: 'inline' }, allowPrivate, ' Allow a private or loopback address') : null,
    h('button', { type: 'submit' }, 'Add webhook'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(status);
    const events = boxes.filter((b) => b.checked).map((b) => b.value);
    try {
      const created = await post('/api/v1/projects/' + pid + '/webhooks', {
        url: url.value.trim(), events, secret: secret.value.trim() || null, allowPrivate: allowPrivate.checked,
      });
      replace(status, h('p', { class: 'notice', id: 'webhook-secret-once' },
        'Signing secret (shown once): ', h('code', { text: created.secret })));
      form.reset();
      boxes.forEach((b) => { b.checked = b.value === 'LABEL_CREATED'; });
      load();
    } catch (err) {
      replace(status, errorBox(err, 'Could not add the webhook'));
    }
  });

  async function load() {
    try {
      const items = (await get('/api/v1/projects/' + pid + '/webhooks')).items || [];
      replace(list, !items.length ? h('p', { class: 'muted', text: 'No webhooks yet.' }) : h('div', { class: 'table-wrap' },
        h('table', { class: 'table', id: 'webhooks-table' },
          h('thead', null, h('tr', null, ['URL', 'Events', 'Created', ''].map((t) => h('th', { text: t })))),
          h('tbody', null, items.map((w) => h('tr', null,
            h('td', null, h('code', { text: w.url })), h('td', { text: w.events.join(', ') }), h('td', { text: fmtDate(w.createdAt) }),
            h('td', null,
              h('button', { class: 'small', onclick: () => showLog(w) }, 'Deliveries'), ' ',
              h('button', { class: 'danger small', onclick: async () => {
                if (!confirm('Delete the webhook to ' + w.url + '?')) return;
                try { await del('/api/v1/webhooks/' + enc(w.id)); toast('Deleted'); replace(log); load(); } catch (err) { showError(err, 'Could not delete'); }
              } }, 'Delete'))))))));
    } catch (err) {
      replace(list, errorBox(err, 'Could not load the webhooks'));
    }
  }

  async function showLog(w) {
    try {
      const items = (await get('/api/v1/webhooks/' + enc(w.id) + '/deliveries?limit=100')).items || [];
      replace(log, h('section', { class: 'panel' }, h('h2', { text: 'Deliveries to ' + w.url }),
        h('p', { class: 'muted small', text: 'Newest first. Failed attempts are retried with growing waits (5 s, 10 s, 20 s … up to an hour), 15 times in all.' }),
        !items.length ? h('p', { class: 'muted', text: 'Nothing sent yet.' }) : h('div', { class: 'table-wrap' },
          h('table', { class: 'table', id: 'deliveries-table' },
            h('thead', null, h('tr', null, ['Event', 'Status', 'Attempts', 'Answer', 'Created', 'Delivered / next try'].map((t) => h('th', { text: t })))),
            h('tbody', null, items.map((d) => h('tr', null,
              h('td', { text: d.event }),
              h('td', null, h('span', { class: 'badge status-' + d.status.toLowerCase(), text: d.status })),
              h('td', { text: String(d.attempts) }),
              h('td', { text: d.lastError || (d.responseStatus ? 'HTTP ' + d.responseStatus : '') }),
              h('td', { text: fmtDate(d.createdAt) }),
              h('td', { text: fmtDate(d.deliveredAt || d.nextAttemptAt) }))))))));
    } catch (err) {
      replace(log, errorBox(err, 'Could not load the deliveries'));
    }
  }

  replace(root, modelServerPanel(ctx), h('section', { class: 'panel' }, h('h2', { text: 'Webhooks' }),
    h('p', { class: 'muted small', text: 'Each event is POSTed as JSON, signed with HMAC-SHA256 in the X-Labelloop-Signature header (t=timestamp,v1=hex of "timestamp.body").' }),
    list), log,
  h('section', { class: 'panel' }, h('h2', { text: 'Add a webhook' }), form, status));
  load();
}
