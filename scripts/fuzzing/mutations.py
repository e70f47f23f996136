"""Fuzz cases: model files, .npy inputs and command lines, each with what the tool must do.

A case is a dict: `files` (name -> bytes) written into a fresh folder, `argv` (the dnngen
arguments), `must` ('reject': exit 2, 'accept': exit 0, 'any': exit 0 or 2), and `kind`
(the mutation family, for the summary). Every generator draws from one random.Random, so a
seed reproduces the whole run.
"""
import json
import os
import struct

import modelgen

JSON_BYTES = b'{}[]",:0123456789-.eE tfn\\u'
INTERESTING = [0, -1, 1, 2, 3, 7, 8, 15, 16, 17, 62, 63, 64, 2 ** 31 - 1, 2 ** 31, 2 ** 47, 2 ** 63 - 1, 2 ** 63, -2 ** 63,
               10 ** 30, 2.5, 1.0, -0.0, 1e308, True, False, None, "", "x", "\n", "\u001b[31m", "dense", "conv2d",
               "maxpool2d", "flatten", "pow2", "binary", "ternary", "int", "half_even", "floor", [], [0], [1, 1],
               [0, 0], [1, 1, 1], [2 ** 62, 2 ** 62], {}, {"bits": 8, "signed": True}, "a" * 300]
KEYS = ["name", "op", "weight", "bias", "stride", "padding", "kernel", "weight_bits", "weight_kind", "requant",
        "output", "multiplier", "shift", "rounding", "bits", "signed", "shape", "inputs", "groups", "extra", "scale"]
HOSTILE_NAMES = ["a\nb", "x" * 300, "tab\tname", "esc\u001b[2Jname", "module", "end", "1st", "a b/c\\d", "*/ `define",
                 "\u00e9\u4e2d", "", ".", "..", "-rf", "$(rm)", "a;b", "\u2028line"]


def split(data):
    """(header dict, data buffer) of a valid container."""
    length = struct.unpack("<Q", data[:8])[0]
    return json.loads(data[8:8 + length]), data[8 + length:]


def join(header, buffer, pad=True):
    text = json.dumps(header, separators=(",", ":")).encode("utf-8")
    if pad:
        text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + buffer


def graph_of(data):
    header, buffer = split(data)
    return header, buffer, json.loads(header["__metadata__"]["graph"])


def with_graph(header, buffer, graph):
    header = dict(header)
    header["__metadata__"] = dict(header["__metadata__"], graph=json.dumps(graph, separators=(",", ":")))
    return join(header, buffer)


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from paths(inner, prefix + (key,))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from paths(inner, prefix + (index,))


def set_path(value, path, new, delete=False):
    if not path:
        return new
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    if delete and isinstance(parent, dict):
        parent.pop(path[-1], None)
    elif delete and isinstance(parent, list):
        parent.pop(path[-1])
    else:
        parent[path[-1]] = new
    return value


