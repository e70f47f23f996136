#!/usr/bin/env bash
# make compare-report: the structured vs non-structured comparison of the shipped pairs, as a
# table, JSON and an HTML page, and a screenshot of the page from headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/debug/dnngen}
OUT=out/compare
mkdir -p "$OUT"
if ! command -v chromium >/dev/null 2>&1; then
  echo "compare-report: installing chromium with apt-get (for the screenshot)"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
"$BIN" compare examples/lenet5.bin examples/lenet5-irregular.bin -o "$OUT/lenet5" \
  --json "$OUT/lenet5.json" --html "$OUT/lenet5.html" ${COMPARE_FLAGS:-} | tee "$OUT/lenet5.txt"
# The digits and ADMM LeNet-5 pairs also on the hardwired engine (weights as constant logic).
"$BIN" compare examples/digits-mlp-structured.bin examples/digits-mlp-irregular.bin -o "$OUT/digits" --engines natural,hardwired \
  --json "$OUT/digits.json" --html "$OUT/digits.html" ${COMPARE_FLAGS:-} | tee "$OUT/digits.txt"
"$BIN" compare examples/lenet5-admm-structured.bin examples/lenet5-admm-irregular.bin -o "$OUT/lenet5-admm" --engines natural,hardwired \
  --json "$OUT/lenet5-admm.json" --html "$OUT/lenet5-admm.html" ${COMPARE_FLAGS:-} | tee "$OUT/lenet5-admm.txt"
for page in lenet5 digits lenet5-admm; do
  chromium --headless --no-sandbox --disable-gpu --window-size=1000,2200 \
    --screenshot="$OUT/$page.png" "file://$PWD/$OUT/$page.html" 2>/dev/null
  echo "compare-report: rendered $OUT/$page.png"
done
