#!/usr/bin/env python3
"""Write a dnngen float model (docs/float-model-format.md) from a PyTorch
state_dict, or from plain numpy arrays, plus a layer list.

    python3 tools/export_torch.py WEIGHTS LAYERS.json -o float.bin \\
        [--name lenet5] [--input-shape 1,28,28] [--input-scale 0.00392156862745098]

WEIGHTS is a state_dict saved with torch.save (.pt/.pth; needs PyTorch) or a
numpy .npz with the same keys (conv1.weight, conv1.bias, ...; no PyTorch).
LAYERS.json is the layer list, in order, e.g.

    [{"name": "conv1", "op": "conv2d", "padding": [0, 0], "activation": "relu"},
     {"name": "pool1", "op": "maxpool2d", "kernel": [2, 2]},
     {"name": "flat", "op": "flatten"},
     {"name": "fc1", "op": "dense", "activation": "none"}]

A dense or conv2d layer takes its tensors from "<name>.weight" and, if present,
"<name>.bias"; give "weight" / "bias" keys to name others (e.g. "0.weight" for
an nn.Sequential). PyTorch's layouts are dnngen's: Linear [out, in], Conv2d
[K, C, kh, kw], flatten in C order. From Python:

    from export_torch import export_float_model
    export_float_model("float.bin", net.state_dict(), layers,
                       input_shape=[1, 28, 28], input_scale=1 / 255, name="lenet5")

Needs numpy; reuses tools/modelbin.py's safetensors writer.
"""
import argparse
import json
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from modelbin import read_safetensors, write_safetensors  # noqa: E402

FORMAT = "dnngen-float-model"
VERSION = "1"
OP_KEYS = {  # keys a layer may carry, besides name and op
    "dense": {"weight", "bias", "activation"},
    "conv2d": {"weight", "bias", "stride", "padding", "activation"},
    "maxpool2d": {"kernel", "stride"},
    "flatten": set(),
}
WEIGHT_RANK = {"dense": 2, "conv2d": 4}


def to_numpy(value):
    """A torch tensor (any device, with or without grad) or array-like -> float32 ndarray."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    return np.ascontiguousarray(np.asarray(value, dtype=np.float32))


def graph_and_tensors(state_dict, layers, input_shape, input_scale=None, name="model"):
    """The graph (a dict, keys in the documented order) and the F32 tensors it names."""
    state = dict(state_dict)
    tensors, out_layers, seen = {}, [], set()
    for i, layer in enumerate(layers):
        lname, op = layer.get("name"), layer.get("op")
        if not lname or lname in seen:
            raise ValueError(f"layers[{i}]: missing or duplicate name {lname!r}")
        seen.add(lname)
        if op not in OP_KEYS:
            raise ValueError(f"layer {lname!r}: unknown op {op!r} (expected {', '.join(OP_KEYS)})")
        unknown = set(layer) - OP_KEYS[op] - {"name", "op"}
        if unknown:
            raise ValueError(f"layer {lname!r}: unknown keys {sorted(unknown)} for {op}")
        out = {"name": lname, "op": op}
        if op in WEIGHT_RANK:
            for role, required in (("weight", True), ("bias", False)):
                key = layer.get(role, f"{lname}.{role}")
                if key not in state:
                    if required or role in layer:
                        raise ValueError(f"layer {lname!r}: {role} {key!r} is not in the state_dict")
                    continue
                array = to_numpy(state[key])
                rank = WEIGHT_RANK[op] if role == "weight" else 1
                if array.ndim != rank:
                    raise ValueError(f"layer {lname!r}: {role} {key!r} has shape {list(array.shape)}, expected rank {rank}")
                if not np.isfinite(array).all():
                    raise ValueError(f"layer {lname!r}: {role} {key!r} has non-finite values")
                tensors[key] = array
                out[role] = key
        if op == "conv2d":
            out["stride"] = list(layer.get("stride", [1, 1]))
            out["padding"] = list(layer.get("padding", [0, 0]))
        if op == "maxpool2d":
            out["stride"] = list(layer.get("stride", layer["kernel"]))
            out["kernel"] = list(layer["kernel"])
        if op in WEIGHT_RANK:
            activation = layer.get("activation", "none")
            if activation not in ("relu", "none"):
                raise ValueError(f"layer {lname!r}: activation {activation!r} is not relu or none")
            out["activation"] = activation
        out_layers.append(out)
    graph_input = {"shape": [int(d) for d in input_shape]}
    if input_scale is not None:
        graph_input["scale"] = float(input_scale)
    return {"name": name, "input": graph_input, "layers": out_layers}, tensors


def export_float_model(path, state_dict, layers, input_shape, input_scale=None, name="model"):
    """Writes a dnngen-float-model file to `path`; returns its graph."""
    graph, tensors = graph_and_tensors(state_dict, layers, input_shape, input_scale, name)
    metadata = {"format": FORMAT, "version": VERSION, "graph": json.dumps(graph, separators=(",", ":"))}
    write_safetensors(path, tensors, metadata)
    return graph


def read_float_model(path):
    """(graph, tensors) of a float model file, checking its metadata."""
    meta, tensors = read_safetensors(path)
    if meta.get("format") != FORMAT or meta.get("version") != VERSION:
        raise ValueError(f"{path}: not a {FORMAT} version {VERSION} file")
    return json.loads(meta["graph"]), tensors


def load_weights(path):
    if path.endswith(".npz"):
        with np.load(path) as archive:
            return {key: archive[key] for key in archive.files}
    import torch  # only for .pt / .pth state_dicts

    state = torch.load(path, map_location="cpu")
    return state.state_dict() if hasattr(state, "state_dict") else state


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("weights", help="state_dict (.pt/.pth, needs torch) or numpy .npz")
    ap.add_argument("layers", help="JSON file with the layer list")
    ap.add_argument("-o", "--output", required=True, help="float model file to write")
    ap.add_argument("--name", default="model", help="the graph's name")
    ap.add_argument("--input-shape", default="1,28,28", help="C,H,W or n (default 1,28,28)")
    ap.add_argument("--input-scale", type=float, default=None,
                    help="float value of one raw input unit, e.g. 0.00392156862745098 (1/255)")
    args = ap.parse_args(argv)
    with open(args.layers) as f:
        layers = json.load(f)
    shape = [int(d) for d in args.input_shape.split(",")]
    export_float_model(args.output, load_weights(args.weights), layers, shape, args.input_scale, args.name)
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
