#!/usr/bin/env python3
"""Build a comparison pair of 4-bit digits MLPs (64-32-10): one pruned only
structurally, one only irregularly, with the same number of non-zero weights.

    python3 tools/make_digits_pair.py [--out examples]

Needs numpy and scikit-learn (sklearn.datasets.load_digits ships with the
package; nothing is downloaded).  Deterministic (fixed seeds); a few seconds.
Imports the model and training code of make_digits_example.py, whose
examples/digits-mlp.bin (mixed structured + irregular pruning) stays as it is.

Pipeline:
  1. The same dense float parent as make_digits_example.py (same seed, same
     draws, same 300 epochs of Adam).
  2a. Structured: keep the KEEP_NEURONS hidden neurons and then the
     KEEP_PIXELS input pixels that feed the next layer most (score: rms of the
     unit's value on the training images x norm of the weights reading it).
     A pruned neuron loses its fc1 row, its bias and its fc2 column; a pruned
     pixel its fc1 column.  20 neurons x 37 pixels keep 20*37 + 10*20 = 940
     of the 2368 weights (39.7%); masked fine-tuning, then 4-bit
     quantization, whose rounding zeros ~12% of them (irregular zeros of its
     own), leaving ~35% non-zero.
  2b. Irregular: per layer, the budget is the structured model's final
     non-zero 4-bit count in that layer.  Magnitude pruning per layer (the
     largest |w| stay; nothing is removed as a unit, biases are kept), keeping
     a little more than the budget to make up for the zeros 4-bit rounding
     will add; masked fine-tuning; then the smallest weights that still round
     to non-zero are pruned until each layer is exactly on budget.
  3. Quantization exactly as make_digits_example.py does it (per-row fc1
     weight scales, per-layer fc2 scale, u8 hidden, i8 logits), exact integer
     inference with tools/modelbin.py run_graph.

Outputs (in --out), for NAME in digits-mlp-structured, digits-mlp-irregular:
  NAME.bin              the model (format dnngen-model v1)
  NAME-inputs.npy       first 20 test images, int32 [20, 64], values 0..16
  NAME-labels.npy       their labels, int32 [20]
  NAME-expected.npy     the integer model's outputs for them, int32 [20, 10]
"""
import argparse
import json
import os
import time

import numpy as np
from sklearn.datasets import load_digits

from make_digits_example import (HIDDEN, N_TRAIN, N_VECTORS, SEED, W_BITS, WMAX, accuracy,
                                 forward, train)
from modelbin import mult_shift, read_safetensors, run_graph, write_safetensors

KEEP_NEURONS = 20       # of 32 hidden neurons
KEEP_PIXELS = 37        # of 64 input pixels
KEEP_SLACK = 0.02       # irregular: keep 2% over the estimated budget before fine-tuning
FINETUNE = dict(epochs=100, lr=1e-3)   # as make_digits_example.py
FINETUNE_SEED = SEED + 1               # both members get the same shuffles
LAYERS = ("fc1", "fc2")
KEY = {"fc1": "W1", "fc2": "W2"}       # layer -> float weight in p


# --------------------------------------------------------------- quantization
# As in make_digits_example.py: fc1 one scale per row (output neuron),
# fc2 one scale for the whole layer; scale = max|w| / WMAX.

def quant_weight(w, per_row):
    """4-bit integers and scale(s) for a float weight [out, in]."""
    amax = np.abs(w).max(1) if per_row else np.abs(w).max()
    s = np.where(amax > 0, amax / WMAX, 1.0)        # an all-zero row: any scale
    q = np.clip(np.round(w / (s[:, None] if per_row else s)), -WMAX - 1, WMAX)
    return q, s


def nonzero_4bit(name, w):
    return int(np.count_nonzero(quant_weight(w, name == "fc1")[0]))


