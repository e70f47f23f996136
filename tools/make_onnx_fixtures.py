#!/usr/bin/env python3
"""Writes the ONNX files the Swift tests read (Tests/DNNGenTests/Fixtures/onnx/):

    .venv/bin/python tools/make_onnx_fixtures.py

qonnx-cnn-w4.onnx and qonnx-mlp-binary.onnx (tools/onnx_models.py, seed 0) and qdq-cnn.onnx
(onnx_models.float_cnn quantized by onnxruntime's quantize_static, per-channel weights): small
valid models that the import fuzz test mutates and the end-to-end test generates RTL from.
bad-*.onnx: each breaks one rule the importer must report (unsupported ops, a float weight,
a weight whose shape disagrees with its input).
"""
import numpy as np
import os
import sys

import onnx

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import onnx_models  # noqa: E402
from test_onnx_import import RandomCalibration, quantize_qdq  # noqa: E402

OUT = os.path.join(HERE, "..", "Tests", "DNNGenTests", "Fixtures", "onnx")


def main():
    os.makedirs(OUT, exist_ok=True)
    onnx.save(onnx_models.qonnx_cnn(4, False, seed=0)[0], os.path.join(OUT, "qonnx-cnn-w4.onnx"))
    onnx.save(onnx_models.qonnx_mlp(1, True, seed=0)[0], os.path.join(OUT, "qonnx-mlp-binary.onnx"))
    path = os.path.join(OUT, "qdq-cnn.onnx")
    quantize_qdq(onnx_models.float_cnn(0), path, RandomCalibration("x", [1, 8, 8], 64, 0), per_channel=True)
    os.remove(path.replace(".onnx", "-float.onnx"))
    write_bad_models()
    for name in sorted(os.listdir(OUT)):
        print(f"{name}: {os.path.getsize(os.path.join(OUT, name))} bytes")


def write_bad_models():
    model = onnx_models.qonnx_mlp(4, False, seed=0)[0]
    last = model.graph.output[0].name
    unsupported = onnx.ModelProto()
    unsupported.CopyFrom(model)
    unsupported.graph.node.append(onnx.helper.make_node("Softmax", [last], ["probabilities"], name="softmax"))
    unsupported.graph.node.append(onnx.helper.make_node("Sigmoid", ["probabilities"], ["gate"], name="gate"))
    unsupported.graph.output[0].name = "gate"
    onnx.save(unsupported, os.path.join(OUT, "bad-unsupported-ops.onnx"))

    float_weight = onnx.ModelProto()
    float_weight.CopyFrom(model)
    fc1 = next(n for n in float_weight.graph.node if n.name == "fc1")
    quant = next(n for n in float_weight.graph.node if n.output[0] == fc1.input[1])
    fc1.input[1] = quant.input[0]
    float_weight.graph.node.remove(quant)
    onnx.save(float_weight, os.path.join(OUT, "bad-float-weight.onnx"))

    shape = onnx.ModelProto()
    shape.CopyFrom(model)
    fc1 = next(n for n in shape.graph.node if n.name == "fc1")
    quant = next(n for n in shape.graph.node if n.output[0] == fc1.input[1])
    weight = next(i for i in shape.graph.initializer if i.name == quant.input[0])
    wider = np.zeros([17, 12], dtype=np.float32)
    weight.CopyFrom(onnx.numpy_helper.from_array(wider, weight.name))
    onnx.save(shape, os.path.join(OUT, "bad-shape.onnx"))


if __name__ == "__main__":
    main()
