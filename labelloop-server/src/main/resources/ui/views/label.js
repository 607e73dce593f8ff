// The labeling screen: one asset at a time from the queue, keyboard first. Submitting fetches the next asset in place.
import { get, post, getOptional } from '../api.js';
import { h, replace, errorBox, toast, showError, fmtDuration, isTyping, plural } from '../dom.js';
import { createEditor } from './editor.js';
import { projectInstructions } from './instructions.js';
import { summarize, confidenceOf, percent, sameAnswer } from './answer-summary.js';

const SHORTCUTS = [
  ['1 – 9, 0', 'pick a category of the highlighted job (NER: the entity type for the next span); 0 is the tenth'],
  ['/', 'find a category by typing (jobs with more than ten), Enter picks it'],
  ['Enter / Space', 'submit and load the next asset'],
  ['A', 'accept all of the model’s suggestions and submit'],
  ['S', 'skip this asset'],
  ['Backspace / ←', 'go back to the previous asset (to change your answer)'],
  ['→', 'return to the queue from an earlier asset'],
  ['Tab / Shift+Tab', 'move between jobs when there are several'],
];

/** The shortcuts that depend on what an asset is. */
const SHORTCUTS_BY_INPUT = {
  TEXT: [
    ['Mouse: select text', 'create a span (NER), snapped to whole words'],
    ['← → (Shift extends)', 'NER: move the token cursor (then Backspace goes back only when no span is under it)'],
    ['1 – 9, 0 on the cursor', 'NER: tag the tokens under the cursor (relabels a span there)'],
    ['Backspace on the cursor', 'NER: remove the span under the cursor'],
    ['Click a span, then 1–9, 0 / Delete', 'relabel or remove it'],
  ],
  IMAGE: [
    ['Mouse: drag on the image', 'draw a box (object detection) of the highlighted category'],
    ['Click a box, then 1–9, 0 / Delete', 'relabel or remove it'],
    ['Esc', 'cancel the box being drawn, or deselect the selected box'],
    ['Wheel, + / -', 'zoom into the image around the pointer (+ and -: its centre); Z fits it again'],
    ['Shift+drag, middle button', 'move the zoomed image (a plain drag too where there are no boxes to draw)'],
  ],
  AUDIO: [['P', 'play or pause the audio'], ['Click the waveform', 'play from there']],
  TABULAR: [['Click a long value', 'show all of it']],
};

function shortcutsFor(project) {
  return [...SHORTCUTS, ...(SHORTCUTS_BY_INPUT[project.inputType] || SHORTCUTS_BY_INPUT.TEXT),
    ...((project.instructions || '').trim() ? [['I', 'show or hide the project’s instructions']] : []), ['?', 'show or hide this help']];
}

export function helpOverlay(rows, onClose) {
  const close = h('button', { type: 'button', class: 'secondary', onclick: onClose }, 'Close (Esc)');
  return h('div', { class: 'overlay', id: 'help-overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Keyboard shortcuts' },
    h('div', { class: 'overlay-box' },
      h('h2', { text: 'Keyboard shortcuts' }),
      h('table', { class: 'table compact' }, h('tbody', null, rows.map(([k, v]) => h('tr', null, h('td', null, h('kbd', { text: k })), h('td', { text: v }))))),
      close));
}

/** Why the model sends this asset now, in words, from the distribution the prediction carries (single-choice jobs). */
function hesitation(project, prediction) {
  for (const [jobId, r] of Object.entries((prediction && prediction.jsonResponse) || {})) {
    const dist = Object.entries((r && r.probabilities) || {}).sort((a, b) => b[1] - a[1]);
    if (dist.length < 2) continue;
    const job = (project.jsonInterface.jobs || {})[jobId] || {};
    const name = (id) => ((job.content && job.content.categories && job.content.categories[id]) || {}).name || id;
    const [[a, pa], [b, pb]] = dist;
    return pa - pb < 0.5
      ? 'the model hesitates between ' + name(a) + ' (' + percent(pa) + ') and ' + name(b) + ' (' + percent(pb) + ')'
      : 'the model is ' + percent(pa) + ' sure it is ' + name(a) + ' (next: ' + name(b) + ' at ' + percent(pb) + ')';
  }
  return null;
}

