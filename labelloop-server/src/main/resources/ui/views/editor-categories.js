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

/** The key of the i-th category: 1–9, then 0 for the tenth; later ones have none (they are found by typing). */
export function categoryKey(i) {
  return i < 9 ? String(i + 1) : i === 9 ? '0' : '';
}

/** The index of the category a key picks (1 → 0, 0 → 9), or -1 for any other key. */
export function categoryIndexOfKey(key) {
  return /^[0-9]$/.test(key) ? (key === '0' ? 9 : Number(key) - 1) : -1;
}

/** The keys of a job's n categories, as the help and the error messages say them. */
export function categoryKeys(n) {
  return n <= 1 ? '1' : n <= 9 ? '1–' + n : '1–9, 0';
}

/** The button of the i-th category c: its key, its name and its colour; attrs add the rest. */
export function categoryButton(c, i, attrs, ...extra) {
  const color = safeColor(c.color, c.index);
  const b = h('button', { type: 'button', ...attrs, tabindex: '-1' },
    h('kbd', { text: categoryKey(i) }), h('span', { class: 'cat-name', dir: 'auto', text: c.name }), ...extra);
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
