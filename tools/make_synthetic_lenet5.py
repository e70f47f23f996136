#!/usr/bin/env python3
"""Writes a LeNet-5 with random dense (unpruned) integer weights as model.bin, for throughput
benchmarks of dnngen's dense engine (NNgen's configuration: 8-bit weights, no pruning).

Only the shapes and the weight width matter to the hardware figures; the weights are random and
each layer is requantized so that a typical accumulator spreads over its 8-bit output.

    python3 tools/make_synthetic_lenet5.py --bits 8 --seed 1 -o out/lenet5-dense8.bin

Network: conv1 6@5x5 on 1x28x28 -> pool 2x2 -> conv2 16@5x5 -> pool 2x2 -> flat (256)
-> fc1 120 -> fc2 84 -> fc3 10.
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
    ap.add_argument("--bits", type=int, default=8, help="weight bits (int kind)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-o", "--output", required=True)
    a = ap.parse_args()

    rng = np.random.default_rng(a.seed)
    qmax = (1 << (a.bits - 1)) - 1
    # name, weight shape; a pool follows each convolution
    shapes = [("conv1", (6, 1, 5, 5)), ("conv2", (16, 6, 5, 5)),
              ("fc1", (120, 256)), ("fc2", (84, 120)), ("fc3", (10, 84))]
    tensors, layers = {}, []
    for name, shape in shapes:
        w = np.clip(np.round(rng.normal(0, qmax / 2, shape)), -qmax - 1, qmax).astype(np.int8)
        w[w == 0] = 1  # dense: no zero weight
        last = name == "fc3"
        fan_in = int(np.prod(shape[1:]))
        typical = np.sqrt((w.astype(np.float64).reshape(shape[0], fan_in) ** 2).sum(axis=1).max()) * 255 / 2 + 1
        m, s = mult_shift(64.0 / typical)
        tensors[f"{name}.weight"] = w
        tensors[f"{name}.bias"] = np.zeros(shape[0], np.int32)
        layer = {"name": name, "op": "conv2d" if len(shape) == 4 else "dense",
                 "weight": f"{name}.weight", "bias": f"{name}.bias"}
        if len(shape) == 4:
            layer.update(stride=[1, 1], padding=[0, 0])
        layer.update(weight_bits=a.bits, weight_kind="int",
                     requant={"multiplier": int(m[0]), "shift": int(s), "rounding": "half_up"},
                     output={"bits": 8, "signed": last})
        layers.append(layer)
        if len(shape) == 4:
            layers.append({"name": "pool" + name[-1], "op": "maxpool2d", "kernel": [2, 2], "stride": [2, 2]})
        if name == "conv2":
            layers.append({"name": "flat", "op": "flatten"})
    graph = {"name": f"lenet5-dense{a.bits}", "input": {"shape": [1, 28, 28], "bits": 8, "signed": False},
             "layers": layers}
    os.makedirs(os.path.dirname(os.path.abspath(a.output)), exist_ok=True)
    write_safetensors(a.output, tensors, {"format": "dnngen-model", "version": "1", "graph": json.dumps(graph)})
    print(f"wrote {a.output}: {graph['name']}, {sum(t.size for k, t in tensors.items() if k.endswith('.weight'))} weights")


if __name__ == "__main__":
    main()
