#!/usr/bin/env python3
"""Build dnngen's built-in example model: a pruned, 4-bit MLP on 8x8 digits.

    python3 tools/make_digits_example.py [--out examples]

Needs numpy and scikit-learn (only for sklearn.datasets.load_digits, which
ships with the package; nothing is downloaded).  Deterministic (fixed seed).

Pipeline: float MLP 64-32-10 (ReLU) trained with Adam -> pruning (whole zero
input columns, whole hidden neurons, irregular magnitude pruning) with masked
fine-tuning -> symmetric quantization (4-bit weights, I32 bias, integer
multiplier/shift requantization) -> exact integer inference as in
docs/model-format.md §2 -> examples/digits-mlp.bin + .npy vectors.

Outputs (in --out):
  digits-mlp.bin        the model (safetensors container, format dnngen-model v1)
  digits-inputs.npy     first 20 test images, int32 [20, 64], values 0..16
  digits-labels.npy     their labels, int32 [20]
  digits-expected.npy   the integer model's outputs for them, int32 [20, 10]
"""
import argparse
import json
import os

import numpy as np
from sklearn.datasets import load_digits

from modelbin import mult_shift, read_safetensors, run_graph, write_safetensors

SEED = 0
N_TRAIN = 1400          # first 1400 images train, the remaining 397 test
HIDDEN = 32
ROWS_PRUNED = 4         # whole hidden neurons removed from fc1
FC1_SPARSITY = 0.50     # fraction of all fc1 weights that end up zero
FC2_SPARSITY = 0.30     # fraction of all fc2 weights that end up zero
W_BITS = 4              # signed weights in [-8, 7]
WMAX = 2 ** (W_BITS - 1) - 1
N_VECTORS = 20


# ----------------------------------------------------------------- float model

def forward(p, x):
    """Float forward pass; x is the pixel value / 16 (so 0..1)."""
    h = np.maximum(x @ p["W1"].T + p["b1"], 0.0)
    return h, h @ p["W2"].T + p["b2"]


def train(p, masks, X, y, epochs, lr, rng, batch=64, wd=1e-3):
    """Adam on softmax cross-entropy; masked entries stay exactly zero."""
    state = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in p.items()}
    b1, b2, eps, t = 0.9, 0.999, 1e-8, 0
    onehot = np.eye(10)[y]
    for _ in range(epochs):
        order = rng.permutation(len(X))
        for i in range(0, len(X), batch):
            idx = order[i:i + batch]
            xb, tb = X[idx], onehot[idx]
            h, z = forward(p, xb)
            # d(loss)/d(logits) for mean cross-entropy over the batch
            e = np.exp(z - z.max(1, keepdims=True))
            dz = (e / e.sum(1, keepdims=True) - tb) / len(idx)
            dh = (dz @ p["W2"]) * (h > 0)
            g = {"W2": dz.T @ h + wd * p["W2"], "b2": dz.sum(0),
                 "W1": dh.T @ xb + wd * p["W1"], "b1": dh.sum(0)}
            t += 1
            for k in p:
                m, v = state[k]
                m[:] = b1 * m + (1 - b1) * g[k]
                v[:] = b2 * v + (1 - b2) * g[k] ** 2
                p[k] -= lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
                if k in masks:
                    p[k] *= masks[k]
    return p


def accuracy(logits, y):
    return float((np.argmax(logits, 1) == y).mean())


def magnitude_mask(w, keep_mask, sparsity):
    """Zero the smallest-|w| entries (among those still kept) until
    `sparsity` of the whole tensor is zero."""
    n_keep = int(round(w.size * (1.0 - sparsity)))
    cand = np.abs(w) * keep_mask
    thresh = np.sort(cand.ravel())[::-1][n_keep - 1]
    return keep_mask * (cand >= thresh) * (cand > 0)


