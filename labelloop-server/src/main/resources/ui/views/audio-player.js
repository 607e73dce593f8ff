// The player of an AUDIO asset: the browser's own controls, the clip's waveform (where the sound is, how long it
// lasts; scaled to its loudest sample; a click plays from there), plus play/pause for the P shortcut.
import { h, toast } from '../dom.js';

/** Files up to this size get a waveform: decoding holds every sample of the clip in memory. */
const WAVEFORM_MAX_BYTES = 10 * 1024 * 1024;
/** Columns of the waveform's peaks, drawn scaled to the canvas's width. */
const COLUMNS = 800;

export function createAudioPlayer(src) {
  const audio = h('audio', { controls: true, preload: 'metadata', src, id: 'asset-audio' });
  const wave = h('canvas', { class: 'waveform', id: 'asset-waveform', hidden: true, title: 'Click to play from there' });
  const problem = h('p', { class: 'error-box', hidden: true, text: 'The audio file could not be loaded.' });
  audio.addEventListener('error', () => { problem.hidden = false; });
  // the player's own clock reads 0:00 for a clip under a second (a spoken digit): its length in words beside it
  const length = h('span', { id: 'asset-audio-length' });
  audio.addEventListener('loadedmetadata', () => {
    const d = audio.duration;
    if (Number.isFinite(d)) length.textContent = (d < 60 ? d.toFixed(d < 10 ? 2 : 1) + ' s' : Math.floor(d / 60) + ' min ' + Math.round(d % 60) + ' s') + ' · ';
  });
  const el = h('div', { class: 'asset-media asset-audio' }, wave, audio,
    h('p', { class: 'small muted' }, length, h('kbd', { text: 'P' }), ' plays or pauses'), problem);

  let peaks = null; // [min, max] of each column
  let seconds = 0;
  const position = () => (seconds ? Math.min(1, audio.currentTime / seconds) : 0);

  function draw() {
    if (!peaks || !wave.isConnected) return;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(wave.clientWidth * ratio)), height = Math.max(1, Math.round(wave.clientHeight * ratio));
    if (wave.width !== width || wave.height !== height) { wave.width = width; wave.height = height; }
    const g = wave.getContext('2d');
    const played = position() * width, mid = height / 2;
    g.clearRect(0, 0, width, height);
    for (let x = 0; x < width; x++) {
      const [lo, hi] = peaks[Math.min(COLUMNS - 1, Math.floor((x / width) * COLUMNS))];
      g.fillStyle = x < played ? '#3457d5' : '#9aa4c7';
      g.fillRect(x, mid - hi * mid, 1, Math.max(1, (hi - lo) * mid));
    }
    g.fillStyle = '#c62f3c';
    g.fillRect(Math.min(width - 2 * ratio, played), 0, 2 * ratio, height);
  }

  function follow() {
    draw();
    if (!audio.paused && wave.isConnected) requestAnimationFrame(follow);
  }

  async function load() {
    const abort = new AbortController();
    const res = await fetch(src, { signal: abort.signal });
    if (!res.ok || Number(res.headers.get('Content-Length') || 0) > WAVEFORM_MAX_BYTES) { abort.abort(); return; }
    const bytes = await res.arrayBuffer();
    if (bytes.byteLength > WAVEFORM_MAX_BYTES) return;
    const clip = await new OfflineAudioContext(1, 1, 8000).decodeAudioData(bytes);
    const samples = clip.getChannelData(0), step = samples.length / COLUMNS;
    peaks = Array.from({ length: COLUMNS }, (_, c) => {
      let lo = 0, hi = 0;
      for (let i = Math.floor(c * step), end = Math.min(samples.length, Math.floor((c + 1) * step)); i < end; i++) {
        if (samples[i] < lo) lo = samples[i]; else if (samples[i] > hi) hi = samples[i];
      }
      return [lo, hi];
    });
    // scaled to the clip's loudest sample, so a quiet recording shows where its sound is
    const loudest = peaks.reduce((m, [lo, hi]) => Math.max(m, -lo, hi), 0);
    if (loudest > 0) peaks = peaks.map(([lo, hi]) => [lo / loudest, hi / loudest]);
    seconds = clip.duration;
    wave.dataset.seconds = seconds.toFixed(3);
    wave.hidden = false;
    draw();
  }
  // no waveform is no loss: the player plays what the browser can decode either way
  load().catch(() => {});

  wave.addEventListener('click', (e) => {
    const r = wave.getBoundingClientRect();
    audio.currentTime = ((e.clientX - r.left) / r.width) * seconds;
    draw();
  });
  audio.addEventListener('play', follow);
  audio.addEventListener('seeked', draw);
  new ResizeObserver(draw).observe(wave);

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
