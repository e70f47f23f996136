#!/usr/bin/env bash
# make bench, FPGA part: place and route of the shipped models with the design folder's
# `make pnr-ecp5` (ECP5-85F, CABGA381) and, where they fit, `make pnr-ice40` (HX8K), one run at a
# time under nice. Prints the clock nextpnr achieved beside the target and the utilization, the
# wall time of each run, and for the digits designs the gate-level simulation of the ECP5
# netlist (DSPs and block RAM; scripts/gatesim-ecp5.sh). Work folders stay under out/bench-fpga/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dnngen}
OUT=out/bench-fpga
mkdir -p "$OUT"
export PATH="$PWD/.venv/bin:$PATH"

# name | model | multipliers | ECP5 target MHz | iCE40 target MHz (empty: too large) | gate-level
designs=(
  "digits-mlp-8|examples/digits-mlp.bin|8|150|100|yes"
  "digits-mlp-64|examples/digits-mlp.bin|64|150||yes"
  "lenet5-structured-64|examples/lenet5-admm-structured.bin|64|125||no"
  "lenet5-104|examples/lenet5.bin|104|125||no"
)
if [ -n "${BENCH_FPGA_ONLY:-}" ]; then
  kept=()
  for entry in "${designs[@]}"; do [[ "${entry%%|*}" =~ $BENCH_FPGA_ONLY ]] && kept+=("$entry"); done
  designs=("${kept[@]}")
fi

# field NAME FILE: the text after "NAME " on the summary line of make pnr-*.
field() { grep -o "$1 [^ ]*" "$2" | tail -1 | cut -d' ' -f2; }

rows=()
for entry in "${designs[@]}"; do
  IFS='|' read -r name model mults ecp5_mhz ice40_mhz gate <<<"$entry"
  [ -f "$model" ] || { echo "bench-fpga: $model missing, skipped" >&2; continue; }
  dir="$OUT/$name"
  rm -rf "$dir"
  "$BIN" rtl "$model" -o "$dir" --multipliers "$mults" --vectors 2 >/dev/null
  echo "bench-fpga: $name: ECP5 synthesis, place and route (target $ecp5_mhz MHz)" >&2
  start=$(date +%s)
  if nice make -s -C "$dir" pnr-ecp5 ECP5_MHZ="$ecp5_mhz" >"$dir/pnr-ecp5.txt" 2>&1; then
    secs=$(( $(date +%s) - start ))
    fmax=$(grep -o 'clock: [0-9.]* MHz' "$dir/pnr-ecp5.txt" | cut -d' ' -f2)
    verdict="-"
    if [ "$gate" = yes ]; then
      echo "bench-fpga: $name: gate-level simulation of the ECP5 netlist" >&2
      verdict=$(scripts/gatesim-ecp5.sh "$dir" 2>&1 | grep -oE '^(PASS|FAIL)' || echo FAIL)
    fi
    rows+=("$name|ECP5-85F|$fmax|$ecp5_mhz|LUT4 $(field LUT4 "$dir/pnr-ecp5.txt") FF $(field FF "$dir/pnr-ecp5.txt") MULT18 $(field MULT18X18D "$dir/pnr-ecp5.txt") DP16KD $(field DP16KD "$dir/pnr-ecp5.txt")|$secs|$verdict")
  else
    rows+=("$name|ECP5-85F|failed|$ecp5_mhz|see $dir/pnr-ecp5.txt|$(( $(date +%s) - start ))|-")
  fi
  if [ -n "$ice40_mhz" ]; then
    echo "bench-fpga: $name: iCE40 synthesis, place and route (target $ice40_mhz MHz)" >&2
    start=$(date +%s)
    if nice make -s -C "$dir" pnr-ice40 ICE40_MHZ="$ice40_mhz" >"$dir/pnr-ice40.txt" 2>&1; then
      fmax=$(grep -o 'clock: [0-9.]* MHz' "$dir/pnr-ice40.txt" | cut -d' ' -f2)
      rows+=("$name|iCE40-HX8K|$fmax|$ice40_mhz|LC $(field cells "$dir/pnr-ice40.txt") RAM4K $(field RAM4K "$dir/pnr-ice40.txt")|$(( $(date +%s) - start ))|-")
    else
      rows+=("$name|iCE40-HX8K|failed|$ice40_mhz|see $dir/pnr-ice40.txt|$(( $(date +%s) - start ))|-")
    fi
  fi
done

printf '\n%-22s %-11s %9s %7s  %-52s %6s  %s\n' design device "Fmax MHz" target "utilization (used/available)" "pnr s" "gate-level"
printf '%s\n' "---------------------------------------------------------------------------------------------------------------------------"
for row in "${rows[@]}"; do
  IFS='|' read -r a b c d e f g <<<"$row"
  printf '%-22s %-11s %9s %7s  %-52s %6s  %s\n' "$a" "$b" "$c" "$d" "$e" "$f" "$g"
done
echo
echo "Fmax: nextpnr's achieved clock after routing (target: the --freq it worked towards); LUT4/FF: synthesis"
echo "counts (Yosys stat); MULT18/DP16KD/LC/RAM4K: placed/available; pnr s: wall time of synthesis, place, route and pack"
