#!/usr/bin/env python3
"""Does the unlabeled pool help a table with few labels? Semi-supervised LDA by EM (numpy only; exploration only).

Wine colour (duplicates removed, 20 % test, pool-standardised features with log scale for long-tailed columns, as
TableEncoder does), 10 random draws of 10 and 30 random labels: logistic regression C=1 (Newton, penalised intercept,
as liblinear), LDA on the labeled rows only, and Gaussian classes with one shared covariance fitted by EM over the
labeled rows (clamped) and every other pool row (soft), started from the labeled class means and priors and the
pool's covariance (Nigam et al. 2000; Castelli and Cover 1995). Usage: semi_supervised_lda.py WINE_CSV
"""
import csv
import sys

import numpy as np


def load(path):
    rows = list(csv.DictReader(open(path)))
    feat = [k for k in rows[0] if k not in ("quality", "color")]
    seen, x, y = set(), [], []
    for r in rows:
        key = tuple(r[k] for k in feat) + (r["color"],)
        if key in seen:
            continue
        seen.add(key)
        x.append([float(r[k]) for k in feat])
        y.append(1 if r["color"] == "red" else 0)
    return np.array(x), np.array(y)


def encode(pool, x):
    out = []
    for j in range(x.shape[1]):
        c = pool[:, j]
        skewed = c.min() >= 0 and ((c - c.mean()) ** 3).mean() / c.std() ** 3 > 1
        f = np.log1p if skewed else (lambda v: v)
        out.append((f(x[:, j]) - f(c).mean()) / f(c).std())
    return np.array(out).T


def logistic(x, y, c=1.0):
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-xb @ w))
        h = c * (xb * (p * (1 - p))[:, None]).T @ xb + np.eye(len(w))
        w -= np.linalg.solve(h, c * xb.T @ (p - y) + w)
    return lambda z: np.hstack([z, np.ones((len(z), 1))]) @ w > 0


def lda_em(xl, yl, xu, iterations):
    """Shared-covariance Gaussian classes; iterations=0 is LDA on the labeled rows with the pool's covariance."""
    x = np.vstack([xl, xu])
    nl = len(xl)
    r = np.zeros((len(x), 2))
    r[np.arange(nl), yl] = 1
    for t in range(iterations + 1):
        if t == 0:
            nk = r[:nl].sum(0)
            mu = (r[:nl].T @ xl) / nk[:, None]
            s = np.cov(x.T, bias=True)
        else:
            nk = r.sum(0)
            mu = (r.T @ x) / nk[:, None]
            s = sum(((x - mu[k]) * r[:, k:k + 1]).T @ (x - mu[k]) for k in range(2)) / len(x)
        si = np.linalg.inv(s + 1e-3 * np.eye(len(s)))
        pi = nk / nk.sum()

        def log_joint(z):
            return np.stack([-0.5 * np.einsum("ij,jk,ik->i", z - mu[k], si, z - mu[k]) + np.log(pi[k])
                             for k in range(2)], 1)
        if t < iterations:
            lj = log_joint(x[nl:])
            p = np.exp(lj - lj.max(1, keepdims=True))
            r[nl:] = p / p.sum(1, keepdims=True)
    return lambda z: log_joint(z).argmax(1)


def main():
    x, y = load(sys.argv[1])
    for n in (10, 30):
        acc = []
        for seed in range(10):
            rng = np.random.default_rng(seed)
            perm = rng.permutation(len(x))
            test, pool = perm[: len(x) // 5], perm[len(x) // 5:]
            xp, xt, yp, yt = encode(x[pool], x[pool]), encode(x[pool], x[test]), y[pool], y[test]
            while True:
                lab = rng.choice(len(pool), n, replace=False)
                if 0 < yp[lab].sum() < n:
                    break
            rest = np.setdiff1d(np.arange(len(pool)), lab)
            acc.append([(logistic(xp[lab], yp[lab])(xt) == yt).mean(),
                        (lda_em(xp[lab], yp[lab], xp[rest], 0)(xt) == yt).mean(),
                        (lda_em(xp[lab], yp[lab], xp[rest], 50)(xt) == yt).mean()])
        a = np.array(acc)
        print(f"{n} random labels, 10 draws: mean LR C=1 {a[:, 0].mean():.4f}, LDA (pool covariance) "
              f"{a[:, 1].mean():.4f}, semi-supervised LDA (EM) {a[:, 2].mean():.4f}")
        for name, col in (("LR", 0), ("EM", 2)):
            print(f"  {name} per draw: " + " ".join(f"{v:.4f}" for v in a[:, col]))


if __name__ == "__main__":
    main()
