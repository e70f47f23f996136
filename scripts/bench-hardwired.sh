#!/usr/bin/env bash
# make bench (part): the hardwired engine on the 16-64-32-32-5 MLP with 8-bit uniform random
# weights at 0 %, 80 % and 90 % irregular zeros (tools/make_hardwired_mlp.py): generation time,
# simulation (bit-exact, interval, latency under the bench's gaps and back-pressure), the plan's
# area estimate and Yosys synth_xilinx LUT/FF, against da4ml 0.6.0's LUTs for the same shape
# (60.3k / 14.4k / 3.4k, issue 17). Work folders stay under out/bench-hardwired/.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dnngen}
OUT=out/bench-hardwired
mkdir -p "$OUT"

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))" "$@"; }

# zeros | da4ml LUTs
cases=("0|60300" "0.8|14400" "0.9|3400")
rows=()
for entry in "${cases[@]}"; do
  IFS='|' read -r zeros bound <<<"$entry"
  name="mlp-z$zeros"
  model="$OUT/$name.bin"
  dir="$OUT/$name"
  python3 tools/make_hardwired_mlp.py --zeros "$zeros" --seed 1 -o "$model" >/dev/null
  echo "bench-hardwired: $name: generating" >&2
  gen=$( { /usr/bin/time -f "%e %U" "$BIN" rtl "$model" -o "$dir" --engine hardwired --vectors 16 >/dev/null; } 2>&1 | tail -1)
  gen_wall=${gen% *}; gen_user=${gen#* }
  echo "bench-hardwired: $name: simulating" >&2
  sim=$("$BIN" sim "$dir" | grep -E '^(PASS|FAIL)')
  verdict=${sim%% *}
  interval=$(sed -E 's/.*cycles_per_inference=(-?[0-9]+).*/\1/' <<<"$sim")
  latency=$(sed -E 's/.*latency=(-?[0-9]+).*/\1/' <<<"$sim")
  nnz=$(json "$dir/report.json" "sum(l['non_zeros'] for l in d['layers'])")
  adders=$(json "$dir/report.json" "sum(l['hardwired']['adders'] for l in d['layers'])")
  estimate=$(json "$dir/report.json" "sum(l['hardwired']['estimated_luts'] for l in d['layers'])")
  echo "bench-hardwired: $name: synthesizing with yosys synth_xilinx (minutes)" >&2
  # synth_xilinx only (the generic pass of `make synth` adds nothing here and doubles the time).
  make -s -C "$dir" build/synth_xilinx.txt >/dev/null 2>&1 || true
  read -r lut inv ff < <(awk '/ LUT[1-6] / { l += $2 } / INV / { i += $2 } / FD[A-Z]* / { f += $2 } END { print l + 0, i + 0, f + 0 }' \
    "$dir/build/synth_xilinx.txt" 2>/dev/null || echo "0 0 0")
  rows+=("$name|$verdict|$nnz|$interval|$latency|$gen_wall|$gen_user|$adders|$estimate|$lut|$bound|$ff|$inv")
done

printf '\n%-8s %-5s %6s %8s %7s %8s %8s %7s %9s %8s %11s %7s %7s %8s\n' model sim nnz interval latency "gen s" "gen cpu" adders "est LUT" LUT "da4ml LUT" INV FF "LUT/nz"
printf '%s\n' "-----------------------------------------------------------------------------------------------------------------------------"
for row in "${rows[@]}"; do
  IFS='|' read -r a b c d e f g h i j k l m <<<"$row"
  per=$(python3 -c "print(f'{$j / max(1, $c):.1f}')")
  printf '%-8s %-5s %6s %8s %7s %8s %8s %7s %9s %8s %11s %7s %7s %8s\n' "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i" "$j" "$k" "$m" "$l" "$per"
done
echo
echo "interval, latency: simulated clocks per inference and from first input to last output (bounds: 1 and 10)"
echo "gen s / gen cpu: wall and CPU seconds of dnngen rtl (bound 1 s); est LUT: the plan's estimate from adder bits"
echo "LUT: yosys synth_xilinx -nodsp LUT1-6 cells; da4ml LUT: da4ml 0.6.0 on the same shape (issue 17), the bound"
echo "INV: yosys INV cells, not in LUT (inverted carry-chain inputs: complements and constant add bits; a carry bit"
echo "     occupies its slice's LUT as a route-through anyway, where Vivado folds the inversion)"
python3 - "${rows[@]}" <<'PY'
import sys
rows = [r.split("|") for r in sys.argv[1:]]
lut = {r[0]: int(r[9]) for r in rows}
nnz = {r[0]: int(r[2]) for r in rows}
if "mlp-z0" in lut and "mlp-z0.9" in lut and lut["mlp-z0.9"] > 0:
    print(f"LUT ratio 0% / 90%: {lut['mlp-z0'] / lut['mlp-z0.9']:.1f}x for {nnz['mlp-z0'] / nnz['mlp-z0.9']:.1f}x fewer non-zeros "
          f"(in proportion or better: {lut['mlp-z0'] / lut['mlp-z0.9'] >= nnz['mlp-z0'] / nnz['mlp-z0.9']})")
PY
