#!/usr/bin/env python3
"""Would label spreading over the pool's k-NN graph help tables with few labels? (numpy + scipy; exploration only)

Replays margin active learning on wine quality with plain logistic regression (C=1, pool-standardised features)
against logistic regression mixed 50/50 with label spreading (Zhou et al. 2004: k=10 neighbours, alpha=0.99, graph over
the pool only; a test row takes the mean of its 10 nearest pool rows), the mix chosen per round only when it wins
5-fold CV accuracy on the labels so far. Two label definitions: colour (red/white, 30 labels: initial 10, batch 5) and
quality in 3 classes (200 labels: initial 20, batch 20). Usage: label_spreading.py WINE_CSV [SEEDS]
"""
import csv
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.sparse import csr_matrix, diags


def load(path):
    rows = list(csv.DictReader(open(path)))
    cols = [c for c in rows[0] if c not in ("quality", "color")]
    seen, x, colour, quality = set(), [], [], []
    for r in rows:
        key = tuple(r[c] for c in cols) + (r["color"], r["quality"])
        if key in seen:
            continue
        seen.add(key)
        x.append([float(r[c]) for c in cols] + [1.0 if r["color"] == "red" else 0.0])
        colour.append(1 if r["color"] == "red" else 0)
        q = int(r["quality"])
        quality.append(0 if q <= 5 else 1 if q == 6 else 2)
    return np.array(x), np.array(colour), np.array(quality)


def softmax_lr(x, y, k, c=1.0):
    xb = np.hstack([x, np.ones((len(x), 1))])
    onehot = np.eye(k)[y]

    def loss(w):
        p = probabilities(xb, w.reshape(-1, k))
        return 0.5 * w @ w - c * (onehot * np.log(p + 1e-12)).sum(), w + c * (xb.T @ (p - onehot)).ravel()

    return minimize(loss, np.zeros(xb.shape[1] * k), jac=True, method="L-BFGS-B").x.reshape(-1, k)


def probabilities(xb, w):
    z = xb @ w
    z -= z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


def predict(x, w):
    return probabilities(np.hstack([x, np.ones((len(x), 1))]), w)


def nearest(queries, points, k, skip_self=False):
    sq = (points ** 2).sum(1)
    out = []
    for s in range(0, len(queries), 1000):
        q = queries[s:s + 1000]
        d = (q ** 2).sum(1)[:, None] + sq[None, :] - 2 * q @ points.T
        if skip_self:
            d[np.arange(len(q)), np.arange(s, s + len(q))] = np.inf
        out.append(np.argpartition(d, k, axis=1)[:, :k])
    return np.vstack(out)


def graph(points, k=10):
    nn = nearest(points, points, k, skip_self=True)
    n = len(points)
    w = csr_matrix((np.ones(nn.size), (np.repeat(np.arange(n), k), nn.ravel())), shape=(n, n))
    w = w.maximum(w.T)
    d = 1 / np.sqrt(np.asarray(w.sum(1)).ravel())
    return diags(d) @ w @ diags(d)


def spread(s, labeled, y, k, alpha=0.99, iterations=50):
    seed = np.zeros((s.shape[0], k))
    seed[labeled, y] = 1
    f = seed.copy()
    for _ in range(iterations):
        f = alpha * (s @ f) + (1 - alpha) * seed
    return f / (f.sum(1, keepdims=True) + 1e-12)


def spreading_wins_cv(z, s, labeled, y, k, folds=5):
    order = np.random.default_rng(0).permutation(len(labeled))
    fold = np.arange(len(labeled)) % folds
    correct = {0.0: 0, 0.5: 0}
    for f in range(folds):
        test, train = order[fold == f], order[fold != f]
        if len(set(y[train])) < 2:
            continue
        linear = predict(z[labeled[test]], softmax_lr(z[labeled[train]], y[train], k))
        spreads = spread(s, labeled[train], y[train], k)[labeled[test]]
        for mix in correct:
            correct[mix] += ((mix * spreads + (1 - mix) * linear).argmax(1) == y[test]).sum()
    return correct[0.5] > correct[0.0]


def replay(x, y, seed, initial, batch, budget, semi_supervised):
    k = y.max() + 1
    perm = np.random.default_rng(seed).permutation(len(y))
    test, pool = perm[:len(y) // 5], perm[len(y) // 5:]
    z = (x - x[pool].mean(0)) / x[pool].std(0)
    zp, yp = z[pool], y[pool]
    s, test_nn = graph(zp), nearest(z[test], zp, 10)
    labeled = np.random.default_rng(seed).choice(len(pool), initial, replace=False)
    while True:
        w = softmax_lr(zp[labeled], yp[labeled], k)
        mix = 0.5 if semi_supervised and spreading_wins_cv(zp, s, labeled, yp[labeled], k) else 0.0
        f = spread(s, labeled, yp[labeled], k)
        pool_p = mix * f + (1 - mix) * predict(zp, w)
        test_p = mix * f[test_nn].mean(1) + (1 - mix) * predict(z[test], w)
        if len(labeled) >= budget:
            return (test_p.argmax(1) == y[test]).mean()
        unlabeled = np.setdiff1d(np.arange(len(pool)), labeled)
        top = np.sort(pool_p[unlabeled], 1)
        labeled = np.concatenate([labeled, unlabeled[np.argsort(top[:, -1] - top[:, -2])[:batch]]])


def main():
    x, colour, quality = load(sys.argv[1])
    seeds = range(int(sys.argv[2]) if len(sys.argv) > 2 else 6)
    for name, y, initial, batch, budget in (("colour", colour, 10, 5, 30), ("quality3", quality, 20, 20, 200)):
        xs = x if name == "quality3" else x[:, :-1]
        plain = [replay(xs, y, s, initial, batch, budget, False) for s in seeds]
        mixed = [replay(xs, y, s, initial, batch, budget, True) for s in seeds]
        print(f"{name} margin@{budget} seeds={len(seeds)} logistic={np.mean(plain):.4f} (min {np.min(plain):.4f}) "
              f"with_spreading={np.mean(mixed):.4f} (min {np.min(mixed):.4f})", flush=True)


if __name__ == "__main__":
    main()
