import { api, getOptional, post, del, enc } from '../api.js';
import { h, replace, errorBox, toast, showError, fmtDate } from '../dom.js';

/**
 * The project's external model server (Label Studio's ML-backend protocol): connect, see whether it answers,
 * ask it for predictions or to train, disconnect. Labeling never waits for it; a failing server is retried.
 */
export function modelServerPanel(ctx) {
  const pid = enc(ctx.project.id);
  const path = '/api/v1/projects/' + pid + '/model-server';
  const body = h('div', null, h('p', { class: 'muted', text: 'Loading…' }));
  const panel = h('section', { class: 'panel', id: 'model-server' }, h('h2', { text: 'Model server' }),
    h('p', { class: 'muted small', text: 'A model server speaking Label Studio\'s ML-backend protocol (/health, /setup, /predict, '
      + '/webhook) pre-annotates every unlabeled asset; its answers are stored as PREDICTION labels with its model version.' }),
    body);

  const act = (fn, what) => async () => {
    try { await fn(); load(); } catch (err) { showError(err, what); }
  };

  function connectForm() {
    const url = h('input', { id: 'model-server-url', type: 'url', required: true, placeholder: 'http://models.internal:9090' });
    const allowPrivate = h('input', { type: 'checkbox', id: 'model-server-private' });
    const status = h('div');
    const form = h('form', { class: 'grid-form', id: 'model-server-form' },
      h('label', null, 'URL', url),
      ctx.me.admin ? h('label', { class: 'inline' }, allowPrivate, ' Allow a private or loopback address') : null,
      h('button', { type: 'submit' }, 'Connect'), status);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      replace(status, h('p', { class: 'muted', text: 'Checking the server…' }));
      try {
        await api('PUT', path, { url: url.value.trim(), allowPrivate: allowPrivate.checked });
        load();
      } catch (err) {
        replace(status, errorBox(err, 'Could not connect'));
      }
    });
    return form;
  }

  function stateView(s) {
    const rows = [
      ['URL', h('code', { text: s.url })],
      ['Status', h('span', { class: 'badge status-' + s.status.toLowerCase(), id: 'model-server-status', text: s.status })],
      ['Model version', s.modelVersion || '—'],
      ['Predictions stored', String(s.predictions)],
      ['Last answer', fmtDate(s.checkedAt)],
      s.lastError && ['Last error', h('span', { id: 'model-server-error', text: s.lastError })],
      s.failures > 0 && ['Failed rounds', s.failures + ', next try ' + fmtDate(s.nextAttemptAt)],
    ].filter(Boolean);
    return h('div', null,
      h('table', { class: 'table kv' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('th', { text: k }), h('td', null, v))))),
      h('p', null,
        h('button', { class: 'small', id: 'model-server-predict', onclick: act(() => post(path + '/predict'), 'Could not ask for predictions') }, 'Predict now'), ' ',
        h('button', { class: 'small', id: 'model-server-train', onclick: act(() => post(path + '/train'), 'Could not ask it to train') }, 'Train'), ' ',
        h('button', { class: 'danger small', id: 'model-server-disconnect', onclick: () => {
          if (confirm('Disconnect ' + s.url + '? Its predictions stay until a newer model replaces them.')) {
            act(async () => { await del(path); toast('Disconnected'); }, 'Could not disconnect')();
          }
        } }, 'Disconnect')));
  }

  let refresh;
  async function load() {
    clearTimeout(refresh);
    try {
      const state = await getOptional(path);
      replace(body, state ? stateView(state) : connectForm());
      // predictions arrive in the background: follow them while this screen is open
      if (state) refresh = setTimeout(() => { if (document.contains(panel)) load(); }, 3000);
    } catch (err) {
      replace(body, errorBox(err, 'Could not load the model server'));
    }
  }

  load();
  return panel;
}
