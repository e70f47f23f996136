"""Shared helpers for the example-model scripts in tools/ (numpy only).

- write_safetensors / read_safetensors: the model.bin container (a
  safetensors file), as in docs/model-format.md §1;
  the reader also checks the spec's layout rules.
- mult_shift: a float requantization factor M -> integer multiplier m and
  shift s with m * 2^-s ~= M.
- requantize / run_graph: the spec's exact integer inference (docs/model-format.md §2) for
  every v1 op (dense, conv2d, maxpool2d, flatten) and every rounding mode,
  in int64, written from the spec rather than from any training code.

    from modelbin import write_safetensors, read_safetensors, mult_shift, run_graph
"""
import json
import struct

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

# ------------------------------------------------------------ safetensors I/O

DTYPES = {"I8": np.int8, "U8": np.uint8, "I16": np.int16, "U16": np.uint16,
          "I32": np.int32, "I64": np.int64, "F32": np.float32}
NAMES = {np.dtype(v).str[1:]: k for k, v in DTYPES.items()}   # 'i1' -> 'I8' ...


def write_safetensors(path, tensors, metadata):
    header, blobs, off = {}, [], 0
    for name in sorted(tensors):                    # contiguous from 0, no gaps
        a = np.ascontiguousarray(tensors[name])
        data = a.astype(a.dtype.newbyteorder("<")).tobytes()
        header[name] = {"dtype": NAMES[a.dtype.str[1:]], "shape": list(a.shape),
                        "data_offsets": [off, off + len(data)]}
        blobs.append(data)
        off += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)                 # pad to a multiple of 8
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def read_safetensors(path):
    """Tiny independent reader that also checks the spec's layout rules."""
    raw = open(path, "rb").read()
    (n,) = struct.unpack("<Q", raw[:8])
    assert n % 8 == 0 and 8 + n <= len(raw)
    header = json.loads(raw[8:8 + n].decode("utf-8"))
    meta = header.pop("__metadata__")
    buf, tensors, spans = raw[8 + n:], {}, []
    for name, h in header.items():
        dt = np.dtype(DTYPES[h["dtype"]]).newbyteorder("<")
        b, e = h["data_offsets"]
        assert e - b == int(np.prod(h["shape"], dtype=np.int64)) * dt.itemsize
        tensors[name] = np.frombuffer(buf[b:e], dtype=dt).reshape(h["shape"])
        spans.append((b, e))
    spans.sort()
    assert spans[0][0] == 0 and spans[-1][1] == len(buf), "gap or trailing bytes"
    assert all(p[1] == q[0] for p, q in zip(spans, spans[1:])), "gap or overlap"
    return meta, tensors


# -------------------------------------------------------- integer arithmetic

def mult_shift(M, max_m=2 ** 31 - 1):
    """Best shift s (0..62) so that round(M * 2^s) <= max_m for every M."""
    M = np.atleast_1d(np.asarray(M, dtype=np.float64))
    s = int(np.floor(np.log2(max_m / M.max())))
    s = min(max(s, 0), 62)
    m = np.round(M * 2.0 ** s).astype(np.int64)
    assert m.min() >= 1 and m.max() < 2 ** 31, (m, s)
    return m, s


def type_range(t):
    """(lo, hi) of an activation type {"bits": b, "signed": s}."""
    b = t["bits"]
    return (-(1 << (b - 1)), (1 << (b - 1)) - 1) if t["signed"] else (0, (1 << b) - 1)


