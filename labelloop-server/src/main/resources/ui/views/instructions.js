// A project's instructions for its labelers, on the labeling and review screens: an overlay opened by its button or
// key I, and by itself the first time a person opens the screen after the instructions changed.
import { h, replace } from '../dom.js';

const WEB_ADDRESS = /(https?:\/\/[^\s<>"]+)/;

/** The plain text as paragraphs, its web addresses as links: nothing in it is markup. */
function paragraphs(text) {
  return text.split(/\n\s*\n/).map((p) => h('p', { class: 'instructions-text', dir: 'auto' },
    p.split(WEB_ADDRESS).map((part, i) => (i % 2 ? h('a', { href: part, target: '_blank', rel: 'noopener noreferrer', text: part }) : part))));
}

/** A short fingerprint of the text, to know whether this browser has shown this version. */
function fingerprint(text) {
  let x = 0;
  for (let i = 0; i < text.length; i++) x = (Math.imul(x, 31) + text.charCodeAt(i)) | 0;
  return text.length + ':' + x;
}

/**
 * The instructions' button and overlay (drawn into {@code host}); null when the project has none. {@code handleKey}
 * takes I (open or close) and, while open, every other key (Escape closes).
 */
export function projectInstructions(project, host) {
  const text = (project.instructions || '').trim();
  if (!text) return null;
  const seenKey = 'labelloop.instructions.' + project.id;
  let open = false;
  function toggle(force) {
    open = force === undefined ? !open : force;
    replace(host, open ? h('div', { class: 'overlay', id: 'instructions-overlay', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Instructions' },
      h('div', { class: 'overlay-box' }, h('h2', { text: 'Instructions' }), paragraphs(text),
        h('button', { type: 'button', class: 'secondary', id: 'instructions-close', onclick: () => toggle(false) }, 'Close (Esc)'))) : null);
  }
  const button = h('button', { type: 'button', class: 'link', id: 'instructions-button', onclick: () => toggle() },
    h('kbd', { text: 'I' }), ' instructions');
  return {
    button,
    /** Whether the key was the instructions' to handle. */
    handleKey(e) {
      const isI = e.key === 'i' || e.key === 'I';
      if (open) {
        if (e.key === 'Escape' || isI) { e.preventDefault(); toggle(false); }
        return true;
      }
      if (isI) { e.preventDefault(); toggle(true); }
      return isI;
    },
    /** Opens the overlay when this browser has not shown these instructions yet. */
    showIfNew() {
      try {
        if (localStorage.getItem(seenKey) === fingerprint(text)) return;
        localStorage.setItem(seenKey, fingerprint(text));
      } catch { /* storage refused (private mode): show them every time */ }
      toggle(true);
    },
  };
}
