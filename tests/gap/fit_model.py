#!/usr/bin/env python3
"""Refits the rating model of `mamori policy gap` (src/core/gap.c, P.bias …
P.e_specific) on the labelled sets, by hand after a change to the features.

Runs `mamori --format json policy gap FILE --explain` on every set of
sets.tsv, keeps the clauses without items that have a candidate, and fits
P(absent) = logistic(bias + a·log(eff) + b·terms + c·margin + d·cosine +
e·spec) by Newton's method on set1–set3 only.  Prints the coefficients and,
per set, missing recall and precision of the clauses without items at a few
cut-offs; pick missing_from by F2 on set1–set3 and confirm with evaluate.sh
(which also counts the clauses with items).  The held-out sets (set4, set5,
town, reibun) must not steer the choice.

Usage: tests/gap/fit_model.py [MAMORI]   (default build/mamori; no numpy)
"""
import glob
import json
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
M = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, "build/mamori")
TRAIN = ("set1", "set2", "set3")


def leaf_ids():
    ids = [e["id"] for f in glob.glob(os.path.join(ROOT, "catalog/*.json")) for e in json.load(open(f))]
    return {i for i in ids if not any(j.startswith(i + ".") for j in ids)}


def features(x):
    return [math.log(max(float(x["eff"]), 1e-3)), float(x["terms"]), float(x["margin"]),
            float(x["cosine"]), float(x["spec"])]


def load():
    leaves, data = leaf_ids(), {}
    for line in open(os.path.join(HERE, "sets.tsv")):
        if not line.strip() or line.startswith("#"):
            continue
        name, f, part = line.rstrip("\n").split("\t")
        args = [M, "--format", "json", "policy", "gap", os.path.join(HERE, f), "--explain"]
        args += ["--part", part] if part else []
        err = subprocess.run(args, capture_output=True, text=True).stderr
        truth = dict(l.rstrip("\n").split("\t") for l in open(os.path.join(HERE, name + ".truth.tsv")))
        hdr, rows = None, []
        for l in err.splitlines():
            if l.startswith("id\t"):
                hdr = l.split("\t")
            elif hdr:
                x = dict(zip(hdr, l.split("\t")))
                if x["id"] in leaves and float(x["eff"]) > 0:
                    rows.append((features(x), truth[x["id"]] == "missing"))
        data[name] = rows
    return data


def solve(a, b):
    n = len(b)
    a = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        for r in range(n):
            if r != c:
                f = a[r][c] / a[c][c]
                for k in range(c, n + 1):
                    a[r][k] -= f * a[c][k]
    return [a[i][n] / a[i][i] for i in range(n)]


def sig(z):
    return 1 / (1 + math.exp(-z))


def fit(rows, l2=1e-3):
    d = len(rows[0][0]) + 1
    w = [0.0] * d
    for _ in range(30):
        g = [0.0] * d
        h = [[0.0] * d for _ in range(d)]
        for x, y in rows:
            xx = [1.0] + x
            p = sig(sum(a * b for a, b in zip(w, xx)))
            for i in range(d):
                g[i] += (p - y) * xx[i]
                for j in range(d):
                    h[i][j] += p * (1 - p) * xx[i] * xx[j]
        for i in range(d):
            g[i] += l2 * w[i]
            h[i][i] += l2
        w = [a - b for a, b in zip(w, solve(h, g))]
    return w


def main():
    data = load()
    w = fit([r for n in TRAIN for r in data[n]])
    print("bias, a_log_score, b_terms, c_margin, d_cosine, e_specific =",
          ", ".join("%.3f" % v for v in w))
    for cut in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4):
        out, tp_fp_fn = [], [0, 0, 0]
        for name, rows in data.items():
            tp = fp = fn = 0
            for x, y in rows:
                hit = sig(sum(a * b for a, b in zip(w, [1.0] + x))) >= cut
                tp += hit and y
                fp += hit and not y
                fn += (not hit) and y
            if name in TRAIN:
                tp_fp_fn = [tp_fp_fn[0] + tp, tp_fp_fn[1] + fp, tp_fp_fn[2] + fn]
            out.append("%s %d/%d %d/%d" % (name, tp, tp + fn, tp, tp + fp))
        tp, fp, fn = tp_fp_fn
        f2 = 5 * tp / (5 * tp + 4 * fn + fp) if tp else 0
        print("cut %.2f  train F2 %.4f  %s" % (cut, f2, "  ".join(out)))


if __name__ == "__main__":
    main()