class CaseMaker:
    def __init__(self, rng, shipped):
        self.rng = rng
        self.shipped = shipped  # name -> bytes of the models in examples/
        self.small = [modelgen.mlp([8, 6, 4], seed=1), modelgen.mlp([5, 7, 3, 2], bits=3, seed=2),
                      modelgen.mlp([16, 4], bits=8, seed=3), small_cnn()]

    def base(self, shipped_share=0.2):
        if self.shipped and self.rng.random() < shipped_share:
            return self.rng.choice(sorted(self.shipped.values(), key=len))
        return self.rng.choice(self.small)

    def command(self, model, must, kind, extra=None):
        """A command on `model` (saved as m.bin): inspect, run or rtl, weighted by cost."""
        rng = self.rng
        files = {"m.bin": model}
        roll = rng.random()
        if roll < 0.55:
            argv = ["inspect", "m.bin"]
        elif roll < 0.85:
            files["x.npy"] = npy_for(model, rng)
            argv = ["run", "m.bin", "--inputs", "x.npy"] + (["--output", "y.npy"] if rng.random() < 0.3 else [])
        else:
            argv = ["rtl", "m.bin", "-o", "out", "--vectors", str(rng.randint(1, 3))]
        files.update(extra or {})
        return {"files": files, "argv": argv, "must": must, "kind": kind}

    # -- families -------------------------------------------------------------------------------

    def container_bytes(self):
        data = bytearray(self.base())
        rng = self.rng
        length = struct.unpack("<Q", bytes(data[:8]))[0]
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(data))
            header_end = min(len(data), 8 + length)
            header_at = rng.randrange(8, header_end) if header_end > 8 else at
            op = rng.randrange(7)
            if op == 0:
                data[at] ^= 1 << rng.randrange(8)
            elif op == 1:
                data[at] = rng.randrange(256)
            elif op == 2:
                del data[rng.randrange(len(data) + 1):]
            elif op == 3:
                data[header_at] = rng.choice(JSON_BYTES)
            elif op == 4:
                data.insert(header_at, rng.choice(JSON_BYTES))
            elif op == 5:
                del data[header_at]
            elif len(data) >= 8:
                data[:8] = struct.pack("<Q", max(0, length + rng.randint(-16, 16)))
            if not data:
                break
        return self.command(bytes(data), "any", "container bytes")

    def strictly_invalid(self):
        """Inputs the format forbids, each of which must be refused."""
        rng = self.rng
        data = self.base()
        header, buffer, graph = graph_of(data)
        choice = rng.randrange(9)
        if choice == 0:
            bad, kind = data + bytes(rng.randint(1, 64) for _ in range(rng.randint(1, 8))), "trailing bytes"
        elif choice == 1:
            bad, kind = data + data, "file twice"
        elif choice == 2:
            length = struct.unpack("<Q", data[:8])[0]
            text = data[8:8 + length].rstrip(b" ") + rng.choice([b"x", b"\n", b"\t", b"//", b"{}", b"\x00"])
            text += b" " * (-len(text) % 8)
            bad, kind = struct.pack("<Q", len(text)) + text + buffer, "header trailing text"
        elif choice == 3:
            graph["layers"] = []
            bad, kind = with_graph(header, buffer, graph), "zero layers"
        elif choice == 4:
            layer = rng.choice(graph["layers"])
            layer[rng.choice(["extra", "inputs", "groups", "Name", "weight bits"])] = rng.choice(INTERESTING)
            bad, kind = with_graph(header, buffer, graph), "unknown key"
        elif choice == 5:
            layer = rng.choice([l for l in graph["layers"] if l["op"] in ("dense", "conv2d")])
            layer["weight_bits"] = rng.choice([0, 17, -1, 10 ** 30, 2 ** 63, "4", 4.5, None])
            bad, kind = with_graph(header, buffer, graph), "weight_bits out of range"
        elif choice == 6:
            layer = rng.choice(graph["layers"])
            layer.pop(rng.choice(["name", "op"]))
            bad, kind = with_graph(header, buffer, graph), "missing key"
        elif choice == 7:
            graph["layers"].append(dict(graph["layers"][0]))
            bad, kind = with_graph(header, buffer, graph), "duplicate layer"
        else:
            name = rng.choice(sorted(k for k in header if k != "__metadata__"))
            begin, end = header[name]["data_offsets"]
            header = dict(header)
            for other in header:
                if other != "__metadata__" and header[other]["data_offsets"][0] >= end:
                    header[other] = dict(header[other], data_offsets=[o + 1 for o in header[other]["data_offsets"]])
            bad, kind = join(header, buffer[:end] + b"\x00" + buffer[end:]), "gap between tensors"
        return self.command(bad, "reject", kind)

    def graph_values(self):
        rng = self.rng
        header, buffer, graph = graph_of(self.base(shipped_share=0.1))
        for _ in range(rng.randint(1, 3)):
            path = rng.choice(list(paths(graph)))
            roll = rng.randrange(3)
            if roll == 0:
                graph = set_path(graph, path, rng.choice(INTERESTING))
            elif roll == 1 and path:
                graph = set_path(graph, path, None, delete=True)
            else:
                target = graph
                for step in path:
                    target = target[step]
                if isinstance(target, dict):
                    target[rng.choice(KEYS)] = rng.choice(INTERESTING)
        return self.command(with_graph(header, buffer, graph), "any", "graph values")

    def tensors(self):
        rng = self.rng
        header, buffer = split(self.base(shipped_share=0.1))
        header = dict(header)
        name = rng.choice(sorted(k for k in header if k != "__metadata__"))
        entry = dict(header[name])
        roll = rng.randrange(4)
        if roll == 0:
            entry["dtype"] = rng.choice(["I8", "U8", "I16", "U16", "I32", "I64", "F32", "F16", "BOOL", "i8", ""])
        elif roll == 1:
            entry["shape"] = rng.choice([[], [0], [1], [2 ** 31, 2 ** 31], [-1], entry["shape"][::-1], entry["shape"] + [1]])
        elif roll == 2:
            entry["data_offsets"] = [o + rng.randint(-3, 3) for o in entry["data_offsets"]]
        else:
            begin, end = entry["data_offsets"]
            data = bytearray(buffer)
            if end > begin:
                data[rng.randrange(begin, end)] = rng.randrange(256)
            buffer = bytes(data)
        header[name] = entry
        return self.command(join(header, buffer), "any", "tensors")

    def npy(self):
        rng = self.rng
        model = self.rng.choice(self.small)
        data = bytearray(npy_for(model, rng))
        for _ in range(rng.randint(1, 3)):
            if not data:
                break
            at = rng.randrange(len(data))
            roll = rng.randrange(4)
            if roll == 0:
                data[at] = rng.randrange(256)
            elif roll == 1:
                data[at] = rng.choice(b"'(),:0123456789<>|iuf{} TrueFalse")
            elif roll == 2:
                del data[rng.randrange(len(data) + 1):]
            else:
                data += bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 16)))
        argv = ["run", "m.bin", "--inputs", "x.npy"]
        return {"files": {"m.bin": model, "x.npy": bytes(data)}, "argv": argv, "must": "any", "kind": "npy"}

    def command_line(self):
        rng = self.rng
        model = rng.choice(self.small)
        words = [rng.choice(["inspect", "run", "rtl", "sim", "compare", "eval", "quantize", "train", "compress",
                             "frobnicate", "--help", "--version", ""])]
        flags = ["-o", "--output", "--inputs", "--vectors", "--seed", "--engine", "--multipliers", "--fold", "--pe",
                 "--index-bits", "--no-sim", "--no-synth", "--weight-bits", "--epochs", "--limit", "--", "-", "-x"]
        values = ["", "0", "1", "-1", "3", "99999999999999999999", "fc1=2x2", "fc1=2x2,fc1=4x4", "fc1=0x1", "x=1x1",
                  "dense", "sparse", "auto", "m.bin", "out", "/", ".", "..", "x.npy", "/dev/zero", "\n", "a\u001bb",
                  "fc1=2x2,", ",", "=", "2x2"]
        for _ in range(rng.randint(0, 5)):
            words.append(rng.choice(flags))
            if rng.random() < 0.8:
                words.append(rng.choice(values))
        if words[0] in ("sim", "compare", "eval", "quantize", "train", "compress") and "--help" not in words:
            # These run long tools on good input; keep them to cases that fail fast or print help.
            words.append(rng.choice(["--help", "-q", "/dev/null"]))
        files = {"m.bin": model, "x.npy": npy_for(model, rng)}
        return {"files": files, "argv": words, "must": "any", "kind": "command line"}

    def known_bad_command_line(self):
        rng = self.rng
        argv = rng.choice([
            ["rtl", "m.bin", "-o", ""], ["rtl", "m.bin", "--fold", ""], ["rtl", "m.bin", "--fold", "fc1=2x2,fc1=4x4"],
            ["rtl", "m.bin", "--fold", "fc1=2x2", "--engine", "sparse"], ["rtl", "m.bin", "-o", "/"],
            ["rtl", "m.bin", "-o", "."], ["sim", ""], ["run", "m.bin", "--inputs", "/dev/zero"],
            ["run", "m.bin", "--inputs", "x.npy", "--output", "."], ["rtl", "m.bin", "-o", "a", "-o", "b"],
            ["inspect", "m.bin", "--pe", "0"], ["rtl", "m.bin", "--vectors", "0"], ["rtl", "m.bin", "--engine", "fast"],
            ["rtl", "m.bin", "-o", "--seed", "3"], ["run", "m.bin", "--inputs", "x.npy", "--output", "/dev/null"],
            ["compare", "m.bin", "-o", "/dev/null", "--no-sim", "--no-synth"], ["rtl", "m.bin", "--inputs", "-x"],
        ])
        model = rng.choice(self.small)
        return {"files": {"m.bin": model, "x.npy": npy_for(model, rng)}, "argv": argv, "must": "reject",
                "kind": "known-bad command line"}

    def huge_valid(self):
        """Valid models with huge shapes or many layers: inspect must succeed, rtl refuse quickly."""
        rng = self.rng
        roll = rng.randrange(3)
        if roll == 0:
            side = rng.choice([1025, 4096, 16384, 65536])
            # The format allows 2^32 elements a tensor: a 65536 x 65536 map has one channel.
            model, kind = modelgen.huge_map(1 if side == 65536 else rng.randint(1, 3), side, side), "huge map"
        elif roll == 1:
            model, kind = modelgen.deep_mlp(rng.choice([1001, 2000, 5000])), "many layers"
        else:
            model, kind = modelgen.huge_map(1, 1, rng.choice([2 ** 21, 2 ** 24, 2 ** 30])), "huge row"
        if rng.random() < 0.5:
            return {"files": {"m.bin": model}, "argv": ["inspect", "m.bin"], "must": "accept", "kind": kind}
        return {"files": {"m.bin": model}, "argv": ["rtl", "m.bin", "-o", "out"], "must": "reject", "kind": kind}

    def hostile_names(self):
        rng = self.rng
        names = [rng.choice(HOSTILE_NAMES) or "n" for _ in range(3)]
        if len(set(names[1:])) < 2:
            names[2] = names[1] + "2"
        model = modelgen.mlp([6, 5, 3], seed=rng.randint(0, 99), name=names[0], layer_names=names[1:])
        argv = rng.choice([["inspect", "m.bin"], ["rtl", "m.bin", "-o", "out", "--vectors", "2"], ["rtl", "m.bin", "--vectors", "1"]])
        return {"files": {"m.bin": model}, "argv": argv, "must": "accept", "kind": "hostile names"}

    FAMILIES = [(container_bytes, 22), (strictly_invalid, 14), (graph_values, 18), (tensors, 12), (npy, 10),
                (command_line, 12), (known_bad_command_line, 5), (huge_valid, 3), (hostile_names, 4)]

    def case(self):
        total = sum(weight for _, weight in self.FAMILIES)
        roll = self.rng.uniform(0, total)
        for family, weight in self.FAMILIES:
            roll -= weight
            if roll <= 0:
                return family(self)
        return self.FAMILIES[0][0](self)


