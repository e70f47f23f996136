#!/usr/bin/env python3
"""Build dnngen's LeNet-5 example: a structurally pruned, 4-bit CNN on Fashion-MNIST.

    python3 tools/make_lenet5_example.py [--out examples] [--data DIR]

Needs numpy and the Fashion-MNIST IDX files of Debian's package
dataset-fashion-mnist (`apt-get install -y dataset-fashion-mnist`, which puts
them in /usr/share/datasets/fashion-mnist/; nothing is downloaded).
Deterministic (fixed seed); takes 3-7 minutes on 2 cores.

Pipeline: float LeNet-5 trained in numpy (im2col convolutions, Adam,
cross-entropy) -> structured pruning that keeps every matrix dense-shaped
(conv1 filters = conv2 input channels, conv2 filters, conv2 filter-shape
positions, fc1/fc2 neurons, and the fc1 columns fed by pruned conv2 filters)
with masked fine-tuning, then quantization-aware fine-tuning (4-bit weights
in the forward pass, straight-through gradients) -> symmetric quantization
(4-bit weights, raw 8-bit pixels in, unsigned 8-bit activations, signed
16-bit logits out, I32 bias, integer multiplier/shift requantization: per
channel for the convolutions, per layer for the dense layers) -> exact
integer inference as in docs/model-format.md §2
(tools/modelbin.py) -> examples/lenet5.bin + .npy vectors.

Network (PyTorch names and order):
  conv1 6@5x5 on 1x28x28 -> ReLU -> pool1 max 2x2 -> conv2 16@5x5 -> ReLU ->
  pool2 max 2x2 -> flat (16*4*4 = 256) -> fc1 120 -> ReLU -> fc2 84 -> ReLU -> fc3 10

Outputs (in --out):
  lenet5.bin            the model (safetensors container, format dnngen-model v1)
  lenet5-inputs.npy     first 20 test images, uint8 [20, 1, 28, 28], raw pixels 0..255
  lenet5-labels.npy     their labels, int32 [20]
  lenet5-expected.npy   the integer model's outputs (logits) for them, int32 [20, 10]
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from modelbin import mult_shift, read_safetensors, run_graph, write_safetensors

SEED = 0
DATA_DIR = "/usr/share/datasets/fashion-mnist"
EPOCHS = 10             # float training
FINETUNE_EPOCHS = 2     # float, with the pruning masks fixed
QAT_EPOCHS = 2          # then quantization-aware (4-bit weights), masks still fixed
BATCH = 128
LR = 2e-3               # Adam, cosine-decayed over each training run
WD = 1e-4               # L2 on weights (not biases)

# structured pruning (counts)
CONV1_FILTERS_PRUNED = 1    # = conv2 input channels
CONV2_FILTERS_PRUNED = 4    # of 16
CONV2_POSITIONS_PRUNED = 20  # (c, i, j) columns of conv2's im2col matrix, of the live 5*25
FC1_ROWS_PRUNED = 30        # of 120
FC2_ROWS_PRUNED = 20        # of 84

W_BITS = 4              # signed weights in [-8, 7]
WMAX = 2 ** (W_BITS - 1) - 1
ACT_BITS = 8            # hidden activations, unsigned
OUT_BITS = 16           # logits, signed
MULT_MAX = 2 ** 16 - 1  # requant multipliers kept to 16 bits (plenty for 8-bit outputs)
N_VECTORS = 20

LAYERS = ("conv1", "conv2", "fc1", "fc2", "fc3")


# ----------------------------------------------------------------------- data

def read_idx(path):
    """An IDX file (gzip'd) as a numpy array: magic 0x0000 08 <ndim>, big-endian
    uint32 dims, then unsigned bytes."""
    raw = gzip.open(path, "rb").read()
    assert raw[:3] == b"\0\0\x08", f"{path}: not an unsigned-byte IDX file"
    ndim = raw[3]
    dims = np.frombuffer(raw[4:4 + 4 * ndim], dtype=">u4").astype(int)
    data = np.frombuffer(raw[4 + 4 * ndim:], dtype=np.uint8)
    assert data.size == np.prod(dims), f"{path}: truncated"
    return data.reshape(dims)


def load_fashion_mnist(data_dir):
    get = lambda name: read_idx(os.path.join(data_dir, name))
    return (get("train-images-idx3-ubyte.gz"), get("train-labels-idx1-ubyte.gz").astype(np.int64),
            get("t10k-images-idx3-ubyte.gz"), get("t10k-labels-idx1-ubyte.gz").astype(np.int64))


# ----------------------------------------------------------------- float model
# Training works channels-last ([N, H, W, C]) so that im2col is one reshape;
# weights keep PyTorch's layout ([K, C, kh, kw], [out, in]).

def conv_forward(x, w, b):
    """x [N, H, W, C] -> [N, H-kh+1, W-kw+1, K]; also returns the im2col matrix
    [N*Ho*Wo, C*kh*kw], columns in (c, i, j) order to match w.reshape(K, -1)."""
    K, C, kh, kw = w.shape
    win = sliding_window_view(x, (kh, kw), axis=(1, 2))      # [N, Ho, Wo, C, kh, kw]
    N, Ho, Wo = win.shape[:3]
    cols = win.reshape(N * Ho * Wo, C * kh * kw)             # (a copy)
    return (cols @ w.reshape(K, -1).T + b).reshape(N, Ho, Wo, K), cols


def conv_backward(dy, cols, w, x_shape=None):
    """Gradients of conv_forward: dW, db and (if x_shape is given) dx."""
    K, C, kh, kw = w.shape
    N, Ho, Wo, _ = dy.shape
    dy = dy.reshape(-1, K)
    dw, db = (dy.T @ cols).reshape(w.shape), dy.sum(0)
    if x_shape is None:
        return dw, db, None
    dcols = (dy @ w.reshape(K, -1)).reshape(N, Ho, Wo, C, kh, kw)
    dx = np.zeros(x_shape, dtype=dy.dtype)
    for i in range(kh):                                      # col2im: scatter back
        for j in range(kw):
            dx[:, i:i + Ho, j:j + Wo, :] += dcols[..., i, j]
    return dw, db, dx


def pool_forward(x):
    """2x2 max pool, stride 2, x [N, H, W, C] with H, W even."""
    N, H, W, C = x.shape
    return x.reshape(N, H // 2, 2, W // 2, 2, C).max(axis=(2, 4))


def pool_backward(dy, x):
    """Route dy to the first maximum of each 2x2 window of x (one per window:
    equal values are common, e.g. a constant conv1 output on the background)."""
    N, H, W, C = x.shape
    win = x.reshape(N, H // 2, 2, W // 2, 2, C).transpose(0, 1, 3, 5, 2, 4)
    win = win.reshape(N, H // 2, W // 2, C, 4)               # the 4 values of each window
    dwin = np.zeros_like(win)
    np.put_along_axis(dwin, win.argmax(-1)[..., None], dy[..., None], axis=-1)
    dwin = dwin.reshape(N, H // 2, W // 2, C, 2, 2).transpose(0, 1, 4, 2, 5, 3)
    return dwin.reshape(N, H, W, C)


def forward(p, x):
    """Float forward pass.  x [N, 28, 28] float32 = pixel / 255 (0..1).
    Returns the logits and the intermediates backward() needs."""
    x = x[..., None]                                         # [N, 28, 28, 1]
    a1, cols1 = conv_forward(x, p["conv1.weight"], p["conv1.bias"])
    r1 = np.maximum(a1, 0)                                   # [N, 24, 24, 6]
    q1 = pool_forward(r1)                                    # [N, 12, 12, 6]
    a2, cols2 = conv_forward(q1, p["conv2.weight"], p["conv2.bias"])
    r2 = np.maximum(a2, 0)                                   # [N, 8, 8, 16]
    q2 = pool_forward(r2)                                    # [N, 4, 4, 16]
    f = q2.transpose(0, 3, 1, 2).reshape(len(x), -1)         # PyTorch flatten: c*16 + h*4 + w
    h1 = np.maximum(f @ p["fc1.weight"].T + p["fc1.bias"], 0)
    h2 = np.maximum(h1 @ p["fc2.weight"].T + p["fc2.bias"], 0)
    z = h2 @ p["fc3.weight"].T + p["fc3.bias"]
    return z, dict(x=x, cols1=cols1, r1=r1, q1=q1, cols2=cols2, r2=r2, q2=q2,
                   f=f, h1=h1, h2=h2)


def backward(p, c, dz):
    """Gradients of the loss for all parameters, given dz = d(loss)/d(logits)."""
    g = {}
    g["fc3.weight"], g["fc3.bias"] = dz.T @ c["h2"], dz.sum(0)
    dh2 = (dz @ p["fc3.weight"]) * (c["h2"] > 0)
    g["fc2.weight"], g["fc2.bias"] = dh2.T @ c["h1"], dh2.sum(0)
    dh1 = (dh2 @ p["fc2.weight"]) * (c["h1"] > 0)
    g["fc1.weight"], g["fc1.bias"] = dh1.T @ c["f"], dh1.sum(0)
    df = dh1 @ p["fc1.weight"]
    dq2 = df.reshape(c["q2"].shape[0], -1, 4, 4).transpose(0, 2, 3, 1)
    da2 = pool_backward(dq2, c["r2"]) * (c["r2"] > 0)
    g["conv2.weight"], g["conv2.bias"], dq1 = conv_backward(
        da2, c["cols2"], p["conv2.weight"], c["q1"].shape)
    da1 = pool_backward(dq1, c["r1"]) * (c["r1"] > 0)
    g["conv1.weight"], g["conv1.bias"], _ = conv_backward(da1, c["cols1"], p["conv1.weight"])
    return g


def train(p, masks, X, y, epochs, lr, rng, log, qat=False):
    """Adam on mean softmax cross-entropy, cosine learning-rate decay; entries
    where masks[k] == 0 stay exactly zero.  qat: quantization-aware -- the
    forward and backward passes use the 4-bit weights (fake_quant) and their
    gradients update the float weights (straight-through estimator)."""
    state = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in p.items()}
    b1, b2, eps, t = 0.9, 0.999, 1e-8, 0
    steps = epochs * ((len(X) + BATCH - 1) // BATCH)
    for epoch in range(epochs):
        order, loss, t0 = rng.permutation(len(X)), 0.0, time.time()
        for i in range(0, len(X), BATCH):
            idx = order[i:i + BATCH]
            pq = fake_quant(p) if qat else p
            z, cache = forward(pq, X[idx])
            e = np.exp(z - z.max(1, keepdims=True))
            prob = e / e.sum(1, keepdims=True)
            loss -= np.log(prob[np.arange(len(idx)), y[idx]] + 1e-12).sum()
            prob[np.arange(len(idx)), y[idx]] -= 1           # d(loss)/d(logits)
            g = backward(pq, cache, prob / len(idx))
            step_lr = np.float32(lr * 0.5 * (1 + np.cos(np.pi * t / steps)))
            t += 1
            for k in p:
                if k.endswith("weight"):
                    g[k] += WD * p[k]
                m, v = state[k]
                m[:] = b1 * m + (1 - b1) * g[k]
                v[:] = b2 * v + (1 - b2) * g[k] ** 2
                p[k] -= step_lr * (m / (1 - b1 ** t)) / (np.sqrt(v / (1 - b2 ** t)) + eps)
                if k in masks:
                    p[k] *= masks[k]
        log(f"  epoch {epoch + 1}/{epochs}: loss {loss / len(X):.4f} ({time.time() - t0:.0f} s)")
    return p


def predict(p, X, batch=2000):
    return np.concatenate([forward(p, X[i:i + batch])[0] for i in range(0, len(X), batch)])


def accuracy(logits, y):
    return float((np.argmax(logits, 1) == y).mean())


# ------------------------------------------------------------------- pruning

def rms(a, axis):
    return np.sqrt((np.asarray(a, np.float64) ** 2).mean(axis))


def l2(a, axis):
    return np.sqrt((np.asarray(a, np.float64) ** 2).sum(axis))


def lowest(score, n, among=None):
    """Sorted indices of the n smallest scores (optionally only among `among`)."""
    among = np.arange(len(score)) if among is None else np.asarray(among)
    return np.sort(among[np.argsort(score[among], kind="stable")[:n]])


def choose_pruning(p, X):
    """Pick what to prune, scoring each unit by how much it feeds the next layer:
    rms(its activation on X) * norm(the next layer's weights that read it)."""
    _, c = forward(p, X)
    W2 = p["conv2.weight"]
    K2 = W2.shape[0]
    # conv1 filter c == conv2 input channel c
    act1 = rms(c["q1"], (0, 1, 2))                              # [6]
    dead_c1 = lowest(act1 * l2(W2, (0, 2, 3)), CONV1_FILTERS_PRUNED)
    # conv2 filter k feeds fc1 columns k*16 .. k*16+15
    act2 = rms(c["q2"], (0, 1, 2))                              # [16]
    fc1_in = l2(p["fc1.weight"].reshape(-1, K2, 16), (0, 2))
    dead_k2 = lowest(act2 * fc1_in, CONV2_FILTERS_PRUNED)
    # conv2 filter-shape positions (c, i, j): one column of the im2col matrix,
    # scored over the surviving filters and channels only
    live_k2 = np.setdiff1d(np.arange(K2), dead_k2)
    pos_score = act1[:, None, None] * l2(W2[live_k2], 0)   # [6, 5, 5]
    live_pos = [i for i in range(pos_score.size)
                if np.unravel_index(i, pos_score.shape)[0] not in dead_c1]
    dead_pos = lowest(pos_score.ravel(), CONV2_POSITIONS_PRUNED, live_pos)
    dead_pos = [tuple(int(v) for v in np.unravel_index(i, pos_score.shape)) for i in dead_pos]
    # dense neurons
    dead_f1 = lowest(rms(c["h1"], 0) * l2(p["fc2.weight"], 0), FC1_ROWS_PRUNED)
    dead_f2 = lowest(rms(c["h2"], 0) * l2(p["fc3.weight"], 0), FC2_ROWS_PRUNED)
    return dict(conv1_filters=dead_c1, conv2_filters=dead_k2, conv2_positions=dead_pos,
                fc1_rows=dead_f1, fc2_rows=dead_f2)


def pruning_masks(p, pr):
    """0/1 masks for every parameter.  A pruned filter or neuron loses its bias
    too, so that it outputs exactly 0; whatever read it is pruned with it."""
    mk = {k: np.ones_like(v) for k, v in p.items()}
    for c in pr["conv1_filters"]:                 # conv1 filter = conv2 input channel
        mk["conv1.weight"][c] = mk["conv1.bias"][c] = 0
        mk["conv2.weight"][:, c] = 0
    for k in pr["conv2_filters"]:                 # conv2 filter, and its 4x4 fc1 columns
        mk["conv2.weight"][k] = mk["conv2.bias"][k] = 0
        mk["fc1.weight"][:, k * 16:(k + 1) * 16] = 0
    for c, i, j in pr["conv2_positions"]:         # one im2col column of conv2
        mk["conv2.weight"][:, c, i, j] = 0
    for r in pr["fc1_rows"]:
        mk["fc1.weight"][r] = mk["fc1.bias"][r] = 0
        mk["fc2.weight"][:, r] = 0
    for r in pr["fc2_rows"]:
        mk["fc2.weight"][r] = mk["fc2.bias"][r] = 0
        mk["fc3.weight"][:, r] = 0
    return mk


# --------------------------------------------------------------- quantization
# Symmetric, no zero points: real value = scale * integer.  The input pixel's
# scale is 1/255 (the float model saw pixel/255), so conv1 consumes raw bytes.

def weight_scales(w):
    """4-bit weight scales: one per output channel for a conv weight [K, C, kh, kw],
    one for the whole tensor for a dense weight [out, in] (so that the dense
    requantization can be a single multiplier and shift).  Each is, among
    max|w| * a / WMAX for a in [0.5, 1], the one with the least squared rounding
    error -- with only 16 levels, clipping a few large weights often pays.
    An all-zero (pruned) filter gets scale 1: its integers are 0 whatever it is."""
    rows = np.asarray(w, np.float64).reshape(len(w) if w.ndim == 4 else 1, -1)
    amax = np.abs(rows).max(1, keepdims=True)                        # [R, 1]
    cands = np.where(amax > 0, amax * np.linspace(0.5, 1.0, 51) / WMAX, 1.0)   # [R, 51]
    q = np.clip(np.round(rows[:, None, :] / cands[:, :, None]), -WMAX - 1, WMAX)
    err = ((rows[:, None, :] - q * cands[:, :, None]) ** 2).sum(2)  # [R, 51]
    s = cands[np.arange(len(rows)), err.argmin(1)]
    return s if w.ndim == 4 else s[0]


def quantize_weight(w):
    """(integer weights, scales): w ~ scale * integer, integers in [-WMAX-1, WMAX]."""
    s = weight_scales(w)
    s_b = s.reshape(-1, *[1] * (w.ndim - 1)) if w.ndim == 4 else s
    return np.clip(np.round(w / s_b), -WMAX - 1, WMAX), s


def fake_quant(p):
    """p with every weight replaced by its 4-bit value (scale * integer), for
    quantization-aware fine-tuning; biases stay float (they become I32)."""
    q = dict(p)
    for name in LAYERS:
        wq, s = quantize_weight(p[name + ".weight"])
        q[name + ".weight"] = (wq * (s.reshape(-1, *[1] * (wq.ndim - 1)) if wq.ndim == 4
                                     else s)).astype(np.float32)
    return q


def quantize(p, masks, calib):
    """Integer tensors and graph layers for the float model p.  Activation
    scales come from the float model on the calibration images: the largest
    ReLU output maps to 255; the largest |logit| to 2^(OUT_BITS-2), leaving
    headroom in the 16-bit output.  The calibration run uses the 4-bit weights,
    as the integer model will."""
    pq = fake_quant(p)
    _, c = forward(pq, calib)
    z = c["h2"] @ pq["fc3.weight"].T + pq["fc3.bias"]
    act_scale = {"conv1": c["r1"].max() / 255, "conv2": c["r2"].max() / 255,
                 "fc1": c["h1"].max() / 255, "fc2": c["h2"].max() / 255,
                 "fc3": np.abs(z).max() / 2 ** (OUT_BITS - 2)}
    tensors, layers, info = {}, [], {}
    s_x = 1.0 / 255                                         # input scale
    for name in LAYERS:
        w = p[name + ".weight"].astype(np.float64)
        b = p[name + ".bias"].astype(np.float64)
        conv = w.ndim == 4
        s_y = float(act_scale[name])
        wq, s_w = quantize_weight(w)
        wq = wq * masks[name + ".weight"]                   # (already 0 there)
        bq = np.round(b / (s_x * s_w)) * masks[name + ".bias"]
        assert np.abs(bq).max() < 2 ** 31
        # acc has scale s_x * s_w; the output s_y: M = s_x * s_w / s_y ~ m * 2^-shift
        M = s_x * s_w / s_y
        tensors[name + ".weight"] = wq.astype(np.int8)
        tensors[name + ".bias"] = bq.astype(np.int32)
        if conv:                                            # per output channel
            m, sh = zip(*[mult_shift(Mk, MULT_MAX) for Mk in M])
            tensors[name + ".mult"] = np.concatenate(m).astype(np.int32)
            tensors[name + ".shift"] = np.array(sh, np.int32)
            rq = {"multiplier": name + ".mult", "shift": name + ".shift"}
            info[name] = (f"per-channel m in [{min(m)[0]}, {max(m)[0]}], "
                          f"shift in [{min(sh)}, {max(sh)}]")
        else:                                               # per layer
            (m,), sh = mult_shift(M, MULT_MAX)
            rq = {"multiplier": int(m), "shift": int(sh)}
            info[name] = f"per-layer m {m}, shift {sh}"
        rq["rounding"] = "half_up"
        out = {"bits": OUT_BITS, "signed": True} if name == "fc3" else \
              {"bits": ACT_BITS, "signed": False}           # unsigned = ReLU
        layer = {"name": name, "op": "conv2d" if conv else "dense",
                 "weight": name + ".weight", "bias": name + ".bias"}
        if conv:
            layer.update(stride=[1, 1], padding=[0, 0])
        layer.update(weight_bits=W_BITS, weight_kind="int", requant=rq, output=out)
        layers.append(layer)
        if conv:                                            # maxpool keeps the type
            layers.append({"name": "pool" + name[-1], "op": "maxpool2d",
                           "kernel": [2, 2], "stride": [2, 2]})
        if name == "conv2":
            layers.append({"name": "flat", "op": "flatten"})
        s_x = s_y
    graph = {"name": "lenet5", "input": {"shape": [1, 28, 28], "bits": 8, "signed": False},
             "layers": layers}
    return tensors, graph, info


# ------------------------------------------------------------------- summary

def structure(w):
    """The pruning structure the spec derives from the zeros of a weight tensor:
    (zero rows/filters, zero columns/channels, zero positions, irregular zeros)."""
    nz = w != 0
    rows = np.where(~nz.reshape(len(w), -1).any(1))[0].tolist()
    if w.ndim == 2:
        cols = np.where(~nz.any(0))[0].tolist()
        covered = np.zeros_like(nz)
        covered[rows] = True
        covered[:, cols] = True
        return rows, cols, [], int((~nz & ~covered).sum())
    chans = np.where(~nz.any((0, 2, 3)))[0].tolist()
    pos = [(int(c), int(i), int(j)) for c, i, j in zip(*np.where(~nz.any(0)))
           if c not in chans]
    covered = np.zeros_like(nz)
    covered[rows] = True
    covered[:, chans] = True
    covered[:, ~nz.any(0)] = True
    return rows, chans, pos, int((~nz & ~covered).sum())


# ----------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                                  "..", "examples"))
    ap.add_argument("--data", default=DATA_DIR, help="folder of the gzip'd IDX files")
    args = ap.parse_args()
    out = os.path.normpath(args.out)
    t_start = time.time()
    log = lambda msg: print(msg, flush=True)
    rng = np.random.default_rng(SEED)

    Xtr, ytr, Xte, yte = load_fashion_mnist(args.data)      # uint8 [N, 28, 28]
    ftr = Xtr.astype(np.float32) / np.float32(255)          # float model sees pixel/255
    fte = Xte.astype(np.float32) / np.float32(255)
    calib = ftr[:5000]                                      # for pruning scores and scales

    # 1. dense float training (He init)
    he = lambda shape: rng.normal(0, np.sqrt(2 / np.prod(shape[1:])), shape).astype(np.float32)
    shapes = {"conv1": (6, 1, 5, 5), "conv2": (16, 6, 5, 5), "fc1": (120, 256),
              "fc2": (84, 120), "fc3": (10, 84)}
    p = {}
    for name, shape in shapes.items():
        p[name + ".weight"] = he(shape)
        p[name + ".bias"] = np.zeros(shape[0], np.float32)
    log(f"training float LeNet-5 on {len(Xtr)} images, {EPOCHS} epochs")
    train(p, {}, ftr, ytr, EPOCHS, LR, rng, log)
    acc_dense = accuracy(predict(p, fte), yte)
    log(f"  float test accuracy {acc_dense:.4f}")

    # 2. structured pruning, then fine-tuning with the masks fixed
    pr = choose_pruning(p, calib)
    masks = pruning_masks(p, pr)
    for k in p:
        p[k] *= masks[k]
    acc_cut = accuracy(predict(p, fte), yte)
    log(f"pruned: test accuracy {acc_cut:.4f} before fine-tuning; fine-tuning "
        f"{FINETUNE_EPOCHS} epochs")
    train(p, masks, ftr, ytr, FINETUNE_EPOCHS, LR / 4, rng, log)
    acc_float = accuracy(predict(p, fte), yte)
    log(f"  float test accuracy {acc_float:.4f}")

    # 3. quantization: quantization-aware fine-tuning first (4-bit weights
    # cost ~1.5 points without it), then the integer tensors
    log(f"quantization-aware fine-tuning, {QAT_EPOCHS} epochs")
    train(p, masks, ftr, ytr, QAT_EPOCHS, LR / 4, rng, log, qat=True)
    acc_fq = accuracy(predict(fake_quant(p), fte), yte)
    tensors, graph, rq_info = quantize(p, masks, calib)

    # 4. exact integer inference on the raw test pixels
    # (argmax picks the first index on a tie)
    Xte_int = Xte[:, None]                                  # uint8 [N, 1, 28, 28]
    logits_int = run_graph(graph, tensors, Xte_int)
    acc_int = accuracy(logits_int, yte)

    # 5. write the model and the test vectors, then read the model back
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, "lenet5.bin")
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
    expected = run_graph(g, back, Xte_int[:N_VECTORS])      # from the file as read back
    np.save(os.path.join(out, "lenet5-inputs.npy"), Xte_int[:N_VECTORS].astype(np.uint8))
    np.save(os.path.join(out, "lenet5-labels.npy"), yte[:N_VECTORS].astype(np.int32))
    np.save(os.path.join(out, "lenet5-expected.npy"), expected.astype(np.int32))

    # 6. summary
    print(f"train {len(Xtr)} / test {len(Xte)} images (Fashion-MNIST, {args.data})")
    print(f"float test accuracy: dense {acc_dense:.4f}, pruned {acc_cut:.4f}, "
          f"pruned + fine-tuned {acc_float:.4f}")
    print(f"after quantization-aware fine-tuning: 4-bit weights in float {acc_fq:.4f}")
    print(f"integer test accuracy: {acc_int:.4f}   "
          f"(first {N_VECTORS}: {accuracy(expected, yte[:N_VECTORS]):.2f}; "
          f"logits in [{logits_int.min()}, {logits_int.max()}] of the I{OUT_BITS} range)")
    print("pruned on purpose: conv1 filters (= conv2 channels) "
          f"{pr['conv1_filters'].tolist()}, conv2 filters {pr['conv2_filters'].tolist()} "
          f"(and their fc1 columns), conv2 positions (c,i,j) {pr['conv2_positions']}, "
          f"fc1 rows {pr['fc1_rows'].tolist()}, fc2 rows {pr['fc2_rows'].tolist()}")
    print("structure found in the 4-bit weights (rounding can add to what was pruned):")
    for name in LAYERS:
        w = tensors[name + ".weight"]
        rows, cols, pos, irregular = structure(w)
        kept = np.count_nonzero(w)
        line = (f"  {name}: {list(w.shape)}, kept {kept}/{w.size} ({kept / w.size:.0%}), "
                f"irregular zeros {irregular}, ")
        if w.ndim == 4:
            line += (f"zero filters {rows}, zero channels {cols}, "
                     f"{len(pos)} zero positions {pos}")
        else:
            line += f"zero rows {rows}, {len(cols)} zero cols {cols}"
        print(line)
        print(f"      requant: {rq_info[name]}, output {graph_output(graph, name)}")
    print(f"wrote {path} ({os.path.getsize(path)} bytes) and lenet5-{{inputs,labels,expected}}.npy")
    print(f"time taken: {time.time() - t_start:.0f} s")


def graph_output(graph, name):
    t = next(L for L in graph["layers"] if L["name"] == name)["output"]
    return f"{'I' if t['signed'] else 'U'}{t['bits']}"


if __name__ == "__main__":
    main()
