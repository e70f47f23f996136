"""Writes model.bin files with the standard library only (no numpy): the safetensors container
of the model format, and generators of valid models the fuzz suite and the scale bench use.

A tensor is (dtype, shape, values) with dtype one of I8 U8 I16 U16 I32 I64; values a flat list
or a bytes object already in little-endian order.
"""
import json
import random
import struct

FORMATS = {"I8": "b", "U8": "B", "I16": "h", "U16": "H", "I32": "i", "I64": "q"}
SIZES = {"I8": 1, "U8": 1, "I16": 2, "U16": 2, "I32": 4, "I64": 8}


def container(tensors, metadata):
    """The bytes of a safetensors file: tensors contiguous from 0 in name order, header padded."""
    header, blobs, offset = {}, [], 0
    for name in sorted(tensors):
        dtype, shape, values = tensors[name]
        data = values if isinstance(values, (bytes, bytearray)) else \
            struct.pack("<%d%s" % (len(values), FORMATS[dtype]), *values)
        header[name] = {"dtype": dtype, "shape": list(shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = metadata
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + b"".join(blobs)


def model_bytes(graph, tensors):
    metadata = {"format": "dnngen-model", "version": "1", "graph": json.dumps(graph, separators=(",", ":"))}
    return container(tensors, metadata)


def dense_layer(name, weight, bits=4, out_bits=8, signed=True, bias=None, shift=12):
    layer = {"name": name, "op": "dense", "weight": weight, "weight_bits": bits,
             "requant": {"multiplier": 1, "shift": shift}, "output": {"bits": out_bits, "signed": signed}}
    if bias:
        layer["bias"] = bias
    return layer


def random_weights(count, bits, rng):
    low, high = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    return bytes((rng.randint(low, high) & 0xFF) for _ in range(count))


def mlp(widths, bits=4, seed=1, name="mlp", layer_names=None):
    """A dense chain widths[0] -> ... -> widths[-1] with I8 weights of `bits` bits."""
    rng = random.Random(seed)
    layers, tensors = [], {}
    for index, (inputs, outputs) in enumerate(zip(widths, widths[1:])):
        layer = layer_names[index] if layer_names else "fc%d" % (index + 1)
        weight = "w%d" % index
        # Large layers: repeat a random block so generation stays fast (values are legal all the same).
        count = inputs * outputs
        block = random_weights(min(count, 1 << 16), bits, rng)
        tensors[weight] = ("I8", [outputs, inputs], (block * (count // len(block) + 1))[:count])
        last = index == len(widths) - 2
        layers.append(dense_layer(layer, weight, bits=bits, out_bits=16 if last else 8, signed=True,
                                  shift=8 + (inputs.bit_length() // 2)))
    graph = {"name": name, "input": {"shape": [widths[0]], "bits": 8, "signed": True}, "layers": layers}
    return model_bytes(graph, tensors)


def huge_map(channels, height, width, name="huge"):
    """[C, H, W] input, 1x1 conv, a pool over the whole map, flatten, dense: tiny weights, huge activations."""
    tensors = {"conv.w": ("I8", [1, channels, 1, 1], [1] * channels), "fc.w": ("I8", [2, 1], [1, -1])}
    layers = [
        {"name": "conv", "op": "conv2d", "weight": "conv.w", "weight_bits": 2,
         "requant": {"multiplier": 1, "shift": 0}, "output": {"bits": 8, "signed": False}},
        {"name": "pool", "op": "maxpool2d", "kernel": [height, width]},
        {"name": "flat", "op": "flatten"},
        {"name": "fc", "op": "dense", "weight": "fc.w", "weight_bits": 2,
         "requant": {"multiplier": 1, "shift": 0}, "output": {"bits": 8, "signed": True}},
    ]
    graph = {"name": name, "input": {"shape": [channels, height, width], "bits": 8, "signed": False}, "layers": layers}
    return model_bytes(graph, tensors)


def deep_mlp(depth, width=4, seed=1):
    """`depth` small dense layers: work grows with the layer count only."""
    return mlp([width] * (depth + 1), seed=seed, name="deep")
