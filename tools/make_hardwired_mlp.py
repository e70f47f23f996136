#!/usr/bin/env python3
"""Writes a random 8-bit MLP with a given fraction of irregular zeros as model.bin, for the
hardwired engine's benchmark (the 16-64-32-32-5 jet-tagging shape by default).

Weights are uniform random integers in [-127, 127] without 0, then exactly round(p * n) of each
layer's n weights, at random positions, are set to 0: irregular pruning with nothing structured
left to compact. Activations are 8 bits: unsigned inputs and hidden layers (ReLU by the clamp),
a signed output. Requantization is a power-of-two scale (m = 1, shift s) with truncation
(floor rounding) and no bias by default, as fixed-point designs (hls4ml, da4ml) have it, with s
chosen so that a typical accumulator spans a quarter of the output range; --bias random and
--rounding half_up give each output a constant to add as well.

    python3 tools/make_hardwired_mlp.py --zeros 0.8 --seed 1 -o out/hw-mlp-80.bin
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modelbin import write_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", default="16,64,32,32,5", help="widths, input first")
    ap.add_argument("--zeros", type=float, default=0.0, help="fraction of each layer's weights set to 0")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bias", choices=["zero", "random"], default="zero", help="bias: 0, or uniform in [-2^s, 2^s)")
    ap.add_argument("--rounding", choices=["floor", "half_up", "half_even"], default="floor")
    ap.add_argument("--name", default=None)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    if not 0.0 <= a.zeros < 1.0:
        sys.exit(f"make_hardwired_mlp.py: --zeros must be in [0, 1), got {a.zeros}")

    widths = [int(w) for w in a.layers.split(",")]
    rng = np.random.default_rng(a.seed)
    tensors, layers = {}, []
    in_type = {"bits": 8, "signed": False}
    for i, (n_in, n_out) in enumerate(zip(widths, widths[1:])):
        name = f"fc{i + 1}"
        last = i == len(widths) - 2
        magnitude = rng.integers(1, 128, (n_out, n_in))
        w = np.where(rng.random((n_out, n_in)) < 0.5, -magnitude, magnitude)
        zeros = int(round(a.zeros * w.size))
        w.reshape(-1)[rng.permutation(w.size)[:zeros]] = 0
        out_type = {"bits": 8, "signed": last}
        # A typical accumulator: sqrt(sum w^2) times a typical input; 2^s brings it to 64.
        typical = np.sqrt((w.astype(np.float64) ** 2).sum(axis=1).max()) * 128 + 1
        shift = max(0, int(round(np.log2(typical / 64))))
        tensors[f"{name}.weight"] = w.astype(np.int8)
        bias = rng.integers(-(1 << shift), 1 << shift, n_out)
        tensors[f"{name}.bias"] = (bias if a.bias == "random" else np.zeros(n_out)).astype(np.int32)
        layers.append({"name": name, "op": "dense", "weight": f"{name}.weight", "bias": f"{name}.bias",
                       "weight_bits": 8, "weight_kind": "int",
                       "requant": {"multiplier": 1, "shift": shift, "rounding": a.rounding},
                       "output": out_type})
        in_type = out_type
    pct = int(round(100 * a.zeros))
    graph = {"name": a.name or f"mlp-{'-'.join(map(str, widths))}-z{pct}",
             "input": {"shape": [widths[0]], "bits": 8, "signed": False}, "layers": layers}
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    write_safetensors(a.output, tensors, {"format": "dnngen-model", "version": "1", "graph": json.dumps(graph)})
    kept = sum(int((t != 0).sum()) for k, t in tensors.items() if k.endswith(".weight"))
    total = sum(t.size for k, t in tensors.items() if k.endswith(".weight"))
    print(f"wrote {a.output}: {graph['name']}, {kept}/{total} weights non-zero ({100 * kept / total:.1f}%)")


if __name__ == "__main__":
    main()
