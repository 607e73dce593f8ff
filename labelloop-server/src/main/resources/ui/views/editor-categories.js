// A job's categories as the editor shows them: each one's colour, and its button with its 1–9 key.
import { h, safeColor, inkFor } from '../dom.js';

/** The job's category with this id; an unknown id stands for itself. */
export function categoryOf(job, id) {
  return job.categories.find((c) => c.id === id) || { id, name: id, index: 0 };
}

export function colorOf(job, id) {
  const c = categoryOf(job, id);
  return safeColor(c.color, c.index);
}

/** The button of the i-th category c: its key (the first nine have one), its name and its colour; attrs add the rest. */
export function categoryButton(c, i, attrs, ...extra) {
  const color = safeColor(c.color, c.index);
  const b = h('button', { type: 'button', ...attrs, tabindex: '-1' },
    h('kbd', { text: i < 9 ? String(i + 1) : '' }), h('span', { class: 'cat-name', dir: 'auto', text: c.name }), ...extra);
  b.style.setProperty('--cat', color);
  b.style.setProperty('--cat-ink', inkFor(color));
  return b;
}
