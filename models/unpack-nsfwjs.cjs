// Turns nsfwjs' browserified model files (model.min.js + group1-shard*.min.js, weights as base64) into the plain
// TF.js layout (model.json + binary shards) that the converter and TF.js itself read.
// usage: node unpack-nsfwjs.cjs PACKAGE_DIR/dist/models/mobilenet_v2 OUT_DIR
const fs = require('fs');
const path = require('path');
const [src, out] = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
const model = require(path.resolve(src, 'model.min.js'));
for (const group of model.weightsManifest) {
  group.paths = group.paths.map((p) => {
    const b64 = require(path.resolve(src, p + '.min.js'));
    fs.writeFileSync(path.join(out, p + '.bin'), Buffer.from(b64, 'base64'));
    return p + '.bin';
  });
}
fs.writeFileSync(path.join(out, 'model.json'), JSON.stringify(model));
