#!/usr/bin/env bash
# make bench, scale rows: a generated wide MLP of about 25 M 4-bit weights (4096-5000-1024-10)
# through `inspect` and `rtl` (generation only), and models beyond the hardware limits, which
# `rtl` must refuse up front. Prints time and peak memory beside the targets.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dnngen}
OUT=out/bench/scale
mkdir -p "$OUT"

python3 - "$OUT" <<'PY'
import os, sys
sys.path.insert(0, "scripts/fuzzing")
import modelgen
out = sys.argv[1]
models = {
    "mlp-25m.bin": lambda: modelgen.mlp([4096, 5000, 1024, 10], bits=4, seed=1, name="wide_mlp"),
    "huge-map.bin": lambda: modelgen.huge_map(1, 65536, 65536),
    "deep.bin": lambda: modelgen.deep_mlp(5000),
}
for name, make in models.items():
    path = os.path.join(out, name)
    if not os.path.exists(path):
        with open(path, "wb") as handle:
            handle.write(make())
PY

# measure LABEL TARGET COMMAND...: prints "label|ok or refused|wall seconds|CPU seconds|peak MB|target|first stderr line"
measure() {
  local label=$1 target=$2; shift 2
  local status=0
  /usr/bin/time -o "$OUT/time.txt" -f "%e %U %S %M" "$@" >/dev/null 2>"$OUT/last.err" || status=$?
  local seconds user system kb
  read -r seconds user system kb < <(tail -1 "$OUT/time.txt")
  echo "$label|$([ "$status" = 0 ] && echo ok || echo "exit $status")|$seconds|$(awk -v u="$user" -v s="$system" 'BEGIN { printf "%.2f", u + s }')|$((kb / 1024))|$target|$(head -1 "$OUT/last.err")"
}

rows=()
echo "bench: scale: wide MLP 4096-5000-1024-10, 4-bit ($(stat -c %s "$OUT/mlp-25m.bin") bytes)" >&2
rows+=("$(measure "inspect mlp 25.6M weights" "-" "$BIN" inspect "$OUT/mlp-25m.bin")")
rm -rf "$OUT/mlp-25m-rtl"
rows+=("$(measure "rtl mlp 25.6M weights" "< 30 s, <= 512 MB" "$BIN" rtl "$OUT/mlp-25m.bin" -o "$OUT/mlp-25m-rtl")")
rows+=("$(measure "rtl [1,65536,65536] map" "refused < 1 s" "$BIN" rtl "$OUT/huge-map.bin" -o "$OUT/huge-rtl")")
rows+=("$(measure "inspect [1,65536,65536] map" "-" "$BIN" inspect "$OUT/huge-map.bin")")
rows+=("$(measure "rtl 5000 dense layers" "refused < 1 s" "$BIN" rtl "$OUT/deep.bin" -o "$OUT/deep-rtl")")

printf '\n%-30s %-8s %8s %8s %8s  %-18s %s\n' "scale case" result "wall s" "CPU s" "peak MB" target message
printf '%s\n' "------------------------------------------------------------------------------------------------------------"
for row in "${rows[@]}"; do
  IFS='|' read -r a b c d e f g <<<"$row"
  printf '%-30s %-8s %8s %8s %8s  %-18s %s\n' "$a" "$b" "$c" "$d" "$e" "$f" "${g:0:90}"
done
