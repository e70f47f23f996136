#!/usr/bin/env python3
"""Writes a synthetic pruned, quantized MLP as model.bin, for benchmarks of dnngen's hardware.

The weights are random (not trained): what matters for hardware figures is the shape, the bit
width and where the zeros are. Each layer is pruned by whole rows (neurons) and then
irregularly, both by magnitude on random values, and requantized so outputs use the whole
8-bit range rather than saturating.

    python3 tools/make_synthetic_mlp.py --layers 784,300,100,10 --bits 4 \
        --row-prune 0.5 --irregular 0.5 --seed 1 -o out/mlp-784.bin
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modelbin import mult_shift, write_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--layers", default="784,300,100,10", help="widths, input first")
    ap.add_argument("--bits", type=int, default=4, help="weight bits (int kind)")
    ap.add_argument("--row-prune", type=float, default=0.5, help="fraction of hidden neurons removed")
    ap.add_argument("--irregular", type=float, default=0.5, help="fraction of remaining weights zeroed")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--name", default=None)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    widths = [int(w) for w in a.layers.split(",")]
    rng = np.random.default_rng(a.seed)
    qmax = (1 << (a.bits - 1)) - 1
    tensors, layers = {}, []
    in_type = {"bits": 8, "signed": False}
    for i, (n_in, n_out) in enumerate(zip(widths, widths[1:])):
        name = f"fc{i + 1}"
        last = i == len(widths) - 2
        w = np.clip(np.round(rng.normal(0, qmax / 2, (n_out, n_in))), -qmax - 1, qmax).astype(np.int8)
        if not last:  # row pruning: drop the weakest neurons (a hidden layer's rows)
            norms = np.abs(w).sum(axis=1)
            w[np.argsort(norms)[: int(round(a.row_prune * n_out))]] = 0
        live = w != 0  # irregular pruning of what is left, by magnitude with random ties
        score = np.abs(w) + rng.random(w.shape) * 0.5
        cut = np.quantile(score[live], a.irregular) if live.any() else 0
        w[score < cut] = 0
        out_type = {"bits": 8, "signed": last}
        # Requantize so that a typical accumulator maps to a quarter of the output range.
        x_max = (1 << in_type["bits"]) - 1
        typical = np.sqrt((w.astype(np.float64) ** 2).sum(axis=1).max()) * x_max / 2 + 1
        m, s = mult_shift(64.0 / typical)
        tensors[f"{name}.weight"] = w
        tensors[f"{name}.bias"] = np.zeros(n_out, np.int32)
        layers.append({"name": name, "op": "dense", "weight": f"{name}.weight", "bias": f"{name}.bias",
                       "weight_bits": a.bits, "weight_kind": "int",
                       "requant": {"multiplier": int(m[0]), "shift": int(s), "rounding": "half_up"},
                       "output": out_type})
        in_type = out_type
    graph = {"name": a.name or f"mlp-{'-'.join(map(str, widths))}",
             "input": {"shape": [widths[0]], "bits": 8, "signed": False}, "layers": layers}
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    write_safetensors(a.output, tensors, {"format": "dnngen-model", "version": "1", "graph": json.dumps(graph)})
    kept = sum(int((t != 0).sum()) for k, t in tensors.items() if k.endswith(".weight"))
    total = sum(t.size for k, t in tensors.items() if k.endswith(".weight"))
    print(f"wrote {a.output}: {graph['name']}, {kept}/{total} weights kept ({100 * kept / total:.1f}%)")


if __name__ == "__main__":
    main()
