#!/usr/bin/env bash
# make bench, part 2: training throughput (one LeNet-5 epoch on the 60,000 Fashion-MNIST
# training images) and integer reference throughput (dnngen eval on the 10,000 test images).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dnngen}
OUT=out/bench
mkdir -p "$OUT"
echo "bench: training one LeNet-5 epoch" >&2
train=$("$BIN" train --arch lenet5 -o "$OUT/lenet5-1epoch-float.bin" --epochs 1 | grep "images/s" | tail -1)
train_rate=$(sed -nE 's/.* ([0-9,.]+) images\/s.*/\1/p' <<<"$train")
echo "bench: integer reference on the test images" >&2
eval_line=$("$BIN" eval examples/lenet5.bin | grep "images/s" | tail -1)
eval_rate=$(sed -nE 's/.* ([0-9,.]+) images\/s.*/\1/p' <<<"$eval_line")
printf '\n%-44s %12s\n' "throughput" "images/s"
printf '%s\n' "---------------------------------------------------------"
printf '%-44s %12s\n' "training, LeNet-5, Fashion-MNIST (1 epoch)" "$train_rate"
printf '%-44s %12s\n' "integer reference, LeNet-5 (dnngen eval)" "$eval_rate"
echo "($train)"
echo "($eval_line)"
