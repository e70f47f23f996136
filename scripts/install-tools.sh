#!/usr/bin/env bash
# Installs the simulators, synthesis tools and data set that dnngen's tests and demo use, when missing.
# Debian packages: iverilog (simulation), verilator (lint), yosys (synthesis), nextpnr-ice40 and
# fpga-icestorm (iCE40 place and route, icepack), and dataset-fashion-mnist (the gzip'd IDX files
# `dnngen eval` and the data tests read). Python packages (scripts/python-tools.txt: the ECP5 flow,
# and onnx, onnxruntime, qonnx and numpy, the oracles of the ONNX import tests)
# go into the virtual environment .venv/ beside this folder.
set -euo pipefail
missing=()
command -v iverilog  >/dev/null 2>&1 || missing+=(iverilog)
command -v verilator >/dev/null 2>&1 || missing+=(verilator)
command -v yosys     >/dev/null 2>&1 || missing+=(yosys)
command -v nextpnr-ice40 >/dev/null 2>&1 || missing+=(nextpnr-ice40)
command -v icepack   >/dev/null 2>&1 || missing+=(fpga-icestorm)
[ -d /usr/share/datasets/fashion-mnist ] || missing+=(dataset-fashion-mnist)
if [ ${#missing[@]} -eq 0 ]; then
    echo "tools: iverilog, verilator, yosys, nextpnr-ice40, icestorm and Fashion-MNIST are installed"
else
    echo "tools: installing ${missing[*]} with apt-get"
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
    echo "tools: installed ${missing[*]}"
fi
"$(dirname "$0")/install-python-tools.sh"
