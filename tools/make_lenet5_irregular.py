#!/usr/bin/env python3
"""Build the non-structured twin of the LeNet-5 example: same network, same
training, but irregular magnitude pruning to the same 4-bit non-zero count.

    python3 tools/make_lenet5_irregular.py [--out examples] [--data DIR]
                                           [--structured examples/lenet5.bin]

Needs numpy and Debian's dataset-fashion-mnist (see make_lenet5_example.py,
whose code this script imports: data, model, training, quantization and file
layout are all shared, so the two models differ only in how they are pruned).
Deterministic (fixed seed); takes about as long as make_lenet5_example.py.

Pipeline:
  1. Float LeNet-5 trained exactly as make_lenet5_example.py does it (same
     seed, same order of random draws): the same dense parent model.
  2. Per-layer budgets: the non-zero count of each layer of the structured
     model (read from --structured, i.e. counted after its 4-bit rounding).
  3. Irregular magnitude pruning, layer by layer (no global threshold): keep the
     largest-|w| weights of each layer.  Nothing is removed as a unit and
     biases are never pruned.  4-bit rounding turns some small kept weights
     into extra zeros, and fine-tuning makes more (weights shrink, scales
     grow), so each layer first keeps a little more than its budget
     (KEEP_SLACK above an estimate of the rounding losses).
  4. Float fine-tuning with the masks fixed (as in the structured script).
  5. Trim each layer to its budget + QAT_SLACK: the kept weights that round to
     a non-zero 4-bit value are counted, and the smallest of them are pruned
     until the count is right (a few more weights of magnitude pruning).
  6. Quantization-aware fine-tuning with the masks fixed, as in the
     structured script; then trim each layer to exactly its budget (the
     smallest ~1% of its weights, not fine-tuned again) and quantize exactly
     as the structured model is quantized.
  7. Exact integer inference (tools/modelbin.py run_graph) on the 10,000 test
     images; the model, the first 20 test images and their integer outputs.

Outputs (in --out):
  lenet5-irregular.bin            the model (format dnngen-model v1)
  lenet5-irregular-inputs.npy     first 20 test images, uint8 [20, 1, 28, 28]
  lenet5-irregular-labels.npy     their labels, int32 [20]
  lenet5-irregular-expected.npy   the integer model's logits for them, int32 [20, 10]
"""
import argparse
import json
import os
import time

import numpy as np

import make_lenet5_example as lenet
from make_lenet5_example import (BATCH, EPOCHS, FINETUNE_EPOCHS, LAYERS, LR, N_VECTORS,
                                 QAT_EPOCHS, SEED, W_BITS, WMAX, accuracy, fake_quant,
                                 load_fashion_mnist, predict, quantize, quantize_weight,
                                 structure, train)
from modelbin import read_safetensors, run_graph, write_safetensors

NAME = "lenet5-irregular"
KEEP_SLACK = 0.05       # keep 5% over the estimated budget before fine-tuning
QAT_SLACK = 0.015       # and 1.5% over the budget before quantization-aware fine-tuning


# ------------------------------------------------------------------- pruning

def top_k_mask(w, k):
    """0/1 mask keeping the k largest-|w| entries of w (ties: lowest index)."""
    order = np.argsort(-np.abs(w).ravel(), kind="stable")
    mask = np.zeros(w.size, w.dtype)
    mask[order[:k]] = 1
    return mask.reshape(w.shape)


def nonzero_4bit(w, mask):
    """Number of non-zero 4-bit integers the quantizer makes of w * mask."""
    wq, _ = quantize_weight(w * mask)
    return int(np.count_nonzero(wq * mask))


def magnitude_masks(p, budgets):
    """Per-layer magnitude masks.  Layer L keeps k_L weights, the least k whose
    4-bit rounding (of the current weights) leaves budget * (1 + KEEP_SLACK)
    non-zeros: a first guess of how many small weights rounding will take."""
    masks = {k: np.ones_like(v) for k, v in p.items()}
    for name in LAYERS:
        w = p[name + ".weight"]
        goal = min(int(np.ceil(budgets[name] * (1 + KEEP_SLACK))), w.size)
        k = budgets[name]
        while True:
            n = nonzero_4bit(w, top_k_mask(w, k))
            if n >= goal or k == w.size:
                break
            k = min(k + max(goal - n, 1), w.size)
        masks[name + ".weight"] = top_k_mask(w, k)
    return masks


