#!/usr/bin/env bash
# Installs the simulators, synthesis tools and data set that dnngen's tests and demo use, when missing.
# Debian packages: iverilog (simulation), verilator (lint), yosys (synthesis), and
# dataset-fashion-mnist (the gzip'd IDX files `dnngen eval` and the data tests read).
set -euo pipefail
missing=()
command -v iverilog  >/dev/null 2>&1 || missing+=(iverilog)
command -v verilator >/dev/null 2>&1 || missing+=(verilator)
command -v yosys     >/dev/null 2>&1 || missing+=(yosys)
[ -d /usr/share/datasets/fashion-mnist ] || missing+=(dataset-fashion-mnist)
if [ ${#missing[@]} -eq 0 ]; then
    echo "tools: iverilog, verilator, yosys and Fashion-MNIST are installed"
    exit 0
fi
echo "tools: installing ${missing[*]} with apt-get"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "tools: installed ${missing[*]}"
