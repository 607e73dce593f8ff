#!/bin/bash
# Silero VAD pre-labels (issue 13) on fsdd: imports every clip of ../shared/datasets/fsdd (3,000 spoken digits: all
# speech) as one zip into an AUDIO project with categories SPEECH and SILENCE, no label, and waits for each clip's
# silero-vad PREDICTION; prints the share pre-labeled SPEECH, the clips' speech ratios (recovered from the predicted
# probability, SpeechVerdict's rule inverted) at a few percentiles, the seconds from import to the last pre-label, and
# the load; then the share a few other thresholds would give (the ratios are the same, only the rule's cut moves).
# Usage: bench/vad-prelabel.sh [FSDD_DIR]   (from the repository root)
set -euo pipefail
fsdd=$(realpath "${1:-../shared/datasets/fsdd}")
source bench/lib.sh
WITH_EMBEDDINGS=1 start_server
zip=$(mktemp --suffix .zip)
trap 'kill -TERM -- -$server 2>/dev/null; wait $server 2>/dev/null || true; rm -rf "$data" "$zip"; true' EXIT
python3 - "$fsdd/recordings" "$zip" <<'PY'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_STORED) as z:
    for f in sorted(os.listdir(sys.argv[1])):
        if f.endswith('.wav'): z.write(os.path.join(sys.argv[1], f), f)
PY
project=$(curl -fs -H "Authorization: Bearer $key" -H 'Content-Type: application/json' "$base/api/v1/projects" \
  -d '{"title":"vad","inputType":"AUDIO","jsonInterface":{"jobs":{"JOB_0":{"mlTask":"CLASSIFICATION","required":1,"content":{"input":"radio","categories":{"SPEECH":{},"SILENCE":{}}}}}}}' \
  | python3 -c 'import json,sys;print(json.load(sys.stdin)["id"])')
start=$(date +%s.%N)
curl -fs -o /dev/null -H "Authorization: Bearer $key" "$base/api/v1/projects/$project/assets" -F "file=@$zip;type=application/zip"
python3 - "$base" "$key" "$project" "$start" <<'PY'
import json, sys, time, urllib.request
base, key, project, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
def get(path):
    req = urllib.request.Request(base + path, headers={'Authorization': 'Bearer ' + key})
    return json.load(urllib.request.urlopen(req))
while True:
    items, cursor = [], None
    while True:
        page = get(f'/api/v1/projects/{project}/labels?type=PREDICTION&limit=1000' + (f'&cursor={cursor}' if cursor else ''))
        items += page['items']; cursor = page.get('nextCursor')
        if not cursor: break
    if len(items) >= 3000: break
    if time.time() - start > 900: sys.exit(f'only {len(items)} pre-labels after 15 minutes')
    time.sleep(2)
seconds = time.time() - start
assert all(l['modelVersion'] == 'silero-vad' for l in items)
t, gain = 0.2, 0.45  # SpeechVerdict.MIN_SPEECH_RATIO and MAX_CONFIDENCE - 0.5
ratios = []
for l in items:
    p = l['jsonResponse']['JOB_0']['probabilities']['SPEECH']
    ratios.append(t + (p - 0.5) / gain * (1 - t) if p >= 0.5 else t - (0.5 - p) / gain * t)
ratios.sort()
speech = sum(1 for l in items if l['jsonResponse']['JOB_0']['categories'][0]['name'] == 'SPEECH')
pct = ' '.join(f'p{q}={ratios[min(len(ratios) - 1, len(ratios) * q // 100)]:.3f}' for q in (1, 5, 10, 25, 50))
print(f'fsdd clips={len(items)} speech={speech} share_speech={speech / len(items):.4f} speech_ratio {pct} '
      f'seconds_to_last_prelabel={seconds:.1f}')
print('share_speech_if_threshold ' + ' '.join(f'{x}={sum(1 for r in ratios if r >= x - 1e-6) / len(ratios):.4f}'
      for x in (0.05, 0.1, 0.2, 0.3, 0.5)) + f' ratio_zero={sum(1 for r in ratios if r < 1e-6) / len(ratios):.4f}')
PY
echo "load=[$(cut -d' ' -f1-3 /proc/loadavg)]"
