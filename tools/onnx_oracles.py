"""Running quantized ONNX models in the reference runtimes, and dnngen on the same inputs."""
import os
import subprocess
import tempfile

import numpy as np
import onnx


def run_qonnx(model, inputs):
    """The qonnx executor's output of `model` (a ModelProto) for float `inputs`."""
    from qonnx.core.modelwrapper import ModelWrapper
    from qonnx.core.onnx_exec import execute_onnx
    from qonnx.transformation.infer_shapes import InferShapes

    # The executor checks inputs against fixed shapes: give the batch dimension the batch's size.
    fixed = onnx.ModelProto()
    fixed.CopyFrom(model)
    fixed.graph.input[0].type.tensor_type.shape.dim[0].dim_value = len(inputs)
    wrapper = ModelWrapper(fixed).transform(InferShapes())
    name_in = wrapper.graph.input[0].name
    name_out = wrapper.graph.output[0].name
    return execute_onnx(wrapper, {name_in: inputs.astype(np.float32)})[name_out]


def with_outputs(model, names):
    """A copy of `model` that also outputs the tensors `names` (e.g. quantizer codes)."""
    copy = onnx.ModelProto()
    copy.CopyFrom(model)
    existing = {o.name for o in copy.graph.output}
    for name in names:
        if name not in existing:
            copy.graph.output.append(onnx.helper.make_empty_tensor_value_info(name))
    return copy


def qdq_code_tensors(model):
    """The codes tensors of a QDQ model: the input QuantizeLinear's and the last one's outputs."""
    constants = {i.name for i in model.graph.initializer}
    quantizers = [n for n in model.graph.node if n.op_type == "QuantizeLinear" and n.input[0] not in constants]
    graph_input = model.graph.input[0].name
    first = next(n for n in quantizers if n.input[0] == graph_input)
    return first.output[0], quantizers[-1].output[0]


def run_onnxruntime(model, inputs, outputs):
    """onnxruntime's values of the tensors `outputs` for float `inputs` (default optimizations)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    session = ort.InferenceSession(with_outputs(model, outputs).SerializeToString(), options,
                                   providers=["CPUExecutionProvider"])
    name_in = session.get_inputs()[0].name
    return session.run(outputs, {name_in: inputs.astype(np.float32)})


def run_dnngen(dnngen, model_path, codes, workdir):
    """`dnngen run MODEL --inputs X.npy --output Y.npy`; returns Y."""
    x_path = os.path.join(workdir, "inputs.npy")
    y_path = os.path.join(workdir, "outputs.npy")
    np.save(x_path, codes.astype(np.int32))
    result = subprocess.run([dnngen, "run", model_path, "--inputs", x_path, "--output", y_path],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"dnngen run {model_path} failed ({result.returncode}): {result.stderr.strip()}")
    return np.load(y_path)


def agreement(reference, ours):
    """(fraction of identical elements, largest |difference|, fraction of equal argmax rows)."""
    reference = reference.reshape(len(reference), -1).astype(np.int64)
    ours = ours.reshape(len(ours), -1).astype(np.int64)
    same = float(np.mean(reference == ours))
    worst = int(np.max(np.abs(reference - ours))) if reference.size else 0
    top1 = float(np.mean(np.argmax(reference, axis=1) == np.argmax(ours, axis=1)))
    return same, worst, top1


def scratch_dir():
    return tempfile.mkdtemp(prefix="dnngen-onnx-")
