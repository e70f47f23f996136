#!/usr/bin/env python3
"""Tests of tools/export_torch.py with numpy alone (no PyTorch):

    python3 tools/test_export_torch.py                  # run the tests
    python3 tools/test_export_torch.py --write-fixture  # rewrite the Swift tests' fixture

The fixture, Tests/DNNGenTests/Fixtures/float/tiny-cnn.bin, is the model of
tiny_cnn(); the Swift test FloatModelFixtureTests compares dnngen's float
inference on FIXTURE_INPUT with the float64 outputs printed by --write-fixture.
"""
import json
import os
import sys
import tempfile
import unittest

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from export_torch import export_float_model, graph_and_tensors, read_float_model  # noqa: E402

FIXTURE = os.path.join(HERE, "..", "Tests", "DNNGenTests", "Fixtures", "float", "tiny-cnn.bin")
FIXTURE_INPUT = (np.arange(36) * 7 % 256).reshape(1, 6, 6)  # raw pixels


def tiny_cnn():
    """conv 2@3x3 pad 1 + ReLU -> maxpool 2 -> flatten -> dense 4 + ReLU -> dense 3 (no bias)."""
    rng = np.random.default_rng(6)
    state = {
        "conv1.weight": rng.normal(0, 0.5, (2, 1, 3, 3)),
        "conv1.bias": rng.normal(0, 0.1, (2,)),
        "fc1.weight": rng.normal(0, 0.3, (4, 18)),
        "fc1.bias": rng.normal(0, 0.1, (4,)),
        "fc2.weight": rng.normal(0, 0.5, (3, 4)),
    }
    layers = [
        {"name": "conv1", "op": "conv2d", "padding": [1, 1], "activation": "relu"},
        {"name": "pool1", "op": "maxpool2d", "kernel": [2, 2]},
        {"name": "flat", "op": "flatten"},
        {"name": "fc1", "op": "dense", "activation": "relu"},
        {"name": "fc2", "op": "dense"},
    ]
    return state, layers


def forward(graph, tensors, x):
    """Float64 forward pass of a float-model graph on one input x of the input shape."""
    x = np.asarray(x, np.float64) * graph["input"].get("scale", 1.0)
    for layer in graph["layers"]:
        op = layer["op"]
        if op in ("dense", "conv2d"):
            w = tensors[layer["weight"]].astype(np.float64)
            b = tensors[layer["bias"]].astype(np.float64) if "bias" in layer else 0.0
            if op == "dense":
                x = w @ x + b
            else:
                (sh, sw), (ph, pw) = layer["stride"], layer["padding"]
                K, C, kh, kw = w.shape
                xp = np.pad(x, ((0, 0), (ph, ph), (pw, pw)))
                Ho, Wo = (xp.shape[1] - kh) // sh + 1, (xp.shape[2] - kw) // sw + 1
                y = np.empty((K, Ho, Wo))
                for i in range(Ho):
                    for j in range(Wo):
                        patch = xp[:, i * sh:i * sh + kh, j * sw:j * sw + kw]
                        y[:, i, j] = (w * patch).sum(axis=(1, 2, 3))
                x = y + np.reshape(b, (-1, 1, 1))
            if layer["activation"] == "relu":
                x = np.maximum(x, 0)
        elif op == "maxpool2d":
            (kh, kw), (sh, sw) = layer["kernel"], layer["stride"]
            C, H, W = x.shape
            Ho, Wo = (H - kh) // sh + 1, (W - kw) // sw + 1
            x = np.array([[[x[c, i * sh:i * sh + kh, j * sw:j * sw + kw].max() for j in range(Wo)]
                           for i in range(Ho)] for c in range(C)])
        elif op == "flatten":
            x = x.reshape(-1)
    return x


class FakeTensor:
    """Quacks like a torch tensor on a GPU with grad: .detach().cpu().numpy()."""

    def __init__(self, array):
        self.array = array

    def detach(self):
        return self

    def cpu(self):
        return self

    def numpy(self):
        return self.array


