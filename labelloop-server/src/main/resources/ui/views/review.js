// Review: a reviewer goes through TO_REVIEW (or LABELED, or likely wrong) assets, sees the labeler's answer, the model's
// prediction and the inference mark, and accepts, corrects (both create a REVIEW label) or sends the asset back.
import { get, post, patch, getOptional } from '../api.js';
import { h, replace, errorBox, toast, showError, isTyping, fmtDate, snippet, plural } from '../dom.js';
import { createEditor } from './editor.js';
import { summarize, percent } from './answer-summary.js';
import { helpOverlay } from './label.js';
import { rowSnippet } from './table-row.js';
import { answerSelect } from './project-tabs.js';
import { projectInstructions } from './instructions.js';

const SHORTCUTS = [
  ['↓ / J', 'next asset in the list'], ['↑ / K', 'previous asset in the list'],
  ['A', 'accept the labeler’s answer (REVIEW label with the same answer)'],
  ['1 – 9, 0, /, mouse', 'correct the answer'], ['Enter', 'save the correction as a REVIEW label'],
  ['B', 'send back to the labeling queue (status TODO)'],
  ['H', 'save the answer as a honeypot’s trusted one (labelers are scored against it), or stop using the asset as a honeypot'],
  ['M', 'more like this: list the assets most similar to this one'],
  ['I', 'show or hide the project’s instructions (when it has some)'],
  ['?', 'show or hide this help'],
];

const FILTER_NAMES = { TO_REVIEW: 'To review', LABELED: 'Labeled', SUSPECTS: 'Likely wrong', SIMILAR: 'Similar' };
const SIMILAR_LIMIT = 50;

