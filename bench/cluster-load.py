#!/usr/bin/env python3
"""Labelers for bench/cluster.sh: each its own user and key, spread over the servers, with think time; a labeler whose
server stops answering goes to another one, as behind a load balancer. Kills the first server (SIGKILL to its process
group) halfway, then checks every acknowledged label against the database through the surviving server.

Usage: cluster-load.py PROJECT ADMIN_KEY KILL_PGID SECONDS LABELERS URL...
Prints: served=N double_served=N lost_acknowledged=N trainings_per_trigger=N p99_ms=N
"""
import json, os, random, signal, sys, threading, time, urllib.error, urllib.request

project, admin_key, kill_pgid, seconds, labelers = sys.argv[1], sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
urls = sys.argv[6:]
alive = list(urls)
lock = threading.Lock()


def call(base, key, method, path, body=None, timeout=30):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        raw = r.read()
        return r.status, (json.loads(raw) if raw else None)


def any_server(key, method, path, body=None):
    """Calls one live server; a refused connection marks it dead and the call goes to the next (a load balancer)."""
    while True:
        with lock:
            if not alive:
                raise RuntimeError("no server answers")
            base = alive[0]
        try:
            return call(base, key, method, path, body)
        except urllib.error.HTTPError:
            raise
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            with lock:
                if base in alive and len(alive) > 1:
                    alive.remove(base)
                    alive.append(base)
            time.sleep(0.2)


# One user, key and LABELER membership per labeler.
run = str(int(time.time()))
keys, user_of_key = [], {}
for i in range(labelers):
    _, u = any_server(admin_key, "POST", "/api/v1/users",
                      {"email": f"cluster-{run}-{i}@bench.invalid", "name": f"labeler {i}", "password": os.urandom(12).hex()})
    _, k = any_server(admin_key, "POST", f"/api/v1/users/{u['id']}/api-keys", {"name": "cluster"})
    any_server(admin_key, "POST", f"/api/v1/projects/{project}/members", {"userId": u["id"], "role": "LABELER"})
    keys.append(k["key"])
    user_of_key[k["key"]] = str(u["id"])
_, proj = any_server(admin_key, "GET", f"/api/v1/projects/{project}")
job, content = next(iter(proj["jsonInterface"]["jobs"].items()))
first, second = list(content["content"]["categories"])[:2]


def answer(text):
    """The texts say good or bad (see bench/cluster.sh): two classes, so each retrain has something to learn."""
    return {job: {"categories": [{"name": first if "good" in text else second}]}}

served = {}  # asset id -> set of labelers it was handed to
acknowledged = []  # (asset id, user id) for every label answered 2xx
latencies_ms = []
errors = []
end = time.time() + seconds


def labeler(i):
    key = keys[i]
    home = urls[i % len(urls)]
    rnd = random.Random(i)
    time.sleep(rnd.uniform(0, 1.0))

    def send(method, path, body=None):
        nonlocal home
        try:
            return call(home, key, method, path, body)
        except urllib.error.HTTPError:
            raise
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            with lock:
                if home in alive and len(alive) > 1:
                    alive.remove(home)
                home = alive[0]
            time.sleep(0.2)
            return send(method, path, body)

    while time.time() < end:
        try:
            t0 = time.time()
            status, asset = send("GET", f"/api/v1/projects/{project}/queue/next")
            if status != 200 or not asset:
                return  # the queue is empty
            with lock:
                served.setdefault(asset["id"], set()).add(i)
            send("POST", f"/api/v1/projects/{project}/labels",
                 {"assetId": asset["id"], "labelType": "DEFAULT", "jsonResponse": answer(asset["content"])})
            with lock:
                acknowledged.append((asset["id"], user_of_key[key]))
                latencies_ms.append((time.time() - t0) * 1000)
        except urllib.error.HTTPError as e:
            with lock:
                errors.append(f"{e.code} {e.read()[:200]!r}")
        time.sleep(rnd.uniform(0.5, 1.5))


threads = [threading.Thread(target=labeler, args=(i,)) for i in range(labelers)]
for t in threads:
    t.start()
time.sleep(seconds / 2)
os.killpg(kill_pgid, signal.SIGKILL)
with lock:  # the load balancer's health check takes it out; labelers on it find out on their next call
    if urls[0] in alive:
        alive.remove(urls[0])
print(f"killed the server of process group {kill_pgid} after {seconds / 2:.0f} s", file=sys.stderr)
for t in threads:
    t.join()

# Every acknowledged label must be in the database: read them back through the surviving server's export.
with lock:
    base = alive[0]
req = urllib.request.Request(f"{base}/api/v1/projects/{project}/export?format=jsonl", headers={"Authorization": "Bearer " + admin_key})
stored = set()
with urllib.request.urlopen(req, timeout=300) as r:
    for line in r:
        a = json.loads(line)
        for label in a["labels"]:
            if label["labelType"] == "DEFAULT":
                stored.add((a["id"], label["authorId"]))
lost = sum(1 for ack in acknowledged if ack not in stored)
double = sum(1 for who in served.values() if len(who) > 1)
_, jobs = any_server(admin_key, "GET", f"/api/v1/projects/{project}/training-jobs?limit=1000")
jobs = jobs["items"] if isinstance(jobs, dict) else jobs
_, models = any_server(admin_key, "GET", f"/api/v1/projects/{project}/models")
models = models["items"] if isinstance(models, dict) else models
finished = [j for j in jobs if j["status"] not in ("QUEUED", "RUNNING")]
finished_ids = {str(j["id"]) for j in finished}
trained = sum(1 for m in models if str(m.get("trainingJobId")) in finished_ids)
statuses = {}
for j in jobs:
    statuses[j["status"]] = statuses.get(j["status"], 0) + 1
lat = sorted(latencies_ms)
p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0
print(f"training jobs: {len(jobs)} {statuses}, models from them: {trained}; http errors: {len(errors)} {errors[:3]}",
      file=sys.stderr)
print(f"served={len(acknowledged)} double_served={double} lost_acknowledged={lost} "
      f"trainings_per_trigger={round(trained / len(finished), 2) if finished else 0} p99_ms={round(p99)}")
