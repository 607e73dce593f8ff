// Records what TF.js itself computes for a model on a deterministic input, so a JVM test can check the converted ONNX
// file against it without Node. Run from a folder where @tensorflow/tfjs is installed (see README.md).
// usage: node tfjs-reference.cjs MODEL_DIR SHAPE(e.g. 1,224,224,3) OUT.json OUTPUT[/mean] ...
// The input is the same formula as ShippedModelsTest.input(): exact in double in both languages, then rounded to float.
const tf = require('@tensorflow/tfjs');
const fs = require('fs');
const path = require('path');
const [dir, shapeArg, out, ...outputs] = process.argv.slice(2);
const shape = shapeArg.split(',').map(Number);

function input(shape) {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = new Float32Array(n);
  const w = shape[shape.length - 2], c = shape[shape.length - 1];
  for (let i = 0; i < n; i++) {
    const noise = Number((BigInt(i) * 2654435761n) & 0xFFFFFFFFn) >>> 24;
    const x = Math.floor(i / c) % w, y = Math.floor(i / (c * w)), ch = i % c;
    v[i] = (noise + ((x + 2 * y + 40 * ch) % 256)) / 510;
  }
  return tf.tensor(v, shape);
}

async function main() {
  const json = JSON.parse(fs.readFileSync(path.join(dir, 'model.json')));
  const buffers = json.weightsManifest.flatMap((g) => g.paths.map((p) => fs.readFileSync(path.join(dir, p))));
  const data = Buffer.concat(buffers);
  const handler = { load: async () => ({
    modelTopology: json.modelTopology, format: json.format,
    weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
    weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }) };
  const x = input(shape);
  const names = outputs.map((o) => o.replace(/\/mean$/, ''));
  let results;
  if (json.format === 'graph-model') {
    const m = await tf.loadGraphModel(handler);
    results = m.execute(x, names);
    if (!Array.isArray(results)) results = [results];
  } else {
    const m = await tf.loadLayersModel(handler);
    const sub = tf.model({ inputs: m.inputs, outputs: names.map((n) => m.getLayer(n).output) });
    results = sub.predict(x);
    if (!Array.isArray(results)) results = [results];
  }
  const record = { backend: tf.getBackend(), tfjs: tf.version.tfjs, shape, outputs: {} };
  outputs.forEach((o, k) => {
    let t = results[k];
    // graph models keep NCHW inside; layers models are NHWC: average the spatial axes of each
    if (o.endsWith('/mean')) t = json.format === 'graph-model' ? t.mean([2, 3]) : t.mean([1, 2]);
    const values = Array.from(t.dataSync());
    const stride = Math.max(1, Math.floor(values.length / 2000));
    record.outputs[o] = { shape: t.shape, stride, values: values.filter((_, i) => i % stride === 0) };
  });
  fs.writeFileSync(out, JSON.stringify(record));
}
main();
