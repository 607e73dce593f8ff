#!/usr/bin/env python3
"""Offline check of a semi-supervised discriminant for texts with few labels (BENCHMARKS "Few labels, text: the pool's
clusters"). Reads the e5-small vectors that `simulate` cached (~/.cache/labelloop/embeddings), so run a `simulate` on
the dataset first. For seeds 7, 11, 13 (an 80/20 split of numpy's own, not the product's):
  random  - 10/20/30/50 random labels: a class-balanced logistic regression (C=10) on the centred embeddings against
            EM of Gaussians with one shared covariance on the pool's first 8 principal axes (labels clamped), and the
            code-length check of SemiSupervisedLda.labelsFollowClusters (positive: the labels follow the clusters);
  margin  - margin sampling driven by that semi-supervised model, 10 a round up to 150 labels: its test accuracy, and
            the same logistic regression trained on the labels it picked.
Usage: text-sslda-offline.py bbc|sms|ar random|margin"""
import csv, hashlib, os, struct, sys
import numpy as np
from scipy.optimize import minimize
from scipy.special import logsumexp, softmax

CACHE = os.path.expanduser("~/.cache/labelloop/embeddings/e5-small-v2-q_256.vectors")
DATA = os.path.join(os.path.dirname(__file__), "../../../shared/datasets")


def vectors():
    raw, out, i = open(CACHE, "rb").read(), {}, 0
    while i + 36 <= len(raw):
        d = struct.unpack(">i", raw[i + 32:i + 36])[0]
        out[raw[i:i + 32]] = np.frombuffer(raw[i + 36:i + 36 + 4 * d], dtype=">f4").astype(np.float64)
        i += 36 + 4 * d
    return out


def dataset(name):
    if name == "bbc":
        rows = list(csv.DictReader(open(f"{DATA}/bbc-news/bbc-news-train.csv")))
        return [r["Text"] for r in rows], [r["Category"] for r in rows]
    if name == "sms":
        rows = [l.rstrip("\n").split("\t", 1) for l in open(f"{DATA}/sms-spam/SMSSpamCollection.tsv", encoding="utf-8")]
        return [r[1] for r in rows], [r[0] for r in rows]
    rows = list(csv.DictReader(open(f"{DATA}/app-reviews/app-reviews.csv")))
    return [r["text"] for r in rows], [r["label"] for r in rows]


def logistic(x, y, k, c=10.0, balanced=True):
    n, p = x.shape
    onehot = np.eye(k)[y]
    w = n / (k * np.maximum(np.bincount(y, minlength=k)[y], 1)) if balanced else np.ones(n)

    def loss(theta):
        wm, b = theta[:p * k].reshape(p, k), theta[p * k:]
        z = x @ wm + b
        g = (softmax(z, 1) - onehot) * w[:, None] * c
        return c * (w * (logsumexp(z, 1) - (z * onehot).sum(1))).sum() + 0.5 * (wm ** 2).sum(), \
            np.concatenate([(x.T @ g + wm).ravel(), g.sum(0)])

    theta = minimize(loss, np.zeros(p * k + k), jac=True, method="L-BFGS-B", options={"maxiter": 500}).x
    return lambda z: softmax(z @ theta[:p * k].reshape(p, k) + theta[p * k:], 1)


def m_step(x, resp):
    share = resp.sum(0)
    mean = (resp.T @ x) / np.maximum(share, 1e-9)[:, None]
    cov = sum((resp[:, c, None] * (x - mean[c])).T @ (x - mean[c]) for c in range(resp.shape[1]))
    return share / share.sum(), mean, cov / len(x) + 1e-3 * np.eye(x.shape[1])


def log_joint(x, model):
    share, mean, cov = model
    inv, logdet = np.linalg.inv(cov), np.linalg.slogdet(cov)[1]
    return np.stack([np.log(max(share[c], 1e-12)) - 0.5 * np.einsum("ij,jk,ik->i", x - mean[c], inv, x - mean[c])
                     for c in range(len(share))], 1) - 0.5 * logdet