function whyNext(project, asset, settings) {
  const q = asset.queue || {};
  if (asset.priority) return 'Next because: priority ' + asset.priority + ' (set by a reviewer or script)';
  if (q.strategy === 'random') return 'Next because: picked at random (queue strategy “random”)';
  const words = hesitation(project, asset.prediction);
  if (words) return 'Next because ' + words + ' (queue strategy “' + (q.strategy || (settings && settings.strategy) || '?') + '”)';
  if (asset.prediction) return 'Predicted by model ' + (asset.prediction.modelVersion || '?') + (q.strategy ? ' · queue strategy “' + q.strategy + '”' : '');
  if (settings && settings.enabled === false) return 'Queue order: priority, then import order (active learning is off)';
  return (q.strategy && q.strategy !== 'import order' ? 'queue strategy “' + q.strategy + '” · ' : '') + 'no model yet: cold-start order';
}

export async function renderLabel(root, ctx) {
  const project = ctx.project;
  const pid = encodeURIComponent(project.id);
  const progressText = h('span', { id: 'progress-text' });
  const progressFill = h('div', { class: 'progress-fill' });
  const timer = h('span', { id: 'timer', class: 'mono' });
  const why = h('div', { id: 'why-next', class: 'small muted' });
  const modelBanner = h('div', { id: 'model-banner', class: 'model-banner', hidden: true });
  const editorHost = h('div', { id: 'editor-host' });
  const meta = h('div', { class: 'asset-meta small muted' });
  const status = h('div', { id: 'label-status', 'aria-live': 'assertive' });
  const historyNote = h('div', { class: 'notice', hidden: true });
  const speed = h('span', { class: 'small muted', id: 'load-time' });
  const submitBtn = h('button', { type: 'button', id: 'submit-label' }, 'Submit ', h('kbd', { text: '⏎' }));
  const skipBtn = h('button', { type: 'button', class: 'secondary', id: 'skip-asset' }, 'Skip ', h('kbd', { text: 'S' }));
  const prevBtn = h('button', { type: 'button', class: 'secondary', id: 'previous-asset' }, '← Previous ', h('kbd', { text: '⌫' }));
  const acceptBtn = h('button', { type: 'button', class: 'model', id: 'accept-model', hidden: true }, 'Accept model ', h('kbd', { text: 'A' }));
  const helpBtn = h('button', { type: 'button', class: 'link', id: 'help-button' }, h('kbd', { text: '?' }), ' shortcuts');
  const overlayHost = h('div');
  const instructions = projectInstructions(project, overlayHost);
  const card = h('section', { class: 'panel label-card', id: 'label-card' },
    h('div', { class: 'row between wrap' }, meta, why), modelBanner, historyNote, editorHost, status,
    h('div', { class: 'actions row wrap' }, submitBtn, acceptBtn, skipBtn, prevBtn, h('span', { class: 'grow' }), speed, instructions && instructions.button, helpBtn));
  const head = h('div', { class: 'label-head row between wrap' },
    h('div', { class: 'grow' }, h('div', { class: 'progress' }, progressFill), progressText),
    h('div', { class: 'small' }, 'Time on this asset ', timer));
  replace(root, head, card, overlayHost);

  const counts = { ...(project.countsByStatus || {}) };
  let total = project.assetCount || 0;
  let current = null;       // the queue's asset
  let viewing = null;       // {asset, response, index} when looking at an earlier asset
  const history = [];       // [{asset, response}]
  let editor = null;
  let prefilled = 0; // the model's suggestions on the asset as shown: none means it found nothing to pre-fill
  let shownAt = performance.now();
  let sessionSeconds = 0;
  let busy = false;
  let done = false;
  let learning = null;
  getOptional('/api/v1/projects/' + pid + '/learning').then((s) => {
    learning = s;
    if (current && !viewing) why.textContent = whyNext(project, current, learning);
  }).catch(() => {});

  function drawProgress() {
    const labeled = (counts.LABELED || 0) + (counts.TO_REVIEW || 0) + (counts.REVIEWED || 0);
    progressFill.style.width = (total ? Math.min(100, 100 * labeled / total) : 0) + '%';
    progressText.textContent = labeled + ' / ' + total + ' labeled (' + (total ? Math.round(100 * labeled / total) : 0) + ' %) · '
      + history.length + ' by you this session · ' + fmtDuration(sessionSeconds) + ' spent';
  }

  const tick = setInterval(() => {
    if (!done) timer.textContent = fmtDuration((performance.now() - shownAt) / 1000);
  }, 500);

  function show(asset, initial, isHistory) {
    shownAt = performance.now();
    timer.textContent = '0:00';
    replace(status);
    const prediction = isHistory ? null : asset.prediction;
    card.dataset.assetId = asset.id;
    card.dataset.externalId = asset.externalId || '';
    editor = createEditor({ project, asset, initial, prediction, onChange: drawModelState });
    prefilled = editor.modelCount();
    // A button keeping focus would also react to Space/Enter after the shortcut: give the keyboard back to the page.
    if (document.activeElement && document.activeElement !== document.body && !isTyping({ target: document.activeElement })) document.activeElement.blur();
    replace(editorHost, editor.el);
    replace(meta, h('span', null, 'Asset ', h('bdi', { class: 'mono', text: asset.externalId || asset.id })),
      asset.status ? h('span', { class: 'badge', text: asset.status }) : null);
    why.textContent = isHistory ? '' : whyNext(project, asset, learning);
    historyNote.hidden = !isHistory;
    if (isHistory) {
      replace(historyNote, h('span', null, 'You are changing your answer to an earlier asset. ', h('kbd', { text: '⏎' }),
        ' saves a new label, ', h('kbd', { text: '→' }), ' returns to the queue.'));
    }
    prevBtn.disabled = isHistory ? viewing.index === 0 : history.length === 0;
    drawModelState(prediction);
  }

  function drawModelState() {
    const p = viewing ? null : current && current.prediction;
    const n = editor ? editor.modelCount() : 0;
    acceptBtn.hidden = !p;
    if (!p) { modelBanner.hidden = true; return; }
    modelBanner.hidden = false;
    const confs = [];
    for (const job of Object.values(p.jsonResponse || {})) {
      for (const c of job.categories || []) if (confidenceOf(c) !== null) confs.push(confidenceOf(c));
      for (const a of job.annotations || []) { const c = confidenceOf((a.categories || [])[0]) ?? confidenceOf(a); if (c !== null) confs.push(c); }
    }
    // several spans, boxes or checked categories each have their own: the range, not the surest one alone
    const [lo, hi] = [Math.min(...confs), Math.max(...confs)];
    const conf = !confs.length ? '' : ' · confidence ' + (percent(lo) === percent(hi) ? percent(hi) : Math.round(100 * lo) + '–' + percent(hi));
    replace(modelBanner, n > 0
      ? h('span', null, h('strong', { text: 'Pre-filled by model ' + (p.modelVersion || '') }), conf + ' — ' + plural(n, 'suggestion') + ' marked “model”. ',
        h('kbd', { text: 'A' }), ' accepts ' + (n === 1 ? 'it' : 'all') + '; any edit makes the answer yours.')
      : h('span', null, 'Model ' + (p.modelVersion || '') + ' suggested: ' + summarize(project, p.jsonResponse) + conf + ' — '
        + (!sameAnswer(editor.response(), p.jsonResponse) ? 'you have edited it, so this answer is yours.'
          : prefilled ? 'you confirmed it.' : 'nothing to pre-fill; ⏎ submits it as your answer.')));
    modelBanner.classList.toggle('edited', n === 0);
  }

  async function loadNext() {
    const t0 = performance.now();
    let asset;
    try {
      asset = await get('/api/v1/projects/' + pid + '/queue/next');
    } catch (e) {
      replace(status, errorBox(e, 'Could not load the next asset'));
      return;
    }
    if (showServed(asset)) speed.textContent = 'loaded in ' + Math.round(performance.now() - t0) + ' ms';
  }

  /** Shows the asset the queue served, or that none is left (false then). */
  function showServed(asset) {
    viewing = null;
    if (!asset) {
      done = true;
      current = null;
      editor = null;
      replace(card, h('div', { class: 'empty', id: 'queue-empty' },
        h('h2', { text: 'Nothing left to label 🎉' }),
        h('p', { text: 'The queue of this project is empty for you' + (history.length ? ' — you labeled ' + plural(history.length, 'asset') + ' in this session.' : '.') }),
        h('div', { class: 'row' }, h('a', { class: 'button', href: '#/p/' + pid }, 'Dashboard'),
          history.length ? h('button', { type: 'button', class: 'secondary', onclick: () => { done = false; location.reload(); } }, 'Check again') : null)));
      timer.textContent = '—';
      return false;
    }
    current = asset;
    show(asset, null, false);
    return true;
  }

  async function submit(acceptAll) {
    if (busy || !editor) return;
    if (acceptAll) {
      // What is left of the model's suggestion is accepted; what the labeler already confirmed or changed stays theirs.
      if (viewing || !current.prediction) { toast('There is no model suggestion to accept.'); return; }
      editor.acceptModel();
    }
    const problem = editor.problem();
    if (problem) { replace(status, errorBox({ message: problem })); return; }
    const target = viewing ? viewing.asset : current;
    const seconds = Math.round((performance.now() - shownAt) / 100) / 10;
    const response = editor.response();
    busy = true;
    submitBtn.disabled = true;
    const t0 = performance.now();
    const label = { assetId: target.id, labelType: 'DEFAULT', jsonResponse: response, secondsToLabel: seconds };
    let answered;
    try {
      // The served asset's label brings the next asset back in the same request; a corrected earlier answer is a label alone.
      answered = await post('/api/v1/projects/' + pid + (viewing ? '/labels' : '/queue/answer'), label);
    } catch (e) {
      replace(status, errorBox(e, 'The label was not saved'));
      busy = false;
      submitBtn.disabled = false;
      return;
    }
    sessionSeconds += seconds;
    if (viewing) {
      history[viewing.index].response = response;
      toast('Saved a new answer for ' + (target.externalId || target.id));
      viewing = null;
      show(current, null, false);
    } else {
      history.push({ asset: current, response });
      if (counts[current.status] > 0 && current.status !== 'LABELED') counts[current.status]--;
      if (current.status !== 'LABELED' && current.status !== 'TO_REVIEW' && current.status !== 'REVIEWED') counts.LABELED = (counts.LABELED || 0) + 1;
      showServed(answered.next);
      speed.textContent = 'saved + next in ' + Math.round(performance.now() - t0) + ' ms';
    }
    busy = false;
    submitBtn.disabled = false;
    drawProgress();
    refreshCounts();
  }

  async function skip() {
    if (busy || !current || viewing) return;
    busy = true;
    try {
      await post('/api/v1/projects/' + pid + '/queue/' + encodeURIComponent(current.id) + '/skip');
      toast('Skipped ' + (current.externalId || current.id));
      await loadNext();
    } catch (e) {
      showError(e, 'Could not skip');
    } finally {
      busy = false;
    }
  }

  function previous() {
    if (busy) return;
    const index = viewing ? viewing.index - 1 : history.length - 1;
    if (index < 0) { toast('No earlier asset in this session.'); return; }
    viewing = { ...history[index], index };
    show(viewing.asset, viewing.response, true);
  }

  function forward() {
    if (!viewing) return;
    if (viewing.index + 1 < history.length) {
      viewing = { ...history[viewing.index + 1], index: viewing.index + 1 };
      show(viewing.asset, viewing.response, true);
    } else {
      viewing = null;
      if (current) show(current, null, false);
    }
  }

  // Other labelers' progress. The counts scan every asset of the project, so they are asked at most every 30 s; the
  // labeler's own labels update them at once (submit).
  let countsAt = performance.now();
  async function refreshCounts() {
    if (performance.now() - countsAt < 30000) return;
    countsAt = performance.now();
    try {
      const p = await get('/api/v1/projects/' + pid);
      Object.assign(counts, p.countsByStatus || {});
      total = p.assetCount || total;
      drawProgress();
    } catch { /* progress is informative; the next submit will try again */ }
  }

  let helpOpen = false;
  function toggleHelp(force) {
    helpOpen = force === undefined ? !helpOpen : force;
    replace(overlayHost, helpOpen ? helpOverlay(shortcutsFor(project), () => toggleHelp(false)) : null);
  }

  function onKey(e) {
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (helpOpen) {
      if (e.key === 'Escape' || e.key === '?') { e.preventDefault(); toggleHelp(false); }
      return;
    }
    if (instructions && instructions.handleKey(e)) return;
    if (e.key === '?') { e.preventDefault(); toggleHelp(true); return; }
    if (done || !editor) return;
    if (editor.handleKey(e)) { e.preventDefault(); return; }
    switch (e.key) {
      case 'Enter': case ' ': e.preventDefault(); submit(false); break;
      case 'a': case 'A': e.preventDefault(); submit(true); break;
      case 's': case 'S': e.preventDefault(); skip(); break;
      case 'Backspace': case 'ArrowLeft': e.preventDefault(); previous(); break;
      case 'ArrowRight': if (viewing) { e.preventDefault(); forward(); } break;
      default:
    }
  }

  submitBtn.addEventListener('click', () => submit(false));
  acceptBtn.addEventListener('click', () => submit(true));
  skipBtn.addEventListener('click', skip);
  prevBtn.addEventListener('click', previous);
  helpBtn.addEventListener('click', () => toggleHelp());
  document.addEventListener('keydown', onKey);
  drawProgress();
  if (instructions) instructions.showIfNew();
  await loadNext();
  return () => {
    clearInterval(tick);
    document.removeEventListener('keydown', onKey);
  };
}
