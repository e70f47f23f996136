#!/usr/bin/env python3
"""Writes LeNet-5-shaped models with a given fraction of every layer's weights zeroed at random,
for the sparse engine's benchmarks (4-bit weights, not trained).

The graph, biases and requantization come from a LeNet-5 model.bin (examples/lenet5.bin); every
weight is redrawn as a random non-zero 4-bit value, then exactly round(sparsity * n) weights of
each layer are zeroed at positions drawn uniformly: irregular zeros with no structure at all.

    python3 tools/make_sparse_lenet.py --sparsity 0.9 --seed 1 -o out/lenet5-sparse90.bin
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modelbin import read_safetensors, write_safetensors  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="examples/lenet5.bin", help="LeNet-5 model.bin giving the graph")
    ap.add_argument("--sparsity", type=float, required=True, help="fraction of each layer's weights zeroed")
    ap.add_argument("--bits", type=int, default=4)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()
    if not 0 <= a.sparsity < 1:
        sys.exit("make_sparse_lenet: --sparsity must be in [0, 1)")
    meta, tensors = read_safetensors(a.base)
    graph = json.loads(meta["graph"])
    rng = np.random.default_rng(a.seed)
    qmax = (1 << (a.bits - 1)) - 1
    out = {k: np.array(v) for k, v in tensors.items()}
    for layer in graph["layers"]:
        if "weight" not in layer:
            continue
        w = out[layer["weight"]]
        values = rng.integers(1, qmax + 1, size=w.shape) * rng.choice([-1, 1], size=w.shape)
        flat = values.reshape(-1)
        zeros = int(round(a.sparsity * flat.size))
        flat[rng.permutation(flat.size)[:zeros]] = 0
        out[layer["weight"]] = flat.reshape(w.shape).astype(w.dtype)
        layer["weight_bits"] = a.bits
        layer["weight_kind"] = "int"
    graph["name"] = f"lenet5-sparse{round(a.sparsity * 100)}"
    meta = dict(meta, graph=json.dumps(graph))
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    write_safetensors(a.output, out, meta)
    print(f"wrote {a.output}: {graph['name']}, {a.sparsity:.0%} of every layer's weights zero")


if __name__ == "__main__":
    main()
