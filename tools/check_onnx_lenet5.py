#!/usr/bin/env python3
"""dnngen vs onnxruntime on a QDQ LeNet-5 over the Fashion-MNIST test images (make onnx-check).

    .venv/bin/python tools/check_onnx_lenet5.py lenet5-qdq.onnx --dnngen .build/release/dnngen [--limit N]

Feeds onnxruntime the float images (pixel / 255), takes the codes of its input QuantizeLinear
as dnngen's inputs and the codes of its last QuantizeLinear as the reference, and prints the
share of identical output codes, the largest difference, top-1 agreement and both accuracies.
Exit status 1 unless >= 99.9 % of the codes are identical, none differs by more than one
step, and top-1 agrees on >= 99.9 % of the images.
"""
import argparse
import os
import sys
import time

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from make_lenet5_qdq import DATA, read_images, read_labels  # noqa: E402
from onnx_oracles import agreement, qdq_code_tensors, run_dnngen, run_onnxruntime, scratch_dir  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", help="the QDQ LeNet-5 (.onnx)")
    parser.add_argument("--dnngen", required=True, help="the dnngen binary")
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--limit", type=int, default=10000, help="test images to use (default all 10,000)")
    parser.add_argument("--scale", type=float, default=1 / 255, help="input = pixel * scale (default 1/255)")
    args = parser.parse_args(argv)
    model = onnx.load(args.model)
    images = read_images(args.data, "t10k")[: args.limit]
    labels = read_labels(args.data, "t10k")[: args.limit]
    floats = (images * np.float32(args.scale)).astype(np.float32)
    input_codes, output_codes = qdq_code_tensors(model)
    start = time.time()
    codes, reference = run_onnxruntime(model, floats, [input_codes, output_codes])
    ort_seconds = time.time() - start
    start = time.time()
    ours = run_dnngen(args.dnngen, args.model, codes.reshape(len(images), 1, 28, 28), scratch_dir())
    dnngen_seconds = time.time() - start
    same, worst, top1 = agreement(reference, ours)
    reference_flat = reference.reshape(len(images), -1)
    ours_flat = ours.reshape(len(images), -1)
    differing = int(np.sum(reference_flat != ours_flat))
    ort_accuracy = float(np.mean(np.argmax(reference_flat, axis=1) == labels))
    our_accuracy = float(np.mean(np.argmax(ours_flat, axis=1) == labels))
    print(f"{args.model}: {len(images)} Fashion-MNIST test images, {reference_flat.size} output codes")
    print(f"  identical to onnxruntime: {100 * same:.3f} % ({differing} differ; bound >= 99.9 %)")
    print(f"  largest difference: {worst} step(s) (bound <= 1)")
    print(f"  same top-1: {100 * top1:.2f} % of images (bound >= 99.9 %)")
    print(f"  accuracy: onnxruntime {100 * ort_accuracy:.2f} %, dnngen {100 * our_accuracy:.2f} %")
    print(f"  time: onnxruntime {ort_seconds:.1f} s, dnngen run {dnngen_seconds:.1f} s")
    ok = same >= 0.999 and worst <= 1 and top1 >= 0.999
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
