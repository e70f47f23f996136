#!/usr/bin/env python3
"""A realistic onnxruntime-quantized (QDQ) LeNet-5 from a dnngen float model.

    .venv/bin/python tools/make_lenet5_qdq.py out/recipe/lenet5-float.bin -o lenet5-qdq.onnx

1. Reads the float model (docs/float-model-format.md; `dnngen train --arch lenet5` writes one)
   and writes it as a float ONNX graph: Conv/Relu/MaxPool/Flatten/Gemm, input [N, 1, 28, 28]
   holding pixel * input scale (pixel / 255 for dnngen's models).
2. Quantizes it with onnxruntime's quantize_static, QDQ format, on the first --calibration
   Fashion-MNIST training images: uint8 activations with zero points, int8 weights (per
   output channel with --per-channel), int32 biases: what a user of onnxruntime would ship.
With --float FILE the float ONNX model is kept there too.
"""
import argparse
import gzip
import os
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from export_torch import read_float_model  # noqa: E402

DATA = "/usr/share/datasets/fashion-mnist"


def read_images(folder, split):
    """uint8 [N, 1, 28, 28] images of an IDX split ('train' or 't10k')."""
    with gzip.open(os.path.join(folder, f"{split}-images-idx3-ubyte.gz")) as f:
        data = f.read()
    return np.frombuffer(data, dtype=np.uint8, offset=16).reshape(-1, 1, 28, 28)


def read_labels(folder, split):
    with gzip.open(os.path.join(folder, f"{split}-labels-idx1-ubyte.gz")) as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=8)


def graph_output_size(graph, tensors):
    """Outputs of the last dense layer (the classifier's logits)."""
    last = [layer for layer in graph["layers"] if layer["op"] == "dense"][-1]
    return int(tensors[last["weight"]].shape[0])


def float_onnx(graph, tensors):
    """The float model as an ONNX ModelProto (opset 13) and its input scale."""
    nodes, inits = [], []
    current = "x"
    for layer in graph["layers"]:
        name, op = layer["name"], layer["op"]
        if op in ("conv2d", "dense"):
            weight = tensors[layer["weight"]].astype(np.float32)
            inits.append(numpy_helper.from_array(weight, f"{name}.weight"))
            inputs = [current, f"{name}.weight"]
            if layer.get("bias"):
                inits.append(numpy_helper.from_array(tensors[layer["bias"]].astype(np.float32), f"{name}.bias"))
                inputs.append(f"{name}.bias")
            if op == "conv2d":
                pad = layer.get("padding", [0, 0])
                nodes.append(helper.make_node("Conv", inputs, [name], name=name, kernel_shape=list(weight.shape[2:]),
                                              strides=layer.get("stride", [1, 1]), pads=[pad[0], pad[1], pad[0], pad[1]]))
            else:
                nodes.append(helper.make_node("Gemm", inputs, [name], name=name, transB=1))
            current = name
            if layer.get("activation", "none") == "relu":
                nodes.append(helper.make_node("Relu", [current], [f"{name}_relu"], name=f"{name}_relu"))
                current = f"{name}_relu"
        elif op == "maxpool2d":
            nodes.append(helper.make_node("MaxPool", [current], [name], name=name, kernel_shape=layer["kernel"],
                                          strides=layer.get("stride", layer["kernel"])))
            current = name
        elif op == "flatten":
            nodes.append(helper.make_node("Flatten", [current], [name], name=name, axis=1))
            current = name
        else:
            raise ValueError(f"layer '{name}': op '{op}' has no ONNX mapping here")
    shape = graph["input"]["shape"]
    onnx_graph = helper.make_graph(nodes, graph.get("name", "model"),
                                   [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N"] + shape)],
                                   [helper.make_tensor_value_info(current, TensorProto.FLOAT, ["N", graph_output_size(graph, tensors)])],
                                   initializer=inits)
    model = helper.make_model(onnx_graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model, float(graph["input"].get("scale", 1.0))


class ImageCalibration:
    """quantize_static's CalibrationDataReader over scaled images, one at a time."""

    def __init__(self, images, scale):
        self.items = iter([{"x": (image[None] * scale).astype(np.float32)} for image in images])

    def get_next(self):
        return next(self.items, None)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("float_model", help="dnngen float model (dnngen train --arch lenet5)")
    parser.add_argument("-o", "--output", required=True, help="the QDQ model to write (.onnx)")
    parser.add_argument("--data", default=DATA, help=f"folder of the Fashion-MNIST IDX files (default {DATA})")
    parser.add_argument("--calibration", type=int, default=500, help="training images to calibrate on (default 500)")
    parser.add_argument("--per-channel", action="store_true", help="int8 weights per output channel")
    parser.add_argument("--float", dest="float_path", help="also keep the float ONNX model in this file")
    args = parser.parse_args(argv)
    from onnxruntime.quantization import CalibrationMethod, QuantFormat, QuantType, quantize_static

    graph, tensors = read_float_model(args.float_model)
    model, scale = float_onnx(graph, tensors)
    float_path = args.float_path or os.path.join(tempfile.mkdtemp(prefix="dnngen-lenet5-"), "lenet5-float.onnx")
    onnx.save(model, float_path)
    images = read_images(args.data, "train")[: args.calibration]
    quantize_static(float_path, args.output, ImageCalibration(images, scale), quant_format=QuantFormat.QDQ,
                    per_channel=args.per_channel, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                    calibrate_method=CalibrationMethod.MinMax)
    print(f"make_lenet5_qdq: {args.float_model} -> {float_path} (float) -> {args.output} (QDQ, "
          f"{'per-channel' if args.per_channel else 'per-tensor'} int8 weights, uint8 activations, "
          f"calibrated on {len(images)} images; input = pixel * {scale})")


if __name__ == "__main__":
    main()