def trim_to_budget(p, masks, budgets, slack=0.0):
    """Prune, layer by layer, the smallest-|w| weights among those that round
    to a non-zero 4-bit value until that count is budget * (1 + slack).  (Pruning
    a few weights can shift the quantizer's scale, so repeat until stable.)
    Kept weights that round to 0 stay in the mask: they are not counted, and
    fine-tuning may still grow them."""
    for name in LAYERS:
        w, mask = p[name + ".weight"], masks[name + ".weight"]
        for _ in range(20):
            wq, _ = quantize_weight(w * mask)
            live = np.flatnonzero(wq * mask)
            surplus = len(live) - int(np.ceil(budgets[name] * (1 + slack)))
            if surplus <= 0:
                break
            drop = live[np.argsort(np.abs(w.ravel()[live]), kind="stable")[:surplus]]
            mask.ravel()[drop] = 0
            w.ravel()[drop] = 0
    return {name: nonzero_4bit(p[name + ".weight"], masks[name + ".weight"])
            for name in LAYERS}


# ------------------------------------------------------------------- summary

def table(title, tensors, acc_line):
    """Rows: layer, weights, kept (non-zero 4-bit), rate, bits, structure found."""
    print(f"{title}  ({acc_line})")
    print(f"  {'layer':6} {'weights':>8} {'kept':>7} {'rate':>6} {'bits':>4}  structure in the zeros")
    tot_w = tot_k = 0
    for name in LAYERS:
        w = tensors[name + ".weight"]
        kept = int(np.count_nonzero(w))
        tot_w, tot_k = tot_w + w.size, tot_k + kept
        rows, cols, pos, irregular = structure(w)
        what = "filters/chans/positions" if w.ndim == 4 else "rows/cols"
        parts = (len(rows), len(cols), len(pos)) if w.ndim == 4 else (len(rows), len(cols))
        print(f"  {name:6} {w.size:8d} {kept:7d} {kept / w.size:6.1%} {W_BITS:4d}  "
              f"zero {what} {'/'.join(map(str, parts))}, irregular zeros {irregular}")
    print(f"  {'total':6} {tot_w:8d} {tot_k:7d} {tot_k / tot_w:6.1%}")


