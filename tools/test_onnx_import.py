#!/usr/bin/env python3
"""dnngen's ONNX import against the reference runtimes (run by scripts/test-onnx.sh in make test).

    .venv/bin/python tools/test_onnx_import.py --dnngen .build/debug/dnngen [--samples 1000]

- QONNX (Quant/BipolarQuant, power-of-two scales), MLP and CNN with 2-, 4-, 8-bit and binary
  weights: `dnngen run` must equal the qonnx executor's integer codes on every output element.
- QDQ (onnxruntime quantize_static, uint8 activations with zero points, int8 weights per tensor
  and per channel): at least 99 % of the output codes identical to onnxruntime's and none more
  than one step off (the 10,000-image LeNet-5 figures come from `make onnx-check`).
Ends with the line 'N passed, N failed'; exit status 1 on any failure.
"""
import argparse
import os
import sys
import traceback

import numpy as np
import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import onnx_models  # noqa: E402
from onnx_oracles import (agreement, qdq_code_tensors, run_dnngen, run_onnxruntime,  # noqa: E402
                          run_qonnx, scratch_dir)


def check_qonnx(dnngen, build, bits, binary, samples, workdir, seed):
    model, input_q, output_q = build(bits, binary, seed=seed)
    path = os.path.join(workdir, model.graph.name + ".onnx")
    onnx.save(model, path)
    rng = np.random.default_rng(seed + 100)
    shape = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim[1:]]
    codes = rng.integers(0, 2 ** input_q["bits"], size=[samples] + shape)
    floats = run_qonnx(model, codes * input_q["scale"])
    expected = floats / output_q["scale"] + output_q["zero_point"]
    assert np.all(expected == np.round(expected)), "qonnx outputs are not integer codes"
    ours = run_dnngen(dnngen, path, codes, workdir)
    mismatches = int(np.sum(ours.reshape(expected.shape) != expected))
    print(f"  {model.graph.name}: {samples} inputs, {expected.size} output codes, {mismatches} mismatches "
          f"(codes {int(expected.min())}..{int(expected.max())})")
    assert mismatches == 0, f"{mismatches} of {expected.size} output codes differ from the qonnx executor"


class RandomCalibration:
    """quantize_static's CalibrationDataReader over fixed random batches."""

    def __init__(self, name, shape, count, seed):
        rng = np.random.default_rng(seed)
        self.items = iter([{name: rng.uniform(0, 1, size=[1] + shape).astype(np.float32)} for _ in range(count)])

    def get_next(self):
        return next(self.items, None)


def quantize_qdq(float_model, path, calibration, per_channel):
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_static

    float_path = path.replace(".onnx", "-float.onnx")
    onnx.save(float_model, float_path)
    quantize_static(float_path, path, calibration, quant_format=QuantFormat.QDQ, per_channel=per_channel,
                    activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)
    return onnx.load(path)


def compare_qdq(dnngen, model, path, floats, workdir):
    """(identical fraction, worst difference, top-1 agreement) of dnngen vs onnxruntime codes."""
    input_codes, output_codes = qdq_code_tensors(model)
    codes, reference = run_onnxruntime(model, floats, [input_codes, output_codes])
    ours = run_dnngen(dnngen, path, codes.reshape(len(floats), *floats.shape[1:]), workdir)
    return agreement(reference, ours)


def check_qdq(dnngen, per_channel, samples, workdir, seed):
    model = onnx_models.float_cnn(seed)
    path = os.path.join(workdir, f"qdq_cnn_{'channel' if per_channel else 'tensor'}.onnx")
    quantized = quantize_qdq(model, path, RandomCalibration("x", [1, 8, 8], 64, seed), per_channel)
    floats = np.random.default_rng(seed + 7).uniform(0, 1, size=[samples, 1, 8, 8]).astype(np.float32)
    same, worst, top1 = compare_qdq(dnngen, quantized, path, floats, workdir)
    print(f"  QDQ CNN per-{'channel' if per_channel else 'tensor'}: {samples} inputs, {100 * same:.3f} % of output "
          f"codes identical to onnxruntime, largest difference {worst}, top-1 agreement {100 * top1:.2f} %")
    assert same >= 0.99 and worst <= 1, "QDQ outputs disagree with onnxruntime beyond one step or 1 %"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dnngen", required=True, help="the dnngen binary")
    parser.add_argument("--samples", type=int, default=1000, help="inputs per model (default 1000)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    workdir = scratch_dir()
    cases = []
    for name, build in [("mlp", onnx_models.qonnx_mlp), ("cnn", onnx_models.qonnx_cnn)]:
        for bits, binary in [(2, False), (4, False), (8, False), (1, True)]:
            label = f"qonnx {name} {'binary' if binary else f'{bits}-bit'} weights bit-exact vs the qonnx executor"
            cases.append((label, lambda b=build, n=bits, k=binary: check_qonnx(args.dnngen, b, n, k, args.samples, workdir, args.seed)))
    for per_channel in (False, True):
        label = f"qdq cnn per-{'channel' if per_channel else 'tensor'} vs onnxruntime"
        cases.append((label, lambda p=per_channel: check_qdq(args.dnngen, p, args.samples, workdir, args.seed)))
    passed = failed = 0
    for label, run in cases:
        print(f"{label} (seed {args.seed})")
        try:
            run()
            passed += 1
        except Exception:  # noqa: BLE001 - every failure is reported, then counted
            traceback.print_exc()
            print(f"FAILED: {label}")
            failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
