// Object-detection jobs: boxes over the asset's image, drawn by the box layer of image-editor.js. A drag draws a box as
// the highlighted category of the active object-detection job (or of the first); a click selects a box.
import { h, toast, plural } from '../dom.js';
import { confidenceOf, percent } from './answer-summary.js';
import { createBoxLayer, boxOf, annotationOf } from './image-editor.js';
import { categoryOf, colorOf } from './editor-categories.js';
import { markKind, markJob, markPanel, markState } from './editor-marks.js';

/** The object-detection kind of job (the interface of a kind is described in editor.js). */
export const boxesJob = {
  ...markKind,

  init(job, r, { fromModel }) {
    const known = new Set(job.categories.map((c) => c.id));
    const boxes = [];
    for (const a of r.annotations || []) {
      const cat = ((a.categories || [])[0] || {}).name;
      const box = boxOf(a);
      if (known.has(cat) && box) boxes.push({ ...box, cat, model: fromModel, conf: confidenceOf((a.categories || [])[0]) ?? confidenceOf(a) });
    }
    return markState(job, boxes);
  },

  hint: () => 'boxes',

  body: (job, ed, ji) => markPanel(job, ed, ji, {
    describe: (b) => h('span', null, 'Selected: a box as ', h('strong', { text: categoryOf(job, b.cat).name }), b.model ? ' (model)' : ''),
    hint: plural(ed.state[job.id].marks.length, 'box', 'boxes') + '. Drag on the image to draw a box as the highlighted category; click a box to change it.',
    toolsId: 'box-tools', removeId: 'remove-box',
  }),

  response: (job, st) => ({ annotations: st.marks.map((b) => annotationOf(b, b.cat)) }),
};

/** The image at src with the boxes of the editor's object-detection jobs, as {el, draw(), cancel(), handleKey(e)}. */
export function createBoxView(ed, src) {
  const boxJobs = ed.jobs.filter((j) => j.mlTask === 'OBJECT_DETECTION');
  let drawn = [];
  const layer = createBoxLayer({ src, onDraw: boxFromDrag, onPick: pickBox, draftColor, dragPans: !boxJobs.length });

  function draftColor() {
    const job = markJob(ed, boxJobs);
    return job && ed.state[job.id].activeCat ? colorOf(job, ed.state[job.id].activeCat) : '#1d2330';
  }

  function draw() {
    drawn = [];
    for (const job of boxJobs) {
      ed.state[job.id].marks.forEach((b, i) => {
        const cat = categoryOf(job, b.cat);
        const conf = b.conf !== null && b.conf !== undefined ? percent(b.conf) : 'model';
        drawn.push({
          x0: b.x0, y0: b.y0, x1: b.x1, y1: b.y1, category: b.cat, color: colorOf(job, b.cat), model: b.model,
          name: cat.name + (b.model ? ' · ' + conf : ''),
          title: cat.name + (b.model ? ' (model suggestion' + (conf === 'model' ? '' : ', ' + conf + ' confident') + ')' : '') + ' — click to relabel or remove',
          selected: !!ed.selected && ed.selected.job === job && ed.selected.index === i,
          job, index: i,
        });
      });
    }
    layer.draw(drawn);
  }

  function boxFromDrag(box) {
    if (!boxJobs.length) { toast('This project has no object-detection job: boxes cannot be drawn.', 'error'); return; }
    const job = markJob(ed, boxJobs);
    const st = ed.state[job.id];
    if (!st.activeCat) { toast('This job has no categories', 'error'); return; }
    st.marks.push({ ...box, cat: st.activeCat, model: false, conf: null });
    ed.selected = null;
    ed.active = ed.jobs.indexOf(job);
    ed.changed();
  }

  /** i indexes the boxes last drawn; null is a click beside every box, which deselects. */
  function pickBox(i) {
    const hit = i === null ? null : drawn[i];
    if (hit) ed.select(hit.job, hit.index); else ed.select(null);
  }

  return { el: layer.el, draw, cancel: layer.cancel, handleKey: layer.handleKey };
}
