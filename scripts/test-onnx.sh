#!/usr/bin/env bash
# The ONNX import's oracle tests (tools/test_onnx_import.py): QONNX models bit-exact against the
# qonnx executor, QDQ models against onnxruntime, and the shipped QDQ LeNet-5 on 500 test images.
# Needs the Python oracles in .venv (make tools installs them); fails, never skips, without them.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/dnngen}
SAMPLES=${SAMPLES:-1000}
if ! .venv/bin/python -c "import numpy, onnx, onnxruntime, qonnx" 2>/dev/null; then
    echo "test-onnx: FAIL: the Python oracles are missing from .venv; run 'make tools'" >&2
    exit 1
fi
.venv/bin/python tools/test_onnx_import.py --dnngen "$BIN" --samples "$SAMPLES"
# The small version of make onnx-check (which runs all 10,000 images).
.venv/bin/python tools/check_onnx_lenet5.py examples/lenet5-qdq.onnx --dnngen "$BIN" --limit "${LENET_IMAGES:-500}"