class ExportTests(unittest.TestCase):
    def setUp(self):
        self.folder = tempfile.TemporaryDirectory()
        self.path = os.path.join(self.folder.name, "float.bin")

    def tearDown(self):
        self.folder.cleanup()

    def test_numpy_round_trip(self):
        state, layers = tiny_cnn()
        export_float_model(self.path, state, layers, [1, 6, 6], input_scale=1 / 255, name="tiny")
        graph, tensors = read_float_model(self.path)
        self.assertEqual(graph["name"], "tiny")
        self.assertEqual(graph["input"], {"shape": [1, 6, 6], "scale": 1 / 255})
        self.assertEqual([layer["name"] for layer in graph["layers"]], ["conv1", "pool1", "flat", "fc1", "fc2"])
        self.assertEqual(graph["layers"][0], {"name": "conv1", "op": "conv2d", "weight": "conv1.weight",
                                              "bias": "conv1.bias", "stride": [1, 1], "padding": [1, 1],
                                              "activation": "relu"})
        self.assertEqual(graph["layers"][1], {"name": "pool1", "op": "maxpool2d", "stride": [2, 2], "kernel": [2, 2]})
        self.assertEqual(graph["layers"][4], {"name": "fc2", "op": "dense", "weight": "fc2.weight", "activation": "none"})
        self.assertEqual(sorted(tensors), sorted(state))
        for key, array in state.items():
            self.assertEqual(tensors[key].dtype, np.dtype("<f4"))
            np.testing.assert_array_equal(tensors[key], array.astype(np.float32))

    def test_torch_like_tensors_and_explicit_names(self):
        state = {"0.weight": FakeTensor(np.ones((3, 4), np.float32)), "0.bias": FakeTensor(np.zeros(3))}
        layers = [{"name": "fc", "op": "dense", "weight": "0.weight", "bias": "0.bias"}]
        export_float_model(self.path, state, layers, [4])
        graph, tensors = read_float_model(self.path)
        self.assertEqual(graph["layers"][0]["weight"], "0.weight")
        self.assertNotIn("scale", graph["input"])
        np.testing.assert_array_equal(tensors["0.weight"], np.ones((3, 4)))

    def test_errors_name_the_layer(self):
        state, layers = tiny_cnn()
        cases = [
            (layers + [{"name": "fc3", "op": "dense"}], "layer 'fc3': weight 'fc3.weight' is not in the state_dict"),
            ([{"name": "x", "op": "conv3d"}], "layer 'x': unknown op 'conv3d'"),
            ([{"name": "fc1", "op": "dense", "weight_bits": 4}], "layer 'fc1': unknown keys ['weight_bits']"),
            ([{"name": "fc1", "op": "dense", "activation": "tanh"}], "activation 'tanh' is not relu or none"),
            ([{"name": "fc1", "op": "conv2d"}], "layer 'fc1': weight 'fc1.weight' has shape [4, 18], expected rank 4"),
            ([{"name": "a", "op": "flatten"}, {"name": "a", "op": "flatten"}], "duplicate name 'a'"),
        ]
        for bad_layers, message in cases:
            with self.subTest(message=message):
                with self.assertRaises(ValueError) as caught:
                    graph_and_tensors(state, bad_layers, [1, 6, 6])
                self.assertIn(message, str(caught.exception))
        state["fc1.weight"] = state["fc1.weight"] * np.nan
        with self.assertRaisesRegex(ValueError, "non-finite"):
            graph_and_tensors(state, layers, [1, 6, 6])

    def test_committed_fixture_is_what_the_script_writes(self):
        state, layers = tiny_cnn()
        export_float_model(self.path, state, layers, [1, 6, 6], input_scale=1 / 255, name="tiny-cnn")
        with open(self.path, "rb") as fresh, open(FIXTURE, "rb") as committed:
            self.assertEqual(fresh.read(), committed.read(),
                             "fixture is stale: python3 tools/test_export_torch.py --write-fixture")


def write_fixture():
    state, layers = tiny_cnn()
    graph = export_float_model(FIXTURE, state, layers, [1, 6, 6], input_scale=1 / 255, name="tiny-cnn")
    _, tensors = read_float_model(FIXTURE)
    output = forward(graph, tensors, FIXTURE_INPUT)
    print(f"wrote {os.path.relpath(FIXTURE)}; float64 outputs on FIXTURE_INPUT:")
    print(json.dumps([float(v) for v in output]))


if __name__ == "__main__":
    if sys.argv[1:] == ["--write-fixture"]:
        write_fixture()
    else:
        unittest.main()
