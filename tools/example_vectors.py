#!/usr/bin/env python3
"""Test vectors for a model.bin that dnngen wrote (e.g. `dnngen compress`), computed by
this repository's own numpy reference (tools/modelbin.py), independently of dnngen's
Swift one:

    python3 tools/example_vectors.py examples/lenet5-admm-irregular.bin [--data DIR] [-n 20]

writes, beside the model, STEM-inputs.npy (the first N Fashion-MNIST test images,
uint8 [N, 1, 28, 28]), STEM-labels.npy (int32 [N]) and STEM-expected.npy (the integer
model's outputs for them, int32 [N, outputs]); prints the numpy reference's accuracy on
all 10,000 test images (and on the first 500), which `dnngen eval` must repeat.
"""
import argparse
import json
import os

import numpy as np

from make_lenet5_example import load_fashion_mnist
from modelbin import read_safetensors, run_graph


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("model")
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("-n", type=int, default=20)
    args = parser.parse_args()

    meta, tensors = read_safetensors(args.model)
    graph = json.loads(meta["graph"])
    _, _, images, labels = load_fashion_mnist(args.data)
    shape = [len(images)] + list(graph["input"]["shape"])
    images = images.reshape(shape)
    stem = args.model[:-len(".bin")] if args.model.endswith(".bin") else args.model
    expected = run_graph(graph, tensors, images[:args.n])
    np.save(stem + "-inputs.npy", images[:args.n].astype(np.uint8))
    np.save(stem + "-labels.npy", labels[:args.n].astype(np.int32))
    np.save(stem + "-expected.npy", expected.astype(np.int32))
    predicted = run_graph(graph, tensors, images).argmax(axis=1)
    right = predicted == labels
    print(f"{os.path.basename(args.model)}: numpy reference {100 * right.mean():.2f}% on {len(labels)} "
          f"test images ({right[:500].sum()}/500 on the first 500); wrote {stem}-{{inputs,labels,expected}}.npy")


if __name__ == "__main__":
    main()