# ----------------------------------------------------------------------- main

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(here, "..", "examples"))
    ap.add_argument("--data", default=lenet.DATA_DIR, help="folder of the gzip'd IDX files")
    ap.add_argument("--structured", default=os.path.join(here, "..", "examples", "lenet5.bin"),
                    help="the structured model whose per-layer non-zero counts to match")
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    t_start = time.time()
    log = lambda msg: print(msg, flush=True)

    # per-layer budgets: non-zero 4-bit weights of the structured model
    s_meta, s_tensors = read_safetensors(args.structured)
    budgets = {name: int(np.count_nonzero(s_tensors[name + ".weight"])) for name in LAYERS}
    log(f"budgets from {args.structured}: {budgets} (total {sum(budgets.values())})")

    # 1. the dense parent: make_lenet5_example.py's step 1, draw for draw
    rng = np.random.default_rng(SEED)
    Xtr, ytr, Xte, yte = load_fashion_mnist(args.data)
    ftr = Xtr.astype(np.float32) / np.float32(255)
    fte = Xte.astype(np.float32) / np.float32(255)
    calib = ftr[:5000]
    he = lambda shape: rng.normal(0, np.sqrt(2 / np.prod(shape[1:])), shape).astype(np.float32)
    shapes = {"conv1": (6, 1, 5, 5), "conv2": (16, 6, 5, 5), "fc1": (120, 256),
              "fc2": (84, 120), "fc3": (10, 84)}
    p = {}
    for name, shape in shapes.items():
        p[name + ".weight"] = he(shape)
        p[name + ".bias"] = np.zeros(shape[0], np.float32)
    log(f"training float LeNet-5 on {len(Xtr)} images, {EPOCHS} epochs (batch {BATCH})")
    train(p, {}, ftr, ytr, EPOCHS, LR, rng, log)
    acc_dense = accuracy(predict(p, fte), yte)
    log(f"  float test accuracy {acc_dense:.4f}")

    # 2.-4. irregular magnitude pruning, fine-tuning with the masks fixed
    masks = magnitude_masks(p, budgets)
    for k in p:
        p[k] *= masks[k]
    acc_cut = accuracy(predict(p, fte), yte)
    kept0 = {n: int(masks[n + ".weight"].sum()) for n in LAYERS}
    log(f"pruned (kept {kept0}): test accuracy {acc_cut:.4f} before fine-tuning; "
        f"fine-tuning {FINETUNE_EPOCHS} epochs")
    train(p, masks, ftr, ytr, FINETUNE_EPOCHS, LR / 4, rng, log)
    acc_float = accuracy(predict(p, fte), yte)
    log(f"  float test accuracy {acc_float:.4f}")

    # 5. trim to the budgets, 6. quantization-aware fine-tuning, trim again
    n_trim1 = trim_to_budget(p, masks, budgets, QAT_SLACK)
    log(f"trimmed to 4-bit non-zeros {n_trim1}; quantization-aware fine-tuning, "
        f"{QAT_EPOCHS} epochs")
    train(p, masks, ftr, ytr, QAT_EPOCHS, LR / 4, rng, log, qat=True)
    n_after_qat = {n: nonzero_4bit(p[n + ".weight"], masks[n + ".weight"]) for n in LAYERS}
    n_final = trim_to_budget(p, masks, budgets)
    log(f"  4-bit non-zeros after it {n_after_qat}, trimmed to {n_final}")
    total, budget = sum(n_final.values()), sum(budgets.values())
    short = {n: budgets[n] - n_final[n] for n in LAYERS if n_final[n] != budgets[n]}
    if short:                                   # raise KEEP_SLACK / QAT_SLACK if this shows
        log(f"  WARNING: layers under budget by {short}")
    assert abs(total - budget) <= 0.01 * budget, (total, budget)
    acc_fq = accuracy(predict(fake_quant(p), fte), yte)
    tensors, graph, rq_info = quantize(p, masks, calib)
    graph["name"] = NAME

    # 7. exact integer inference on the raw test pixels
    Xte_int = Xte[:, None]                                  # uint8 [N, 1, 28, 28]
    acc_int = accuracy(run_graph(graph, tensors, Xte_int), yte)

    # write the model and test vectors, then check the file as read back
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, NAME + ".bin")
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
        if "weight" in L:
            w = back[L["weight"]]
            assert w.min() >= -WMAX - 1 and w.max() <= WMAX
    expected = run_graph(g, back, Xte_int[:N_VECTORS])
    np.save(os.path.join(out, NAME + "-inputs.npy"), Xte_int[:N_VECTORS].astype(np.uint8))
    np.save(os.path.join(out, NAME + "-labels.npy"), yte[:N_VECTORS].astype(np.int32))
    np.save(os.path.join(out, NAME + "-expected.npy"), expected.astype(np.int32))

    # summary: both members of the pair
    s_graph = json.loads(s_meta["graph"])
    s_acc = accuracy(run_graph(s_graph, s_tensors, Xte_int), yte)
    print(f"\ntrain {len(Xtr)} / test {len(Xte)} images (Fashion-MNIST, {args.data})")
    print(f"{NAME} float test accuracy: dense {acc_dense:.4f}, pruned {acc_cut:.4f}, "
          f"pruned + fine-tuned {acc_float:.4f}, 4-bit weights in float after QAT {acc_fq:.4f}")
    table(f"structured   {args.structured}", s_tensors, f"integer test accuracy {s_acc:.4f}")
    table(f"irregular    {path}", tensors, f"integer test accuracy {acc_int:.4f}")
    for name in LAYERS:
        print(f"  {name} requant: {rq_info[name]}")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and "
          f"{NAME}-{{inputs,labels,expected}}.npy")
    print(f"time taken: {time.time() - t_start:.0f} s")


if __name__ == "__main__":
    main()
