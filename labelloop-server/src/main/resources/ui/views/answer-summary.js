// A jsonResponse in words, for people: a one-line summary of an answer and the model's confidence in it.
import { jobsOf } from './project-tabs.js';
import { plural } from '../dom.js';

/** Kili confidences are 0–100; some models send 0–1. Returns a probability or null. */
export function confidenceOf(item) {
  const c = item && item.confidence;
  if (typeof c !== 'number' || Number.isNaN(c)) return null;
  return c <= 1 ? c : c / 100;
}

/** A probability for people: never "100 %" or "0 %" for one that is neither. */
export function percent(p) {
  const r = Math.round(100 * p);
  return (r === 100 && p < 1 ? '> 99' : r === 0 && p > 0 ? '< 1' : String(r)) + ' %';
}

/** A one-line summary of a jsonResponse, for the review screen and the history. */
export function summarize(project, jsonResponse) {
  if (!jsonResponse) return '—';
  const jobs = jobsOf(project);
  const parts = [];
  for (const job of jobs) {
    const r = jsonResponse[job.id];
    if (!r) continue;
    const name = (id) => (job.categories.find((c) => c.id === id) || { name: id }).name;
    if (job.mlTask === 'CLASSIFICATION') {
      const cats = (r.categories || []).map((c) => name(c.name) + (confidenceOf(c) !== null ? ' (' + percent(confidenceOf(c)) + ')' : ''));
      parts.push((jobs.length > 1 ? job.instruction + ': ' : '') + (cats.join(', ') || '—'));
    } else if (job.mlTask === 'NAMED_ENTITIES_RECOGNITION') {
      const anns = (r.annotations || []).map((a) => '“' + (a.content || '') + '” ' + name(((a.categories || [])[0] || {}).name));
      parts.push((jobs.length > 1 ? job.instruction + ': ' : '') + (anns.join(' · ') || 'no entities'));
    } else if (job.mlTask === 'OBJECT_DETECTION') {
      const boxes = (r.annotations || []).map((a) => name(((a.categories || [])[0] || {}).name));
      parts.push((jobs.length > 1 ? job.instruction + ': ' : '') + (boxes.length ? plural(boxes.length, 'box', 'boxes') + ': ' + boxes.join(', ') : 'no boxes'));
    }
  }
  return parts.join(' | ') || '—';
}

/** Whether two jsonResponses give the same answer (the same categories and spans or boxes), confidences aside. */
export function sameAnswer(a, b) {
  const key = (r) => JSON.stringify(Object.keys(r || {}).sort().map((job) => {
    const { categories = [], annotations = [] } = r[job] || {};
    return [job, categories.map((c) => c.name).sort(),
      annotations.map((x) => [((x.categories || [])[0] || {}).name, x.beginOffset, x.content, x.boundingPoly]).map((x) => JSON.stringify(x)).sort()];
  }));
  return key(a) === key(b);
}
