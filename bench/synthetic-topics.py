#!/usr/bin/env python3
"""Writes a labeled CSV of synthetic short texts for scale tests of `labelloop automl`:
bench/synthetic-topics.py ROWS > out.csv. Each text has 8-18 words from a 20,000-word vocabulary plus 1-3 words of
its topic (5 topics, 200 words each) and, in 30 % of rows, one word of a random topic. Deterministic (seed 5)."""
import random
import sys

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
random.seed(5)
vocab = [f"w{i}" for i in range(20000)]
classes = ["alpha", "beta", "gamma", "delta", "epsilon"]
topic = {c: [f"{c[:3]}{j}" for j in range(200)] for c in classes}
out = sys.stdout
out.write("text,label\n")
for _ in range(rows):
    c = random.choice(classes)
    words = random.choices(vocab, k=random.randint(8, 18)) + random.choices(topic[c], k=random.randint(1, 3))
    if random.random() < 0.3:
        words += random.choices(topic[random.choice(classes)], k=1)
    random.shuffle(words)
    out.write(" ".join(words) + "," + c + "\n")
