// A job's categories as the editor shows them: each one's colour, its button with its key (1–9, then 0), and for a
// job with more categories than keys a box that finds one by typing.
import { h, safeColor, inkFor } from '../dom.js';

/** The job's category with this id; an unknown id stands for itself. */
export function categoryOf(job, id) {
  return job.categories.find((c) => c.id === id) || { id, name: id, index: 0 };
}

export function colorOf(job, id) {
  const c = categoryOf(job, id);
  return safeColor(c.color, c.index);
}

/**
 * The keys of a job's categories: 1–9, then 0, by position; later ones have none (they are found by typing). A job
 * whose categories are all named by distinct digits (spoken digits, star ratings) keeps each name as its key, so that
 * "3" never picks the category named "2".
 */
export function categoryKeys(job) {
  const names = job.categories.map((c) => String(c.name || '').trim());
  const digits = names.every((n) => /^[0-9]$/.test(n)) && new Set(names).size === names.length;
  return digits ? names : names.map((_, i) => (i < 9 ? String(i + 1) : i === 9 ? '0' : ''));
}

/** The index of the job's category a key picks, or -1 for any other key. */
export function categoryIndexOfKey(job, key) {
  return /^[0-9]$/.test(key) ? categoryKeys(job).indexOf(key) : -1;
}

/** The keys of a job's categories as the help and the error messages say them: "1–5", "1–9, 0", "0–9". */
export function keysInWords(job) {
  const keys = categoryKeys(job).filter(Boolean);
  const run = (ks) => ks.length > 2 && ks.every((k, i) => i === 0 || Number(k) === Number(ks[i - 1]) + 1);
  if (run(keys)) return keys[0] + '–' + keys.at(-1);
  if (keys.at(-1) === '0' && run(keys.slice(0, -1))) return keys[0] + '–' + keys.at(-2) + ', 0';
  return keys.join(', ');
}

/** The button of a job's i-th category: its key, its name and its colour; attrs add the rest. */
export function categoryButton(job, i, attrs, ...extra) {
  const c = job.categories[i];
  const color = safeColor(c.color, c.index);
  const b = h('button', { type: 'button', ...attrs, tabindex: '-1' },
    h('kbd', { text: categoryKeys(job)[i] }), h('span', { class: 'cat-name', dir: 'auto', text: c.name }), ...extra);
  b.style.setProperty('--cat', color);
  b.style.setProperty('--cat-ink', inkFor(color));
  return b;
}

/** Whether a job has categories no key reaches, so that its panel gets a {@link categoryFilter}. */
export const needsFilter = (job) => job.categories.length > 10;

/**
 * A search box over a job's category buttons (aligned with job.categories): typing hides the categories whose name
 * or id does not contain the text, Enter picks the one outlined (pick(categoryId)), Escape clears the box; / focuses it
 * (editor.js). onFocus tells the editor that this job is the active one.
 */
export function categoryFilter(job, buttons, pick, onFocus) {
  const input = h('input', {
    type: 'search', class: 'cat-filter', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'Find a category: press / and type, Enter picks the one outlined',
    'aria-label': 'Find a category of ' + job.instruction,
  });
  // Enter's pick: the first category with a word that starts with the text ("c" is Card lost, not Balance), else
  // the first that contains it
  const startsAWord = (name, q) => name.toLowerCase().split(/[\s\-_/.]+/).some((w) => w.startsWith(q));
  const first = () => {
    const q = input.value.trim().toLowerCase();
    const shown = q ? buttons.filter((b) => !b.hidden) : [];
    return shown.find((b) => startsAWord(job.categories[buttons.indexOf(b)].name, q)) || shown[0];
  };
  function narrow() {
    const q = input.value.trim().toLowerCase();
    buttons.forEach((b, i) => {
      const c = job.categories[i];
      b.hidden = !!q && !c.name.toLowerCase().includes(q) && !c.id.toLowerCase().includes(q);
      b.classList.remove('first-match');
    });
    const f = first();
    if (f) f.classList.add('first-match');
  }
  input.addEventListener('input', narrow);
  input.addEventListener('focus', onFocus);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      const f = first();
      if (!f) return;
      input.blur();
      pick(f.dataset.category);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      input.value = '';
      narrow();
      input.blur();
    }
  });
  return input;
}