def semi_supervised(xl, y, xp, k, rounds=30):
    onehot, rows = np.eye(k)[y], np.vstack([xl, xp])

    def em(model):
        for _ in range(rounds):
            model = m_step(rows, np.vstack([onehot, softmax(log_joint(xp, model), 1)]))
        return model

    def likelihood(model):
        return logsumexp(log_joint(xp, model), 1).sum() + (log_joint(xl, model) * onehot).sum()

    counts = onehot.sum(0)
    from_means = em((counts / counts.sum(), (onehot.T @ xl) / np.maximum(counts, 1)[:, None],
                     np.cov(xp.T, bias=True) + 1e-3 * np.eye(xp.shape[1])))
    from_lr = em(m_step(rows, np.vstack([onehot, logistic(xl, y, k, c=1, balanced=False)(xp)])))
    return max((from_means, from_lr), key=likelihood)


def follows_clusters(model, xl, y, xp, k, rounds=30):
    clusters = model
    for _ in range(rounds):
        clusters = m_step(xp, softmax(log_joint(xp, clusters), 1))
    base = np.log(np.bincount(y, minlength=k)[y] / len(y)).sum()
    with_classes = logsumexp(log_joint(xp, model), 1).sum() + (log_joint(xl, model) * np.eye(k)[y]).sum()
    with_clusters = logsumexp(log_joint(xp, clusters), 1).sum() + logsumexp(log_joint(xl, clusters), 1).sum() + base
    return with_classes - with_clusters


def ece(p, y, bins=15):
    conf, right = p.max(1), p.argmax(1) == y
    edges = np.minimum((conf * bins).astype(int), bins - 1)
    return sum(abs(conf[edges == b].mean() - right[edges == b].mean()) * (edges == b).mean()
               for b in range(bins) if (edges == b).any())


def main(name, mode, axes=8):
    texts, labels = dataset(name)
    cached = vectors()
    x = np.array([cached[hashlib.sha256(b"e5-small-v2-q/256\0" + t.encode()).digest()] for t in texts])
    classes = sorted(set(labels))
    y, k = np.array([classes.index(l) for l in labels]), len(classes)
    for seed in (7, 11, 13):
        order = np.random.default_rng(seed).permutation(len(y))
        test, pool = order[:len(y) // 5], order[len(y) // 5:]
        centred = x - x[pool].mean(0)
        unit = centred / np.linalg.norm(centred, axis=1, keepdims=True)
        z = centred @ np.linalg.svd(centred[pool], full_matrices=False)[2][:axes].T
        z /= z[pool].std(0)
        if mode == "random":
            for n in (10, 20, 30, 50):
                lab, rest = pool[:n], pool[n:]
                if len(set(y[lab])) < 2:
                    continue
                lr = logistic(unit[lab], y[lab], k)(unit[test])
                model = semi_supervised(z[lab], y[lab], z[rest], k)
                ss = softmax(log_joint(z[test], model), 1)
                print(f"{name} seed {seed} labels {n}: lr {(lr.argmax(1) == y[test]).mean():.3f}"
                      f" | sslda {(ss.argmax(1) == y[test]).mean():.3f} ece {ece(ss, y[test]):.3f}"
                      f" check {follows_clusters(model, z[lab], y[lab], z[rest], k):+.0f}", flush=True)
        else:
            lab, line = list(pool[:10]), []
            while len(lab) <= 150:
                rest = np.setdiff1d(pool, lab)
                model = semi_supervised(z[lab], y[lab], z[rest], k)
                ss = softmax(log_joint(z[test], model), 1)
                lr = logistic(unit[lab], y[lab], k)(unit[test])
                line.append(f"{len(lab)}: {(ss.argmax(1) == y[test]).mean():.3f}/{(lr.argmax(1) == y[test]).mean():.3f}")
                top2 = np.sort(softmax(log_joint(z[rest], model), 1), 1)[:, -2:]
                lab += list(rest[np.argsort(top2[:, 1] - top2[:, 0])[:10]])
            print(f"{name} seed {seed} (sslda / lr on the same picks): " + ", ".join(line), flush=True)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