export async function renderReview(root, ctx) {
  const project = ctx.project;
  // An image's or audio's content is where its file is stored: the list names it by its external id alone.
  const hasFile = project.inputType === 'IMAGE' || project.inputType === 'AUDIO';
  const pid = encodeURIComponent(project.id);
  const isAdmin = ctx.me.admin || project.role === 'ADMIN'; // honeypots are the project admin's to set
  const counts = project.countsByStatus || {};
  const labeledBy = new URLSearchParams(ctx.params[1] || '').get('labeledBy'); // from the dashboard's labeler table
  let filter = labeledBy ? 'LABELED' : (counts.TO_REVIEW || 0) > 0 || (counts.LABELED || 0) === 0 ? 'TO_REVIEW' : 'LABELED';
  // confident learning needs one single-choice classification job
  const [suspectsJobId, suspectsJob] = Object.entries(project.jsonInterface.jobs || {})
    .find(([, j]) => j.mlTask === 'CLASSIFICATION' && (j.content || {}).input !== 'checkbox') || [];
  let suspectIds = null; // every likely wrong label's asset, as listed (the list shows the first 100)
  let suspectBasis = null; // the out-of-fold agreement the likely wrong labels were found with
  let suspectWithheld = null; // why no label could be judged yet
  // what the Similar list is like: an asset ({ name, query: 'assetId=…' }) or, in a text project, words ({ words, query: 'text=…' })
  let similarTo = null;
  let statusBefore = filter; // the status list the Similar list was opened from
  let comparedBy = null; // what the neighbours were compared by, as the server says
  const listHost = h('div', { class: 'review-list', id: 'review-list' });
  const detail = h('div', { class: 'review-detail', id: 'review-detail' });
  const overlayHost = h('div');
  const instructions = projectInstructions(project, overlayHost);
  const filterTabs = h('div', { class: 'segmented' });
  let items = [];
  let nextCursor = null; // the list's next page of assets (100 each), fetched as the reviewer reaches its end
  let index = -1;
  let editor = null;
  let labels = null;
  let base = null; // the answer under review: the newest REVIEW label, else the labeler's newest
  let busy = false;
  const members = new Map();
  let marks = null; // assetId -> lowest inference mark, from /inference-marks (null: endpoint not there)

  // Narrow the list: text (in the asset's text, or its id), the category its answer names, the labeler who answered.
  const find = h('input', { type: 'search', id: 'review-find', placeholder: hasFile ? 'Find an id' : 'Find text or an id',
    'aria-label': hasFile ? 'Find an asset by its id' : 'Find assets by their text or id', title: 'Enter to search; an exact id shows that asset whatever its status' });
  // a text project's find box also searches by meaning: the texts whose sentence vectors are nearest the words'
  const findBy = project.inputType === 'TEXT' ? h('select', { id: 'review-find-by', 'aria-label': 'Find by' },
    h('option', { value: 'words', text: 'by words' }), h('option', { value: 'meaning', text: 'by meaning' })) : null;
  if (findBy) findBy.addEventListener('change', () => { find.focus(); });
  find.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    if (findBy && findBy.value === 'meaning') searchMeaning(find.value.trim()); else search(find.value.trim());
  });
  find.addEventListener('search', () => { if (!find.value && searched) search(''); }); // the field's clear button
  let searched = '';
  const answered = answerSelect(project, 'review-category');
  const labeler = h('select', { id: 'review-by', 'aria-label': 'Labeler' }, h('option', { value: '', text: 'any labeler' }));
  answered.addEventListener('change', () => { answered.blur(); load(); });
  labeler.addEventListener('change', () => { labeler.blur(); load(); });
  const narrowing = h('div', { class: 'review-filters' }, find, findBy, answered, labeler);
  const listed = () => filter === 'SUSPECTS' || filter === 'SIMILAR'; // a list the server ranks, not a status narrowed
  const narrowed = () => !listed() && !!(searched || answered.value || labeler.value);
  replace(root, h('div', { class: 'review-layout' },
    h('section', { class: 'panel' }, h('div', { class: 'row between wrap' }, h('h2', { text: 'Review' }), filterTabs), narrowing, listHost),
    h('section', { class: 'panel' }, detail)), overlayHost);

  const membersListed = get('/api/v1/projects/' + pid + '/members').then((m) => (m.items || []).forEach((x) => {
    members.set(x.userId, x.email || x.name || x.userId);
    labeler.append(h('option', { value: x.userId, text: 'labeled by ' + members.get(x.userId) }));
  })).catch(() => {});

  function drawFilters() {
    replace(filterTabs, ['TO_REVIEW', 'LABELED'].concat(suspectsJob ? ['SUSPECTS'] : [], similarTo ? ['SIMILAR'] : []).map((s) => {
      const n = s === 'SUSPECTS' ? (suspectIds ? suspectIds.length : null) : s === 'SIMILAR' ? null : counts[s] || 0;
      const b = h('button', { type: 'button', class: 'tab' + (s === filter ? ' active' : ''), id: 'review-filter-' + s.toLowerCase(),
        title: s === 'SUSPECTS' ? 'Labels that models trained without them contradict (confident learning)'
          : s === 'SIMILAR' ? similarTitle() : null },
        s === 'SIMILAR' ? ['Like ', h('bdi', { class: similarTo.words ? '' : 'mono', text: snippet(similarTo.words ? '“' + similarTo.words + '”' : similarTo.name, 16) })] : FILTER_NAMES[s],
        n === null ? null : [' ', h('span', { class: 'badge', text: String(n) })]);
      b.addEventListener('click', () => { filter = s; load(); });
      return b;
    }));
  }

  async function load() {
    drawFilters();
    narrowing.hidden = filter === 'SUSPECTS'; // the Similar list keeps the find box, for other words
    answered.hidden = labeler.hidden = listed();
    replace(listHost, h('p', { class: 'muted', text: 'Loading…' }));
    try {
      nextCursor = null;
      items = filter === 'SUSPECTS' ? await suspects() : filter === 'SIMILAR' ? await similar() : await page();
    } catch (e) {
      replace(listHost, errorBox(e, filter === 'SUSPECTS' ? 'Could not find the likely wrong labels'
        : filter === 'SIMILAR' ? 'Could not find ' + similarTitle() : 'Could not list assets'));
      replace(detail);
      return;
    }
    try {
      const m = await getOptional('/api/v1/projects/' + pid + '/inference-marks?limit=1000');
      marks = m === null ? null : new Map();
      for (const x of (m && m.items) || []) {
        if (typeof x.inferenceMark === 'number' && (!marks.has(x.assetId) || x.inferenceMark < marks.get(x.assetId))) marks.set(x.assetId, x.inferenceMark);
      }
    } catch { marks = null; }
    drawList();
    select(items.length ? 0 : -1);
  }

  /** The filter's status and the narrowing as query parameters. */
  function narrowingQuery(limit, cursor) {
    const q = new URLSearchParams({ status: filter, limit: String(limit) });
    if (searched) q.set('search', searched);
    if (answered.value) q.set('category', answered.value);
    if (labeler.value) q.set('labeledBy', labeler.value);
    if (cursor) q.set('cursor', cursor);
    return q;
  }

  /** The next 100 assets of the filter's status and the narrowing (the first ones without a cursor). */
  async function page() {
    const r = await get('/api/v1/projects/' + pid + '/assets?' + narrowingQuery(100, nextCursor));
    nextCursor = r.nextCursor || null;
    return r.items || [];
  }

  /**
   * Moves every asset the narrowed list holds (listed yet or not) to another status: labeled ones to review, ones
   * waiting for review back to the labeling queue, e.g. all that one labeler answered.
   */
  async function moveAllMatching() {
    const to = filter === 'LABELED' ? 'TO_REVIEW' : 'TODO';
    try {
      const ids = [];
      let cursor = null;
      do {
        const r = await get('/api/v1/projects/' + pid + '/assets?' + narrowingQuery(1000, cursor));
        (r.items || []).forEach((a) => ids.push(a.externalId));
        cursor = r.nextCursor || null;
      } while (cursor);
      const what = plural(ids.length, 'asset');
      if (!ids.length || !confirm(to === 'TODO' ? 'Send ' + what + ' back to the labeling queue? Their answers stay until someone answers again.'
        : 'Send ' + what + ' to review?')) return;
      let moved = 0;
      for (let i = 0; i < ids.length; i += 1000) {
        moved += (await patch('/api/v1/projects/' + pid + '/assets', { externalIds: ids.slice(i, i + 1000), status: to })).updated;
      }
      counts[filter] = Math.max(0, (counts[filter] || 0) - moved);
      counts[to] = (counts[to] || 0) + moved;
      toast(plural(moved, 'asset') + (to === 'TODO' ? ' sent back to the labeling queue' : ' sent to review'));
      load();
    } catch (e) {
      showError(e, 'Could not move them');
    }
  }

  let paging = null;
  /** Appends the next page to the list (once at a time). */
  function more() {
    if (!nextCursor || listed()) return Promise.resolve();
    paging = paging || page().then((next) => {
      const known = new Set(items.map((a) => a.id));
      items.push(...next.filter((a) => !known.has(a.id)));
      drawList();
    }).catch((e) => showError(e, 'Could not list more assets')).finally(() => { paging = null; });
    return paging;
  }

  /** Lists the assets with this text; an asset whose id it is comes first, whatever its status. */
  async function search(text) {
    searched = text;
    if (listed()) filter = statusBefore;
    await load();
    if (!text) return;
    try {
      const found = ((await get('/api/v1/projects/' + pid + '/assets?externalId=' + encodeURIComponent(text) + '&limit=1')).items || [])[0];
      if (!found) { if (!items.length) toast('No ' + filterName() + ' asset has ' + (hasFile ? 'the id ' : 'the text or id ') + text, 'error'); return; }
      const at = items.findIndex((a) => a.id === found.id);
      if (at >= 0) items.splice(at, 1);
      items.unshift(found);
      find.blur(); // the keys review it now
      select(0);
    } catch (e) {
      showError(e, 'Could not find ' + text);
    }
  }

  /** The likely wrong labels, most doubtful first, as list items whose asset is fetched when selected. */
  async function suspects() {
    const s = await get('/api/v1/projects/' + pid + '/quality/suspects?jobId=' + encodeURIComponent(suspectsJobId));
    suspectIds = (s.items || []).map((x) => x.externalId);
    suspectWithheld = s.withheld || null;
    suspectBasis = typeof s.outOfFoldAccuracy === 'number'
      ? 'Models that never saw a label agree with ' + percent(s.outOfFoldAccuracy) + ' of the ' + s.labeled + ' labels (5-fold cross-validation)' + (s.withheld ? '.' : '; these are the labels they contradict most.')
      : null;
    drawFilters();
    return (s.items || []).slice(0, 100).map((x) => ({ id: x.assetId, externalId: x.externalId, suspect: x }));
  }

  /** The assets most like the one chosen, of any status, most similar first. */
  async function similar() {
    const r = await get('/api/v1/projects/' + pid + '/similar?' + similarTo.query + '&limit=' + SIMILAR_LIMIT);
    comparedBy = r.comparedBy || null;
    return r.items || [];
  }

  function showSimilar() {
    if (index < 0 || busy) return;
    similarTo = { name: items[index].externalId || items[index].id, query: 'assetId=' + encodeURIComponent(items[index].id) };
    openSimilar();
  }

  /** Lists the texts closest in meaning to the words typed (their sentence vectors, the words embedded alike). */
  function searchMeaning(words) {
    if (!words) return;
    similarTo = { words, query: 'text=' + encodeURIComponent(words) };
    find.blur();
    openSimilar();
  }

  function openSimilar() {
    if (!listed()) statusBefore = filter;
    filter = 'SIMILAR';
    load();
  }

  const similarTitle = () => (similarTo.words ? 'the texts closest in meaning to “' + similarTo.words + '”' : 'the assets most like ' + similarTo.name);

  const filterName = () => FILTER_NAMES[filter].toLowerCase();
  const categoryName = (id) => (((suspectsJob && suspectsJob.content && suspectsJob.content.categories) || {})[id] || {}).name || id;
  const doubt = (x) => 'labeled ' + categoryName(x.given) + ', the model says ' + categoryName(x.suggested);

  async function sendSuspectsToReview() {
    try {
      // the labels listed, not a second cross-validation on the server that could list others
      const r = await post('/api/v1/projects/' + pid + '/quality/suspects/to-review', { jobId: suspectsJobId, externalIds: suspectIds });
      toast(plural(r.moved, 'likely wrong label') + ' sent to review');
      counts.TO_REVIEW = (counts.TO_REVIEW || 0) + r.moved;
      filter = 'TO_REVIEW';
      load();
    } catch (e) {
      showError(e, 'Could not send them to review');
    }
  }

  const basisNote = () => (filter === 'SUSPECTS' && suspectBasis ? h('p', { class: 'small muted', id: 'suspects-basis', text: suspectBasis })
    : filter === 'SIMILAR' && comparedBy ? h('p', { class: 'small muted', id: 'similar-basis',
      text: 'The ' + (similarTo.words ? plural(items.length, 'text') + ' closest in meaning to “' + similarTo.words + '”'
        : plural(items.length, 'asset') + ' most like ' + similarTo.name) + ', by their ' + comparedBy + ', most similar first.' })
      : null);

  /** Sends the labeled assets of the Similar list to review: the neighbours of a wrong label may share its mistake. */
  async function sendSimilarToReview() {
    const ids = items.filter((a) => a.status === 'LABELED').map((a) => a.externalId);
    try {
      const moved = (await patch('/api/v1/projects/' + pid + '/assets', { externalIds: ids, status: 'TO_REVIEW' })).updated;
      items.forEach((a) => { if (a.status === 'LABELED') a.status = 'TO_REVIEW'; });
      counts.LABELED = Math.max(0, (counts.LABELED || 0) - moved);
      counts.TO_REVIEW = (counts.TO_REVIEW || 0) + moved;
      toast(plural(moved, 'asset') + ' sent to review');
      drawFilters();
      select(index);
    } catch (e) {
      showError(e, 'Could not send them to review');
    }
  }

  function drawList() {
    if (!items.length) {
      const none = { TO_REVIEW: 'No asset waits for review.', LABELED: 'No labeled asset yet.',
        SUSPECTS: 'No label looks wrong: models trained without each label agree with it.', SIMILAR: 'No other asset to compare with.' };
      const text = narrowed() ? 'No ' + filterName() + ' asset matches.' : (filter === 'SUSPECTS' && suspectWithheld) || none[filter];
      replace(listHost, basisNote(), h('p', { class: 'empty', id: 'review-empty', text }));
      return;
    }
    const labeledNeighbours = filter === 'SIMILAR' ? items.filter((a) => a.status === 'LABELED').length : 0;
    const sendAll = filter === 'SUSPECTS'
      ? h('button', { type: 'button', class: 'secondary', id: 'suspects-to-review', onclick: () => sendSuspectsToReview() }, 'Send all to review')
      : labeledNeighbours ? h('button', { type: 'button', class: 'secondary', id: 'similar-to-review', onclick: () => sendSimilarToReview() },
        'Send ' + labeledNeighbours + ' labeled to review')
      : narrowed() ? h('button', { type: 'button', class: 'secondary', id: 'review-move-all', onclick: () => moveAllMatching() },
        filter === 'LABELED' ? 'Send all to review' : 'Send all back to labeling')
        : null;
    const list = h('ol', { class: 'asset-list' }, items.map((a, i) => {
      const li = h('li', { class: i === index ? 'current' : '', dataset: { assetId: a.id, externalId: a.externalId || '' } },
        h('button', { type: 'button', class: 'link' },
          project.inputType === 'IMAGE' ? h('img', { class: 'thumb', loading: 'lazy', alt: '',
            src: '/api/v1/projects/' + pid + '/assets/' + encodeURIComponent(a.id) + '/file' }) : null,
          h('bdi', { class: 'mono', text: a.externalId || a.id }), ' ',
          typeof a.similarity === 'number' ? [h('span', { class: 'badge', title: 'cosine similarity', text: Math.round(a.similarity * 100) + ' %' }), ' ',
            h('span', { class: 'badge', text: a.status }), ' '] : null,
          a.suspect ? h('span', { class: 'muted snippet', text: doubt(a.suspect) })
            : hasFile ? null : h('span', { class: 'muted snippet', dir: 'auto',
              text: snippet(project.inputType === 'TABULAR' ? rowSnippet(a.content) : String(a.content || ''), 80) })));
      li.firstChild.addEventListener('click', () => select(i));
      return li;
    }));
    const scrolled = listHost.querySelector('.asset-list');
    replace(listHost, basisNote(), sendAll, list, nextCursor && !listed()
      ? h('button', { type: 'button', class: 'link', id: 'review-more', onclick: () => more() },
        'Show more' + (!narrowed() && counts[filter] > items.length ? ' (' + (counts[filter] - items.length) + ' not listed yet)' : ''))
      : null);
    if (scrolled) list.scrollTop = scrolled.scrollTop; // redrawn on every move: keep the reader's place
    const current = list.children[index];
    if (current) current.scrollIntoView({ block: 'nearest' });
  }

  async function select(i) {
    index = i;
    if (i >= items.length - 5) more(); // the next page arrives before ↓ reaches the end
    editor = null;
    labels = null;
    base = null;
    drawList();
    if (i < 0) { replace(detail, h('p', { class: 'muted', text: 'Nothing selected.' })); return; }
    replace(detail, h('p', { class: 'muted', text: 'Loading labels…' }));
    try {
      if (items[i].suspect && items[i].content === undefined) {
        const found = (await get('/api/v1/projects/' + pid + '/assets?externalId=' + encodeURIComponent(items[i].externalId) + '&limit=1')).items || [];
        if (index !== i) return;
        if (found.length) items[i] = { ...found[0], suspect: items[i].suspect };
      }
    } catch (e) {
      replace(detail, errorBox(e, 'Could not load the asset'));
      return;
    }
    const asset = items[i];
    try {
      const page = await get('/api/v1/projects/' + pid + '/labels?assetId=' + encodeURIComponent(asset.id) + '&limit=100');
      if (index !== i) return;
      labels = page.items || [];
    } catch (e) {
      replace(detail, errorBox(e, 'Could not load the labels'));
      return;
    }
    const latest = (type) => labels.filter((l) => l.labelType === type && !l.skipped).reduce((a, b) => (!a || String(b.createdAt) >= String(a.createdAt) ? b : a), null);
    const human = latest('DEFAULT');
    const review = latest('REVIEW');
    const prediction = latest('PREDICTION');
    const inference = latest('INFERENCE');
    base = review || human;
    editor = createEditor({ project, asset, initial: base ? base.jsonResponse : {}, prediction: null });
    const mark = marks && marks.has(asset.id) ? marks.get(asset.id)
      : [prediction, inference, human].map((l) => l && (l.inferenceMark ?? l.mark)).find((m) => typeof m === 'number');
    const who = (l) => (l ? members.get(l.authorId) || l.authorId : '');
    replace(detail,
      h('div', { class: 'row between wrap' },
        h('h3', null, 'Asset ', h('bdi', { class: 'mono', text: asset.externalId || asset.id }), ' ', h('span', { class: 'badge', text: asset.status })),
        h('span', { class: 'small muted', text: (i + 1) + ' of ' + (narrowed() ? items.length + (nextCursor ? '+' : '') : Math.max(items.length, listed() ? 0 : counts[filter] || 0)) })),
      h('dl', { class: 'facts' },
        h('dt', { text: 'Labeler' }), h('dd', { id: 'review-labeler' }, human ? h('span', null, h('strong', { dir: 'auto', text: summarize(project, human.jsonResponse) }), ' — ' + who(human) + ', ' + fmtDate(human.createdAt) + (human.secondsToLabel ? ', ' + human.secondsToLabel + ' s' : '')) : 'no labeler answer'),
        review ? h('dt', { text: 'Reviewed' }) : null,
        review ? h('dd', null, h('strong', { dir: 'auto', text: summarize(project, review.jsonResponse) }), ' — ' + who(review)) : null,
        h('dt', { text: 'Model' }), h('dd', { id: 'review-model' }, prediction ? summarize(project, prediction.jsonResponse) + ' (' + (prediction.modelVersion || 'model') + ')' : inference ? summarize(project, inference.jsonResponse) + ' (inference ' + (inference.modelVersion || '') + ')' : 'none for this asset (models pre-annotate the assets that are still unlabeled when they train)'),
        asset.suspect ? h('dt', { text: 'Likely wrong' }) : null,
        asset.suspect ? h('dd', { id: 'review-suspect', class: 'bad', text: doubt(asset.suspect) + ' (models that did not learn from this label, 5-fold cross-validation)' }) : null,
        asset.isHoneypot ? h('dt', { text: 'Honeypot' }) : null,
        asset.isHoneypot ? h('dd', { id: 'review-honeypot', text: 'yes: labelers who are served it are scored against its newest review' }) : null,
        h('dt', { text: 'Inference mark' }), h('dd', { id: 'review-mark' }, typeof mark === 'number'
          ? h('span', { class: mark < 0.5 ? 'bad' : 'good', text: mark.toFixed(2) + (mark < 0.5 ? ' — model and labeler disagree' : ' — model agrees') })
          : h('span', { class: 'muted', text: marks === null ? 'not available on this server' : 'none yet (needs a model label and a human label)' }))),
      editor.el,
      h('div', { class: 'row wrap actions' },
        h('button', { type: 'button', id: 'review-accept', onclick: () => accept() }, 'Accept ', h('kbd', { text: 'A' })),
        h('button', { type: 'button', class: 'secondary', id: 'review-correct', onclick: () => correct() }, 'Save correction ', h('kbd', { text: '⏎' })),
        h('button', { type: 'button', class: 'danger', id: 'review-send-back', onclick: () => sendBack() }, 'Send back ', h('kbd', { text: 'B' })),
        isAdmin ? h('button', { type: 'button', class: 'secondary', id: 'review-honeypot-toggle', onclick: () => honeypot() },
          asset.isHoneypot ? 'Stop using as honeypot ' : 'Save as honeypot ', h('kbd', { text: 'H' })) : null,
        h('button', { type: 'button', class: 'secondary', id: 'review-similar', title: 'List the assets most like this one',
          onclick: () => showSimilar() }, 'Similar ', h('kbd', { text: 'M' })),
        h('span', { class: 'grow' }),
        instructions && instructions.button,
        h('button', { type: 'button', class: 'link', onclick: () => toggleHelp() }, h('kbd', { text: '?' }), ' shortcuts')),
      h('div', { id: 'review-status' }));
  }

  async function saveReview(jsonResponse, verb) {
    if (busy) return;
    const asset = items[index];
    busy = true;
    try {
      await post('/api/v1/projects/' + pid + '/labels', { assetId: asset.id, labelType: 'REVIEW', jsonResponse });
      toast(verb + ' ' + (asset.externalId || asset.id));
      done('REVIEWED');
    } catch (e) {
      const s = detail.querySelector('#review-status');
      if (s) replace(s, errorBox(e, 'Review not saved')); else showError(e);
    } finally {
      busy = false;
    }
  }

  function accept() {
    if (!editor) return;
    if (!base) { toast('There is no labeler answer to accept; correct it instead.', 'error'); return; }
    saveReview(base.jsonResponse, 'Accepted');
  }

  function correct() {
    if (!editor) return;
    const problem = editor.problem();
    if (problem) { replace(detail.querySelector('#review-status'), errorBox({ message: problem })); return; }
    saveReview(editor.response(), 'Corrected');
  }

  /** Saves the answer as a REVIEW label and makes the asset a honeypot with it; on a honeypot, stops that. */
  async function honeypot() {
    if (busy || !editor || !isAdmin) return;
    const asset = items[index];
    const problem = asset.isHoneypot ? null : editor.problem();
    if (problem) { replace(detail.querySelector('#review-status'), errorBox({ message: problem })); return; }
    busy = true;
    try {
      if (!asset.isHoneypot) await post('/api/v1/projects/' + pid + '/labels', { assetId: asset.id, labelType: 'REVIEW', jsonResponse: editor.response() });
      await post('/api/v1/projects/' + pid + '/quality/honeypots', { externalIds: [asset.externalId], isHoneypot: !asset.isHoneypot });
      toast(asset.isHoneypot ? (asset.externalId || asset.id) + ' is no longer a honeypot'
        : (asset.externalId || asset.id) + ' is a honeypot: labelers are scored against this answer');
      if (asset.isHoneypot) { asset.isHoneypot = false; select(index); } else done('REVIEWED');
    } catch (e) {
      showError(e, 'Could not change the honeypot');
    } finally {
      busy = false;
    }
  }

  async function sendBack() {
    if (busy || index < 0) return;
    const asset = items[index];
    busy = true;
    try {
      await patch('/api/v1/projects/' + pid + '/assets', { externalIds: [asset.externalId], status: 'TODO' });
      toast('Sent back ' + (asset.externalId || asset.id) + ' to the queue');
      done('TODO');
    } catch (e) {
      showError(e, 'Could not send back');
    } finally {
      busy = false;
    }
  }

  /** The current asset now has {@code status}: it leaves a status's list; the Similar list keeps it and moves on. */
  function done(status) {
    const st = items[index] && items[index].status;
    if (st && counts[st]) counts[st]--;
    counts[status] = (counts[status] || 0) + 1;
    if (filter === 'SIMILAR') {
      items[index].status = status;
      drawFilters();
      select(Math.min(index + 1, items.length - 1));
      return;
    }
    if (filter === 'SUSPECTS' && suspectIds) suspectIds = suspectIds.filter((id) => id !== items[index].externalId);
    items.splice(index, 1);
    drawFilters();
    if (!items.length && filter !== 'SUSPECTS' && (narrowed() ? nextCursor : counts[filter] > 0)) { load(); return; } // reviewed a whole page: the next one
    select(Math.min(index, items.length - 1));
  }

  let helpOpen = false;
  function toggleHelp(force) {
    helpOpen = force === undefined ? !helpOpen : force;
    replace(overlayHost, helpOpen ? helpOverlay(SHORTCUTS, () => toggleHelp(false)) : null);
  }

  function onKey(e) {
    if (isTyping(e) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (helpOpen) { if (e.key === 'Escape' || e.key === '?') { e.preventDefault(); toggleHelp(false); } return; }
    if (instructions && instructions.handleKey(e)) return;
    if (e.key === '?') { e.preventDefault(); toggleHelp(true); return; }
    if (editor && editor.handleKey(e)) { e.preventDefault(); return; }
    switch (e.key) {
      case 'ArrowDown': case 'j': if (index + 1 < items.length) { e.preventDefault(); select(index + 1); } break;
      case 'ArrowUp': case 'k': if (index > 0) { e.preventDefault(); select(index - 1); } break;
      case 'a': case 'A': e.preventDefault(); accept(); break;
      case 'Enter': e.preventDefault(); correct(); break;
      case 'b': case 'B': e.preventDefault(); sendBack(); break;
      case 'h': case 'H': e.preventDefault(); honeypot(); break;
      case 'm': case 'M': e.preventDefault(); showSimilar(); break;
      default:
    }
  }
  document.addEventListener('keydown', onKey);
  if (instructions) instructions.showIfNew();
  if (labeledBy) {
    await membersListed;
    if (!members.has(labeledBy)) labeler.append(h('option', { value: labeledBy, text: 'labeled by ' + labeledBy })); // a former member
    labeler.value = labeledBy;
  }
  await load();
  return () => document.removeEventListener('keydown', onKey);
}