def quantize(p, masks, ftr, name):
    """Integer tensors and graph of the float model p (see make_digits_example.py
    step 3).  Activation scales from the float model on the training images."""
    s_x = 1 / 16                                    # input: integer pixel 0..16
    W1q, s_w1 = quant_weight(p["W1"], per_row=True)
    W1q *= masks["W1"]
    b1q = np.round(p["b1"] / (s_x * s_w1)) * masks["b1"]
    h_tr, z_tr = forward(p, ftr)
    s_h = h_tr.max() / 255                          # hidden: unsigned 8 bit
    live = np.flatnonzero(W1q.any(1))               # rows with a weight left
    m_1, sh_1 = mult_shift(s_x * s_w1[live] / s_h)  # per-row m, one shift
    mult1 = np.ones(HIDDEN, np.int64)               # empty rows: acc = bias, m = 1
    mult1[live] = m_1
    W2q, s_w2 = quant_weight(p["W2"], per_row=False)
    W2q *= masks["W2"]
    b2q = np.round(p["b2"] / (s_h * s_w2))
    s_out = np.abs(z_tr).max() / 127                # logits: signed 8 bit
    (mult2,), sh_2 = mult_shift(s_h * s_w2 / s_out)
    tensors = {"fc1.weight": W1q.astype(np.int8), "fc1.bias": b1q.astype(np.int32),
               "fc1.mult": mult1.astype(np.int32),
               "fc2.weight": W2q.astype(np.int8), "fc2.bias": b2q.astype(np.int32)}
    dense = lambda lname, rq, out_signed: {
        "name": lname, "op": "dense", "weight": lname + ".weight", "bias": lname + ".bias",
        "weight_bits": W_BITS, "weight_kind": "int", "requant": rq,
        "output": {"bits": 8, "signed": out_signed}}
    graph = {"name": name, "input": {"shape": [64], "bits": 8, "signed": False},
             "layers": [dense("fc1", {"multiplier": "fc1.mult", "shift": sh_1,
                                      "rounding": "half_up"}, False),
                        dense("fc2", {"multiplier": int(mult2), "shift": sh_2,
                                      "rounding": "half_up"}, True)]}
    return tensors, graph


# ------------------------------------------------------------------- pruning

def rms(a, axis):
    return np.sqrt((np.asarray(a, np.float64) ** 2).mean(axis))


def structured_masks(p, ftr):
    """Whole hidden neurons first, then whole input pixels (over the live neurons)."""
    h, _ = forward(p, ftr)
    neuron_score = rms(h, 0) * np.linalg.norm(p["W2"], axis=0)        # [32]
    keep_n = np.sort(np.argsort(-neuron_score, kind="stable")[:KEEP_NEURONS])
    pixel_score = rms(ftr, 0) * np.linalg.norm(p["W1"][keep_n], axis=0)  # [64]
    keep_px = np.sort(np.argsort(-pixel_score, kind="stable")[:KEEP_PIXELS])
    rows = np.zeros(HIDDEN)
    rows[keep_n] = 1
    cols = np.zeros(64)
    cols[keep_px] = 1
    masks = {"W1": np.outer(rows, cols), "b1": rows, "W2": np.ones((10, 1)) * rows,
             "b2": np.ones(10)}
    return masks, keep_n, keep_px


def top_k_mask(w, k):
    """0/1 mask keeping the k largest-|w| entries of w (ties: lowest index)."""
    mask = np.zeros(w.size)
    mask[np.argsort(-np.abs(w).ravel(), kind="stable")[:k]] = 1
    return mask.reshape(w.shape)


def irregular_masks(p, budgets):
    """Per-layer magnitude masks keeping the least k whose 4-bit rounding
    (of the current weights) leaves budget * (1 + KEEP_SLACK) non-zeros."""
    masks = {"b1": np.ones(HIDDEN), "b2": np.ones(10)}
    for name in LAYERS:
        w = p[KEY[name]]
        goal = min(int(np.ceil(budgets[name] * (1 + KEEP_SLACK))), w.size)
        k = budgets[name]
        while k < w.size and nonzero_4bit(name, w * top_k_mask(w, k)) < goal:
            k += 1
        masks[KEY[name]] = top_k_mask(w, k)
    return masks


def trim_to_budget(p, masks, budgets):
    """Prune the smallest-|w| weights that round to non-zero until each layer
    has exactly its budget of non-zero 4-bit weights (repeat: pruning can
    shift a layer's scale).  Returns how many were pruned per layer."""
    trimmed = {}
    for name in LAYERS:
        w, mask = p[KEY[name]], masks[KEY[name]]
        trimmed[name] = 0
        for _ in range(20):
            live = np.flatnonzero(quant_weight(w * mask, name == "fc1")[0])
            surplus = len(live) - budgets[name]
            if surplus <= 0:
                break
            drop = live[np.argsort(np.abs(w.ravel()[live]), kind="stable")[:surplus]]
            mask.ravel()[drop] = 0
            w.ravel()[drop] = 0
            trimmed[name] += surplus
    return trimmed


# ------------------------------------------------------------------- output

def write_model(out, name, tensors, graph, Xte, yte):
    """Write NAME.bin and its test vectors; check the file as read back;
    return the integer test accuracy (from the file)."""
    path = os.path.join(out, name + ".bin")
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
    expected = run_graph(g, back, Xte[:N_VECTORS])
    np.save(os.path.join(out, name + "-inputs.npy"), Xte[:N_VECTORS].astype(np.int32))
    np.save(os.path.join(out, name + "-labels.npy"), yte[:N_VECTORS].astype(np.int32))
    np.save(os.path.join(out, name + "-expected.npy"), expected.astype(np.int32))
    return accuracy(run_graph(g, back, Xte), yte), path


