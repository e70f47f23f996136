#!/usr/bin/env bash
# make bench (sparse part): the sparse lane engine on LeNet-5-shaped nets with 80/90/95 % of
# every layer's weights zeroed at random (tools/make_sparse_lenet.py, 4-bit weights), at
# multiplier budgets 32, 64 and 128, and the storage of examples/lenet5-admm-irregular.bin.
# Prints, per run, the simulated interval against the sparse bound (max over layers of held
# non-zeros x vectors / that layer's multipliers) and against max(input beats, sum of non-zeros
# x vectors / budget), and the sparse weight storage against values + log2 C(n, nnz).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dnngen}
OUT=out/bench-sparse
VECTORS=${VECTORS:-3}
mkdir -p "$OUT"
for s in 80 90 95; do
  [ -f "$OUT/lenet5-sparse$s.bin" ] || python3 tools/make_sparse_lenet.py --sparsity 0.$s --seed 1 -o "$OUT/lenet5-sparse$s.bin" >/dev/null
done

figures() {  # report.json budget -> "bound sharedbound storage floor"
  python3 - "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1])); budget = int(sys.argv[2])
layers = [l for l in d["layers"] if l["sparse"]]
bound = max(l["sparse"]["bound_cycles"] for l in layers)
work = sum(l["sparse"]["bound_cycles"] * l["multipliers"] for l in layers)
shared = max(d["input"]["elements"], work / budget)
st = d["total"]["storage"]
floor = sum(l["storage"]["non_zeros"] * l["weight_bits"] + l["storage"]["position_floor_bits"] for l in d["layers"])
print(f"{bound:.0f} {shared:.0f} {st['sparse_total_bits']} {floor:.0f}")
PY
}

rows=()
for s in 80 90 95; do
  for budget in 32 64 128; do
    name="lenet5-sparse$s-m$budget"
    dir="$OUT/$name"
    echo "bench-sparse: $name: generating and simulating $VECTORS vectors" >&2
    "$BIN" rtl "$OUT/lenet5-sparse$s.bin" --engine sparse --multipliers "$budget" -o "$dir" --vectors "$VECTORS" >/dev/null
    sim=$("$BIN" sim "$dir" | grep -E '^(PASS|FAIL)')
    cycles=$(sed -E 's/.*cycles_per_inference=([0-9]+).*/\1/' <<<"$sim")
    read -r bound shared bits floor <<<"$(figures "$dir/report.json" "$budget")"
    mults=$(python3 -c "import json; print(json.load(open('$dir/report.json'))['total']['multipliers'])")
    plan=$(python3 -c "import json; print(json.load(open('$dir/report.json'))['total']['initiation_interval'])")
    rows+=("$name|${sim%% *}|$mults/$budget|$plan|$cycles|$bound|$(python3 -c "print(f'{$cycles/$bound:.2f}')")|$shared|$(python3 -c "print(f'{$cycles/$shared:.2f}')")|$bits|$floor|$(python3 -c "print(f'{$bits/$floor:.2f}')")")
  done
done
admm=examples/lenet5-admm-irregular.bin
echo "bench-sparse: $admm: generating" >&2
"$BIN" rtl "$admm" --engine sparse --multipliers 64 -o "$OUT/lenet5-admm-irregular" --vectors 2 >/dev/null
read -r bound shared bits floor <<<"$(figures "$OUT/lenet5-admm-irregular/report.json" 64)"
rows+=("lenet5-admm-irregular|-|-|-|-|-|-|-|-|$bits|$floor|$(python3 -c "print(f'{$bits/$floor:.2f}')")")

printf '\n%-22s %-4s %-7s %6s %6s %6s %6s %7s %6s %8s %8s %6s\n' model sim mults plan sim bound /bound shared /shared "sp bits" floor /floor
printf '%s\n' "-----------------------------------------------------------------------------------------------------------"
for row in "${rows[@]}"; do
  IFS='|' read -r a b c d e f g h i j k l <<<"$row"
  printf '%-22s %-4s %-7s %6s %6s %6s %6s %7s %6s %8s %8s %6s\n' "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h" "$i" "$j" "$k" "$l"
done
cat <<'TXT'

plan/sim: planned and simulated cycles per inference; bound: max over layers of held non-zeros x vectors / the
layer's multipliers (acceptance: sim/bound <= 1.15); shared: max(input beats, sum of non-zeros x vectors / budget)
(acceptance at budget 64: sim/shared <= 1.25); sp bits: total sparse weight storage (report.json
total.storage.sparse_total_bits); floor: values + log2 C(n, nnz) summed over layers (acceptance: <= 1.15)
TXT