def small_cnn():
    tensors = {"c.w": ("I8", [2, 1, 3, 3], [1, 0, -1, 1, 1, 0, 0, -1, 1] * 2), "f.w": ("I8", [3, 8], [1, -1, 0, 1] * 6)}
    layers = [
        {"name": "conv", "op": "conv2d", "weight": "c.w", "weight_bits": 2, "weight_kind": "ternary", "padding": [1, 1],
         "requant": {"multiplier": 3, "shift": 2}, "output": {"bits": 4, "signed": False}},
        {"name": "pool", "op": "maxpool2d", "kernel": [2, 2]},
        {"name": "flat", "op": "flatten"},
        modelgen.dense_layer("fc", "f.w", bits=2, out_bits=8, shift=3),
    ]
    graph = {"name": "cnn", "input": {"shape": [1, 4, 4], "bits": 8, "signed": False}, "layers": layers}
    return modelgen.model_bytes(graph, tensors)


def npy_for(model, rng, count=None):
    """A valid int32 .npy of inputs for `model` (shape [N, *input shape]), values in range."""
    try:
        _, _, graph = graph_of(model)
        shape, bits, signed = graph["input"]["shape"], graph["input"]["bits"], graph["input"]["signed"]
        if type(bits) is not int or not 1 <= bits <= 16 or type(signed) is not bool or type(shape) is not list or not shape:
            raise ValueError
        elements = 1
        for dimension in shape:
            if type(dimension) is not int or dimension < 1:
                raise ValueError
            elements *= dimension
        if elements > 4096:
            raise ValueError
    except Exception:
        shape, bits, signed, elements = [8], 8, True, 8
    samples = count or rng.randint(1, 3)
    low, high = (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)
    values = [rng.randint(low, high) for _ in range(samples * elements)]
    header = "{'descr': '<i4', 'fortran_order': False, 'shape': (%s), }" % ", ".join(str(d) for d in [samples] + shape)
    header = header.encode("latin1")
    header += b" " * (-(10 + len(header) + 1) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header + struct.pack("<%di" % len(values), *values)