# ----------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "examples"))
    out = os.path.normpath(ap.parse_args().out)
    rng = np.random.default_rng(SEED)

    digits = load_digits()
    X_int = digits.data.astype(np.int64)            # pixels 0..16
    y = digits.target.astype(np.int64)
    Xtr, ytr, Xte, yte = X_int[:N_TRAIN], y[:N_TRAIN], X_int[N_TRAIN:], y[N_TRAIN:]
    ftr, fte = Xtr / 16.0, Xte / 16.0               # float model sees pixel/16

    # 1. dense float training (He init)
    p = {"W1": rng.normal(0, np.sqrt(2 / 64), (HIDDEN, 64)), "b1": np.zeros(HIDDEN),
         "W2": rng.normal(0, np.sqrt(2 / HIDDEN), (10, HIDDEN)), "b2": np.zeros(10)}
    train(p, {}, ftr, ytr, epochs=300, lr=2e-3, rng=rng)
    acc_dense = accuracy(forward(p, fte)[1], yte)

    # 2. pruning.  Structured first: input pixels that are zero in every
    # training image (pruned columns), and the hidden neurons with the least
    # |fc1 row| * |fc2 column| (pruned rows; their bias and fc2 column too).
    dead_cols = np.where(Xtr.max(0) == 0)[0]
    importance = np.linalg.norm(p["W1"], axis=1) * np.linalg.norm(p["W2"], axis=0)
    dead_rows = np.sort(np.argsort(importance)[:ROWS_PRUNED])
    m1 = np.ones_like(p["W1"]); m1[:, dead_cols] = 0; m1[dead_rows, :] = 0
    mb1 = np.ones(HIDDEN); mb1[dead_rows] = 0
    m2 = np.ones_like(p["W2"]); m2[:, dead_rows] = 0
    # Then irregular magnitude pruning of what is left, and a masked fine-tune.
    m1 = magnitude_mask(p["W1"], m1, FC1_SPARSITY)
    m2 = magnitude_mask(p["W2"], m2, FC2_SPARSITY)
    masks = {"W1": m1, "b1": mb1, "W2": m2}
    for k in masks:
        p[k] *= masks[k]
    train(p, masks, ftr, ytr, epochs=100, lr=1e-3, rng=rng)
    acc_float = accuracy(forward(p, fte)[1], yte)

    # 3. quantization (symmetric, no zero points).
    # input: integer pixel, scale 1/16.  fc1: per-output-channel weight scale.
    s_x = 1 / 16
    live = np.setdiff1d(np.arange(HIDDEN), dead_rows)
    s_w1 = np.ones(HIDDEN)
    s_w1[live] = np.abs(p["W1"][live]).max(1) / WMAX
    W1q = np.clip(np.round(p["W1"] / s_w1[:, None]), -WMAX - 1, WMAX) * m1
    b1q = np.round(p["b1"] / (s_x * s_w1)) * mb1
    # hidden: unsigned 8 bit, scale from the largest training activation
    h_tr, z_tr = forward(p, ftr)
    s_h = h_tr.max() / 255
    m_1, sh_1 = mult_shift(s_x * s_w1[live] / s_h)  # per-channel m, one shift
    mult1 = np.ones(HIDDEN, np.int64)               # dead rows: acc = 0, any m
    mult1[live] = m_1
    # fc2: per-layer weight scale; output signed 8-bit logits
    s_w2 = np.abs(p["W2"]).max() / WMAX
    W2q = np.clip(np.round(p["W2"] / s_w2), -WMAX - 1, WMAX) * m2
    b2q = np.round(p["b2"] / (s_h * s_w2))
    s_out = np.abs(z_tr).max() / 127
    (mult2,), sh_2 = mult_shift(s_h * s_w2 / s_out)

    tensors = {"fc1.weight": W1q.astype(np.int8), "fc1.bias": b1q.astype(np.int32),
               "fc1.mult": mult1.astype(np.int32),
               "fc2.weight": W2q.astype(np.int8), "fc2.bias": b2q.astype(np.int32)}
    dense = lambda name, rq, out_signed: {
        "name": name, "op": "dense", "weight": name + ".weight", "bias": name + ".bias",
        "weight_bits": W_BITS, "weight_kind": "int", "requant": rq,
        "output": {"bits": 8, "signed": out_signed}}
    graph = {"name": "digits-mlp", "input": {"shape": [64], "bits": 8, "signed": False},
             "layers": [dense("fc1", {"multiplier": "fc1.mult", "shift": sh_1,
                                      "rounding": "half_up"}, False),
                        dense("fc2", {"multiplier": int(mult2), "shift": sh_2,
                                      "rounding": "half_up"}, True)]}

    # 4. exact integer inference
    # (argmax picks the first index on a tie, e.g. two logits saturated at 127)
    acc_int = accuracy(run_graph(graph, tensors, Xte), yte)

    # 5. write the model and the test vectors, then read the model back
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "digits-mlp.bin")
    write_safetensors(path, tensors, {"format": "dnngen-model", "version": "1",
                                      "graph": json.dumps(graph)})
    meta, back = read_safetensors(path)
    assert meta["format"] == "dnngen-model" and meta["version"] == "1"
    assert back.keys() == tensors.keys()
    for k in tensors:
        assert back[k].dtype == tensors[k].dtype and np.array_equal(back[k], tensors[k]), k
    g = json.loads(meta["graph"])
    assert g == graph
    for L in g["layers"]:
        w = back[L["weight"]]
        assert w.min() >= -WMAX - 1 and w.max() <= WMAX
    expected = run_graph(g, back, Xte[:N_VECTORS])  # from the file as read back
    assert accuracy(run_graph(g, back, Xte), yte) == acc_int
    np.save(os.path.join(out, "digits-inputs.npy"), Xte[:N_VECTORS].astype(np.int32))
    np.save(os.path.join(out, "digits-labels.npy"), yte[:N_VECTORS].astype(np.int32))
    np.save(os.path.join(out, "digits-expected.npy"), expected.astype(np.int32))

    # 6. summary
    print(f"train {len(Xtr)} / test {len(Xte)} images")
    print(f"float test accuracy: dense {acc_dense:.4f}, pruned {acc_float:.4f}")
    print(f"integer test accuracy: {acc_int:.4f}   "
          f"(first {N_VECTORS}: {accuracy(expected, yte[:N_VECTORS]):.2f})")
    for name in ("fc1", "fc2"):
        w = tensors[name + ".weight"]
        rows = np.where(~w.any(1))[0].tolist()
        cols = np.where(~w.any(0))[0].tolist()
        print(f"{name}: shape {list(w.shape)}, kept {np.count_nonzero(w)}/{w.size} "
              f"({np.count_nonzero(w) / w.size:.0%}), zero rows {rows}, zero cols {cols}")
    print(f"pruned on purpose: input pixels {dead_cols.tolist()} (zero in every training "
          f"image), hidden neurons {dead_rows.tolist()}; other zero columns come from "
          f"irregular pruning / 4-bit rounding")
    print(f"fc1 requant: per-channel m in [{m_1.min()}, {m_1.max()}], shift {sh_1}; "
          f"fc2 requant: m {mult2}, shift {sh_2}")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and digits-{{inputs,labels,expected}}.npy")


if __name__ == "__main__":
    main()
