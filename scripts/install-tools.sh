#!/usr/bin/env bash
# Installs the simulators and synthesis tools dnngen's tests and demo run, when missing.
# Debian packages: iverilog (simulation), verilator (lint), yosys (synthesis).
set -euo pipefail
missing=()
command -v iverilog  >/dev/null 2>&1 || missing+=(iverilog)
command -v verilator >/dev/null 2>&1 || missing+=(verilator)
command -v yosys     >/dev/null 2>&1 || missing+=(yosys)
if [ ${#missing[@]} -eq 0 ]; then
    echo "tools: iverilog, verilator and yosys are installed"
    exit 0
fi
echo "tools: installing ${missing[*]} with apt-get"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
echo "tools: installed ${missing[*]}"