def requantize(acc, m, s, rounding, out_type):
    """y = clamp(R(acc * m, s), lo, hi).  acc [..., out] int64; m, s are ints
    or [out] arrays (per output channel, the last axis of acc)."""
    acc = np.asarray(acc, np.int64)
    m = np.broadcast_to(np.asarray(m, np.int64), acc.shape[-1:])
    s = np.broadcast_to(np.asarray(s, np.int64), acc.shape[-1:])
    # v = acc * m must be exact in int64: check the bound rather than hope.
    assert int(np.abs(acc).max(initial=0)) * int(m.max()) < 2 ** 62, "int64 overflow"
    v = acc * m
    half = np.int64(1) << np.maximum(s - 1, 0)       # 2^(s-1) (unused when s == 0)
    if rounding == "half_up":                        # floor((v + 2^(s-1)) / 2^s)
        r = (v + half) >> s
    elif rounding == "floor":                        # arithmetic shift right
        r = v >> s
    elif rounding == "half_even":                    # nearest, ties to even
        q = v >> s
        rem = v - (q << s)                           # 0 <= rem < 2^s
        r = q + ((rem > half) | ((rem == half) & ((q & 1) == 1)))
    else:
        raise ValueError(f"unknown rounding {rounding!r}")
    r = np.where(s > 0, r, v)                        # R(v, 0) = v
    lo, hi = type_range(out_type)
    return np.clip(r, lo, hi)


def int_dense(x, w, b):
    """acc = b + W x for a batch x [N, in]; returns int64 [N, out]."""
    acc = np.asarray(x, np.int64) @ np.asarray(w, np.int64).T
    return acc if b is None else acc + np.asarray(b, np.int64)


def int_conv2d(x, w, b, stride, padding):
    """acc = b + conv(x, W) for x [N, C, H, W], W [K, C, kh, kw], zero padding;
    returns int64 [N, Ho, Wo, K] (channels last, ready for requantize)."""
    (sh, sw), (ph, pw) = stride, padding
    K, C, kh, kw = w.shape
    x = np.pad(np.asarray(x, np.int64), ((0, 0), (0, 0), (ph, ph), (pw, pw)))
    win = sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    N, _, Ho, Wo = win.shape[:4]                     # win [N, C, Ho, Wo, kh, kw]
    cols = win.transpose(0, 2, 3, 1, 4, 5).reshape(N * Ho * Wo, C * kh * kw)
    acc = cols @ np.asarray(w, np.int64).reshape(K, -1).T   # im2col: (c, i, j) order
    if b is not None:
        acc = acc + np.asarray(b, np.int64)
    return acc.reshape(N, Ho, Wo, K)


def int_maxpool2d(x, kernel, stride):
    """Max over each kernel window of x [N, C, H, W]; no padding."""
    (kh, kw), (sh, sw) = kernel, stride
    win = sliding_window_view(x, (kh, kw), axis=(2, 3))[:, :, ::sh, ::sw]
    return win.max(axis=(-2, -1))


def run_graph(graph, tensors, X, batch=1000):
    """Exact integer inference of a dnngen v1 graph on inputs X [N, *shape]."""
    lo, hi = type_range(graph["input"])
    X = np.asarray(X)
    assert tuple(X.shape[1:]) == tuple(graph["input"]["shape"]), X.shape
    assert X.min() >= lo and X.max() <= hi, "input outside its type's range"
    get = lambda v: tensors[v] if isinstance(v, str) else v   # tensor name or literal
    outs = []
    for start in range(0, len(X), batch):                     # bounded memory
        x = X[start:start + batch].astype(np.int64)
        for L in graph["layers"]:
            op = L["op"]
            if op in ("dense", "conv2d"):
                w = tensors[L["weight"]]
                b = tensors[L["bias"]] if "bias" in L else None
                if op == "dense":
                    acc = int_dense(x, w, b)
                else:
                    acc = int_conv2d(x, w, b, L.get("stride", [1, 1]),
                                     L.get("padding", [0, 0]))
                rq = L["requant"]
                y = requantize(acc, get(rq["multiplier"]), get(rq["shift"]),
                               rq.get("rounding", "half_up"), L["output"])
                x = y if op == "dense" else y.transpose(0, 3, 1, 2)  # back to [N, K, H, W]
            elif op == "maxpool2d":
                x = int_maxpool2d(x, L["kernel"], L.get("stride", L["kernel"]))
            elif op == "flatten":
                x = x.reshape(len(x), -1)                     # c*H*W + h*W + w
            else:
                raise ValueError(f"layer {L['name']!r}: unknown op {op!r}")
        outs.append(x)
    return np.concatenate(outs)
