"""Small quantized ONNX models built with onnx.helper, for the import tests (no PyTorch).

QONNX models use the Quant/BipolarQuant custom ops (domain qonnx.custom_op.general) as Brevitas
exports them; every scale is a power of two, so the qonnx executor computes them exactly in
float32 and its outputs are integer codes times the last scale. QDQ models are float ONNX
models quantized by onnxruntime's quantize_static.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

QONNX_DOMAIN = "qonnx.custom_op.general"


class GraphBuilder:
    """Collects nodes and initializers; names tensors t0, t1, ..."""

    def __init__(self, name):
        self.name = name
        self.nodes = []
        self.inits = []
        self.count = 0

    def tensor(self):
        self.count += 1
        return f"t{self.count}"

    def const(self, value, dtype=np.float32):
        name = f"c{len(self.inits)}"
        self.inits.append(numpy_helper.from_array(np.asarray(value, dtype=dtype), name))
        return name

    def node(self, op, inputs, domain="", name=None, **attrs):
        out = self.tensor()
        self.nodes.append(helper.make_node(op, inputs, [out], name=name or f"{op.lower()}{len(self.nodes)}",
                                           domain=domain, **attrs))
        return out

    def quant(self, x, scale, bits, signed, zero_point=0.0, narrow=0, rounding="ROUND", name=None):
        return self.node("Quant", [x, self.const(scale), self.const(zero_point), self.const(float(bits))],
                         domain=QONNX_DOMAIN, name=name, signed=int(signed), narrow=int(narrow),
                         rounding_mode=rounding)

    def bipolar(self, x, scale):
        return self.node("BipolarQuant", [x, self.const(scale)], domain=QONNX_DOMAIN)

    def model(self, input_name, input_shape, output_name, opset=13):
        graph = helper.make_graph(
            self.nodes, self.name,
            [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["N"] + list(input_shape))],
            [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, None)],
            initializer=self.inits)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset),
                                                        helper.make_opsetid(QONNX_DOMAIN, 1)])
        model.ir_version = 8
        return model


def po2_weights(rng, shape, bits, binary, per_channel):
    """Float weights that quantize to codes of `bits` bits with power-of-two scales."""
    channels = shape[0]
    exponents = rng.integers(-7, -3, size=channels) if per_channel else np.full(channels, -5)
    scale = (2.0 ** exponents).reshape([channels] + [1] * (len(shape) - 1)).astype(np.float32)
    if binary:
        codes = rng.choice([-1.0, 1.0], size=shape)
    else:
        low, high = -(2 ** (bits - 1)), 2 ** (bits - 1) - 1
        codes = rng.integers(low, high + 1, size=shape).astype(np.float64)
        # A little structure: one pruned output row, so the structure survives the import.
        codes[0] = 0
    # Off-grid noise below half a step, so the Quant node really rounds.
    noise = rng.uniform(-0.45, 0.45, size=shape) if not binary else 0
    weights = ((codes + noise) * scale).astype(np.float32)
    return weights, (scale if per_channel else np.float32(scale.flat[0]))


def weight_quant(g, rng, shape, bits, binary, per_channel):
    weights, scale = po2_weights(rng, shape, bits, binary, per_channel)
    w = g.const(weights)
    if binary:
        return g.bipolar(w, scale), scale
    return g.quant(w, scale, bits, signed=True), scale


def qonnx_mlp(bits, binary, seed=0):
    """Quant(u8) -> MatMul+Add(float bias)+Relu -> Quant(u4) -> Gemm(transB, int32 bias) -> Quant(s8)."""
    rng = np.random.default_rng(seed)
    g = GraphBuilder(f"qonnx_mlp_w{'b' if binary else bits}")
    s_in, s_h, s_out = 2.0 ** -3, 2.0 ** -2, 2.0 ** -3
    x = g.quant("x", s_in, 8, signed=False, name="quant_input")
    # MatMul takes W as [in, out].
    weights, scale = po2_weights(rng, [16, 12], bits, binary, per_channel=False)
    w1 = g.bipolar(g.const(weights), scale) if binary else g.quant(g.const(weights), scale, bits, signed=True)
    h = g.node("MatMul", [x, w1], name="fc1")
    # Odd multiples of 2^-10 are a quarter-unit off the accumulator's 2^-8 grid: a float bias
    # that the import must handle without rounding it.
    bias1 = ((2 * rng.integers(-32, 32, size=12) + 1) * 2.0 ** -10).astype(np.float32)
    h = g.node("Add", [h, g.const(bias1)], name="fc1_bias")
    h = g.node("Relu", [h], name="fc1_relu")
    h = g.quant(h, s_h, 4, signed=False, name="quant_fc1")
    w2, s_w2 = weight_quant(g, rng, [8, 12], bits, binary, per_channel=True)
    y = g.node("Gemm", [h, w2], name="fc2", transB=1)
    y = g.quant(y, s_out, 8, signed=True, name="quant_output")
    model = g.model("x", [16], y)
    model = calibrate_po2(model, s_in, 8)
    # An Int32 bias (Brevitas' Int32Bias) at the accumulator's scale s_h * s_w2, added once the
    # calibration has fixed s_h: its codes are exact integers in the accumulator's unit.
    inits = {i.name: i for i in model.graph.initializer}
    quant_fc1 = next(n for n in model.graph.node if n.name == "quant_fc1")
    s_h = float(numpy_helper.to_array(inits[quant_fc1.input[1]]))
    bias_scale = (s_h * np.asarray(s_w2).reshape(8)).astype(np.float32)
    bias_codes = rng.integers(-200, 200, size=8).astype(np.float32)
    names = [f"fc2_bias_{part}" for part in ("value", "scale", "zero_point", "bits")]
    for name, value in zip(names, [bias_codes * bias_scale, bias_scale, 0.0, 32.0]):
        model.graph.initializer.append(numpy_helper.from_array(np.asarray(value, dtype=np.float32), name))
    model.graph.node.insert(0, helper.make_node("Quant", names, ["fc2_bias"], name="quant_fc2_bias",
                                                domain=QONNX_DOMAIN, signed=1, narrow=0, rounding_mode="ROUND"))
    next(n for n in model.graph.node if n.name == "fc2").input.append("fc2_bias")
    return model, {"scale": s_in, "bits": 8, "signed": False}, {"scale": output_scale(model), "zero_point": 0}


def qonnx_cnn(bits, binary, seed=0):
    """Quant(u8) -> Conv 3x3 pad 1 + Relu -> Quant(u4) -> MaxPool 2 -> Conv 2x2 + BN-free Relu ->
    Quant(s8, so a u7 after the Relu) -> Flatten -> MatMul -> Quant(s8)."""
    rng = np.random.default_rng(seed)
    g = GraphBuilder(f"qonnx_cnn_w{'b' if binary else bits}")
    s_in, s_1, s_2, s_out = 2.0 ** -8, 2.0 ** -3, 2.0 ** -4, 2.0 ** -2
    x = g.quant("x", s_in, 8, signed=False, name="quant_input")
    w1, _ = weight_quant(g, rng, [4, 1, 3, 3], bits, binary, per_channel=True)
    bias1 = (rng.integers(-64, 64, size=4) * 2.0 ** -9).astype(np.float32)
    h = g.node("Conv", [x, w1, g.const(bias1)], name="conv1", pads=[1, 1, 1, 1], kernel_shape=[3, 3])
    h = g.node("Relu", [h], name="conv1_relu")
    h = g.quant(h, s_1, 4, signed=False, name="quant_conv1")
    h = g.node("MaxPool", [h], name="pool1", kernel_shape=[2, 2], strides=[2, 2])
    w2, _ = weight_quant(g, rng, [6, 4, 2, 2], bits, binary, per_channel=False)
    h = g.node("Conv", [h, w2], name="conv2", kernel_shape=[2, 2])
    h = g.node("Relu", [h], name="conv2_relu")
    h = g.quant(h, s_2, 8, signed=True, name="quant_conv2")
    h = g.node("Flatten", [h], name="flatten", axis=1)
    weights, scale = po2_weights(rng, [6 * 3 * 3, 5], bits, binary, per_channel=False)
    w3 = g.bipolar(g.const(weights), scale) if binary else g.quant(g.const(weights), scale, bits, signed=True)
    y = g.node("MatMul", [h, w3], name="fc")
    y = g.quant(y, s_out, 8, signed=True, name="quant_output")
    return finish(g.model("x", [1, 8, 8], y), s_in)


def finish(model, s_in):
    """The calibrated model, its input quantization and its output quantization."""
    model = calibrate_po2(model, s_in, 8)
    return model, {"scale": s_in, "bits": 8, "signed": False}, {"scale": output_scale(model), "zero_point": 0}


def float_cnn(seed=0):
    """A float CNN (Conv+Relu, MaxPool, Conv+Relu, Flatten, Gemm, Gemm) for quantize_static."""
    rng = np.random.default_rng(seed)
    g = GraphBuilder("float_cnn")
    h = g.node("Conv", ["x", g.const(rng.normal(0, 0.4, [4, 1, 3, 3])), g.const(rng.normal(0, 0.1, 4))],
               name="conv1", kernel_shape=[3, 3])
    h = g.node("Relu", [h], name="relu1")
    h = g.node("MaxPool", [h], name="pool1", kernel_shape=[2, 2], strides=[2, 2])
    h = g.node("Conv", [h, g.const(rng.normal(0, 0.3, [6, 4, 2, 2])), g.const(rng.normal(0, 0.1, 6))],
               name="conv2", kernel_shape=[2, 2])
    h = g.node("Relu", [h], name="relu2")
    h = g.node("Flatten", [h], name="flatten", axis=1)
    h = g.node("Gemm", [h, g.const(rng.normal(0, 0.2, [12, 24])), g.const(rng.normal(0, 0.1, 12))],
               name="fc1", transB=1)
    h = g.node("Relu", [h], name="relu3")
    y = g.node("Gemm", [h, g.const(rng.normal(0, 0.3, [5, 12])), g.const(rng.normal(0, 0.1, 5))],
               name="fc2", transB=1)
    return g.model("x", [1, 8, 8], y)


def calibrate_po2(model, input_scale, input_bits, samples=64, seed=1):
    """Sets each activation Quant's scale (all but the input's) to the power of two that maps the
    99.5th percentile of its input's magnitude near the top code, layer by layer, with the qonnx
    executor, so that random weights give well-spread codes at every bit width."""
    from qonnx.core.modelwrapper import ModelWrapper
    from qonnx.core.onnx_exec import execute_onnx
    from qonnx.transformation.infer_shapes import InferShapes

    shape = [d.dim_value for d in model.graph.input[0].type.tensor_type.shape.dim[1:]]
    codes = np.random.default_rng(seed).integers(0, 2 ** input_bits, size=[samples] + shape)
    inits = {i.name: i for i in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type != "Quant" or node.name == "quant_input" or node.input[0] in inits:
            continue
        fixed = onnx.ModelProto()
        fixed.CopyFrom(model)
        fixed.graph.input[0].type.tensor_type.shape.dim[0].dim_value = samples
        wrapper = ModelWrapper(fixed).transform(InferShapes())
        context = execute_onnx(wrapper, {"x": (codes * input_scale).astype(np.float32)}, return_full_exec_context=True)
        level = float(np.percentile(np.abs(context[node.input[0]]), 99.5)) or 1.0
        bits = float(numpy_helper.to_array(inits[node.input[3]]))
        signed = next(a.i for a in node.attribute if a.name == "signed")
        top = 2 ** (bits - 1) - 1 if signed else 2 ** bits - 1
        scale = np.float32(2.0 ** np.ceil(np.log2(level / top)))
        inits[node.input[1]].CopyFrom(numpy_helper.from_array(np.asarray(scale, dtype=np.float32), node.input[1]))
    return model


def output_scale(model):
    """The scale of the last Quant node (the output codes' scale)."""
    inits = {i.name: i for i in model.graph.initializer}
    last = [n for n in model.graph.node if n.op_type == "Quant"][-1]
    return float(numpy_helper.to_array(inits[last.input[1]]))
