// The player of an AUDIO asset: the browser's own controls, plus play/pause for the P shortcut.
import { h, toast } from '../dom.js';

export function createAudioPlayer(src) {
  const audio = h('audio', { controls: true, preload: 'metadata', src, id: 'asset-audio' });
  const problem = h('p', { class: 'error-box', hidden: true, text: 'The audio file could not be loaded.' });
  audio.addEventListener('error', () => { problem.hidden = false; });
  const el = h('div', { class: 'asset-media asset-audio' }, audio,
    h('p', { class: 'small muted' }, h('kbd', { text: 'P' }), ' plays or pauses'), problem);
  return {
    el,
    toggle() {
      // a pause before playback starts rejects play() with AbortError: that is the labeler's choice, not a failure
      if (!audio.paused) {
        audio.pause();
        return;
      }
      audio.play().catch((e) => {
        if (e.name !== 'AbortError') toast('The audio cannot play: ' + e.message, 'error');
      });
    },
  };
}