def table(title, tensors, acc_float, acc_int):
    print(f"{title}  (float test accuracy {acc_float:.4f}, integer {acc_int:.4f})")
    print(f"  {'layer':6} {'weights':>8} {'kept':>6} {'rate':>6} {'bits':>4}  structure in the zeros")
    tot_w = tot_k = 0
    for name in LAYERS:
        w = tensors[name + ".weight"]
        kept = int(np.count_nonzero(w))
        tot_w, tot_k = tot_w + w.size, tot_k + kept
        zr, zc = ~w.any(1), ~w.any(0)
        irregular = int(((w == 0) & ~zr[:, None] & ~zc[None, :]).sum())
        print(f"  {name:6} {w.size:8d} {kept:6d} {kept / w.size:6.1%} {W_BITS:4d}  "
              f"zero rows {int(zr.sum())}, zero cols {int(zc.sum())}, "
              f"irregular zeros {irregular}")
    print(f"  {'total':6} {tot_w:8d} {tot_k:6d} {tot_k / tot_w:6.1%}")


# ----------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "examples"))
    out = os.path.normpath(ap.parse_args().out)
    os.makedirs(out, exist_ok=True)
    t_start = time.time()

    digits = load_digits()
    X_int = digits.data.astype(np.int64)            # pixels 0..16
    y = digits.target.astype(np.int64)
    Xtr, ytr, Xte, yte = X_int[:N_TRAIN], y[:N_TRAIN], X_int[N_TRAIN:], y[N_TRAIN:]
    ftr, fte = Xtr / 16.0, Xte / 16.0

    # 1. the dense parent: make_digits_example.py's step 1, draw for draw
    rng = np.random.default_rng(SEED)
    parent = {"W1": rng.normal(0, np.sqrt(2 / 64), (HIDDEN, 64)), "b1": np.zeros(HIDDEN),
              "W2": rng.normal(0, np.sqrt(2 / HIDDEN), (10, HIDDEN)), "b2": np.zeros(10)}
    train(parent, {}, ftr, ytr, epochs=300, lr=2e-3, rng=rng)
    acc_dense = accuracy(forward(parent, fte)[1], yte)

    # 2a. structured only
    p = {k: v.copy() for k, v in parent.items()}
    masks, keep_n, keep_px = structured_masks(p, ftr)
    for k in masks:
        p[k] *= masks[k]
    train(p, masks, ftr, ytr, rng=np.random.default_rng(FINETUNE_SEED), **FINETUNE)
    acc_f_s = accuracy(forward(p, fte)[1], yte)
    t_s, g_s = quantize(p, masks, ftr, "digits-mlp-structured")
    acc_i_s, path_s = write_model(out, "digits-mlp-structured", t_s, g_s, Xte, yte)

    # 2b. irregular only, to the structured model's per-layer non-zero counts
    budgets = {name: int(np.count_nonzero(t_s[name + ".weight"])) for name in LAYERS}
    p = {k: v.copy() for k, v in parent.items()}
    masks = irregular_masks(p, budgets)
    kept0 = {name: int(masks[KEY[name]].sum()) for name in LAYERS}
    for k in masks:
        p[k] *= masks[k]
    train(p, masks, ftr, ytr, rng=np.random.default_rng(FINETUNE_SEED), **FINETUNE)
    trimmed = trim_to_budget(p, masks, budgets)
    acc_f_i = accuracy(forward(p, fte)[1], yte)
    t_i, g_i = quantize(p, masks, ftr, "digits-mlp-irregular")
    acc_i_i, path_i = write_model(out, "digits-mlp-irregular", t_i, g_i, Xte, yte)
    assert {n: int(np.count_nonzero(t_i[n + ".weight"])) for n in LAYERS} == budgets

    # 3. summary
    print(f"train {len(Xtr)} / test {len(Xte)} images; dense float parent: test accuracy "
          f"{acc_dense:.4f}")
    print(f"structured: kept hidden neurons {keep_n.tolist()}")
    print(f"            kept input pixels {keep_px.tolist()}")
    print(f"irregular: budgets {budgets}; magnitude-pruned to {kept0} before fine-tuning, "
          f"then {trimmed} more pruned to meet the budgets")
    table(f"structured  {path_s}", t_s, acc_f_s, acc_i_s)
    table(f"irregular   {path_i}", t_i, acc_f_i, acc_i_i)
    print(f"wrote {{digits-mlp-structured,digits-mlp-irregular}}"
          f"{{.bin,-inputs.npy,-labels.npy,-expected.npy}} in {out}")
    print(f"time taken: {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    main()
