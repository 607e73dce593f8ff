"""How often "Similar" finds assets of the same class: for QUERIES assets drawn at random (seed 7) of each data set, the
share of their 10 most similar assets (GET /assets/{id}/similar) that carry the query's label, beside the share a
random pick would give (the sum of squared class shares), and the call's latency at the project's size. For BBC
News, also a search by meaning for each topic's name ("sport", ...): the share of the 20 texts found of that topic.

The labels stay here: the server sees the data only, as a new project would. Run by bench/similar.sh, which starts
the server (BASE, KEY); DATASETS is the folder of the shared data sets (default ../shared/datasets).
"""
import csv
import os
import random
import statistics
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "clients", "python", "src"))
from labelloop import ConflictError, Labelloop  # noqa: E402

DATA = os.environ.get("DATASETS", os.path.join("..", "shared", "datasets"))
QUERIES = int(os.environ.get("QUERIES", "100"))
K = 10


def path(*parts):
    return os.path.join(DATA, *parts)


def bbc():
    with open(path("bbc-news", "bbc-news-train.csv"), encoding="utf-8") as f:
        return "TEXT", [("b" + r["ArticleId"], r["Text"], {"topic": r["Category"]}) for r in csv.DictReader(f)]


def sms():
    with open(path("sms-spam", "SMSSpamCollection.tsv"), encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t", 1) for line in f if line.strip()]
    return "TEXT", [("s%d" % i, text, {"spam": label}) for i, (label, text) in enumerate(rows)]


def app_reviews():
    with open(path("app-reviews", "app-reviews.csv"), encoding="utf-8") as f:
        return "TEXT", [(r["id"], r["text"], {"informative": r["label"], "stars": r["rating"]}) for r in csv.DictReader(f)]


def wine():
    items = []
    with open(path("wine-quality", "winequality-combined.csv"), encoding="utf-8") as f:
        for i, r in enumerate(csv.DictReader(f)):
            q = int(r.pop("quality"))
            colour = r.pop("color")
            items.append(("w%d" % i, {k: float(v) for k, v in r.items()},
                          {"colour": colour, "quality": "<=5" if q <= 5 else "6" if q == 6 else ">=7"}))
    return "TABULAR", items


def manifest(name, kind, labels):
    with open(path(name, "manifest.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return kind, [(os.path.basename(r["file"]), path(name, r["file"]), {k: r[k] for k in labels}) for r in rows]


SETS = {
    "bbc": bbc, "sms": sms, "app-reviews": app_reviews, "wine": wine,
    "ants-bees": lambda: manifest("ants-bees", "IMAGE", ["label"]),
    "fsdd": lambda: manifest("fsdd", "AUDIO", ["label", "speaker"]),
}


# search by meaning: the class names as words, and the share of the 20 texts found that carry that class
BY_MEANING = {"bbc": "topic"}


def wait_for_vectors(ll, pid, asset_id):
    """The server embeds in id order: once the last asset answers, the others have their vectors."""
    deadline = time.time() + 3600
    while True:
        try:
            return ll.similar_assets(pid, asset_id, first=1)
        except ConflictError:
            if time.time() > deadline:
                raise
            time.sleep(2)


def measure(ll, name):
    kind, items = SETS[name]()
    job = {"JOB_0": {"mlTask": "CLASSIFICATION", "required": 1, "content": {"input": "radio", "categories": {"A": {}, "B": {}}}}}
    pid = ll.create_project("similar " + name, kind, {"jobs": job})["id"]
    ll.learning_settings(pid, enabled=False)
    started = time.time()
    ll.append_many_to_dataset(pid, [c for _, c, _ in items], [e for e, _, _ in items], disable_tqdm=True)
    ids = {a["externalId"]: a["id"] for a in ll.assets(pid)}
    wait_for_vectors(ll, pid, ids[items[-1][0]])
    ready = time.time() - started
    labels = {e: l for e, _, l in items}
    keys = list(items[0][2])
    hits = Counter()
    asked = 0
    millis = []
    for external_id in random.Random(7).sample(sorted(labels), min(QUERIES, len(labels))):
        t = time.perf_counter()
        try:
            near = ll.similar_assets(pid, ids[external_id], first=K)
        except ConflictError:
            continue  # a file the server could not decode has no vector
        millis.append((time.perf_counter() - t) * 1000)
        asked += 1
        for key in keys:
            hits[key] += sum(labels[a["externalId"]][key] == labels[external_id][key] for a in near) / len(near)
    for key in keys:
        shares = Counter(l[key] for l in labels.values())
        chance = sum((n / len(labels)) ** 2 for n in shares.values())
        print(f"{name} {kind} assets={len(items)} label={key} purity@{K}={hits[key] / asked:.3f} chance={chance:.3f}"
              f" queries={asked} median_ms={statistics.median(millis):.0f} max_ms={max(millis):.0f}"
              f" import+vectors_s={ready:.0f}", flush=True)
    if name in BY_MEANING:
        key = BY_MEANING[name]
        for value in sorted({l[key] for l in labels.values()}):
            near = ll.similar_assets(pid, text=value, first=K * 2)
            share = sum(labels[a["externalId"]][key] == value for a in near) / len(near)
            print(f"{name} words=\"{value}\" precision@{K * 2}={share:.2f}", flush=True)
    ll.delete_project(pid)


if __name__ == "__main__":
    client = Labelloop(os.environ["BASE"], api_key=os.environ["KEY"], timeout=600)
    for dataset in sys.argv[1:] or list(SETS):
        measure(client, dataset)
