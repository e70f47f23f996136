#!/usr/bin/env bash
# make bench, part 2: training throughput (one LeNet-5 epoch on the 60,000 Fashion-MNIST
# training images), one ADMM pruning epoch of dnngen compress on that model, and integer
# reference throughput (dnngen eval on the 10,000 test images).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-.build/release/dnngen}
OUT=out/bench
mkdir -p "$OUT"
echo "bench: training one LeNet-5 epoch" >&2
train=$("$BIN" train --arch lenet5 -o "$OUT/lenet5-1epoch-float.bin" --epochs 1 | grep "images/s" | tail -1)
train_rate=$(sed -nE 's/.* ([0-9,.]+) images\/s.*/\1/p' <<<"$train")
echo "bench: one ADMM pruning epoch (dnngen compress)" >&2
admm=$("$BIN" compress "$OUT/lenet5-1epoch-float.bin" --prune irregular:10x --weight-bits 4 --per-channel \
  --admm-epochs 1 --retrain-epochs 0 --quant-admm-epochs 0 --qat-epochs 0 -o "$OUT/lenet5-admm-1epoch.bin" \
  | grep "admm-prune 1/1" | tail -1)
admm_rate=$(sed -nE 's/.* ([0-9,.]+) images\/s.*/\1/p' <<<"$admm")
echo "bench: integer reference on the test images" >&2
eval_line=$("$BIN" eval examples/lenet5.bin | grep "images/s" | tail -1)
eval_rate=$(sed -nE 's/.* ([0-9,.]+) images\/s.*/\1/p' <<<"$eval_line")
printf '\n%-44s %12s\n' "throughput" "images/s"
printf '%s\n' "---------------------------------------------------------"
printf '%-44s %12s\n' "training, LeNet-5, Fashion-MNIST (1 epoch)" "$train_rate"
printf '%-44s %12s\n' "ADMM pruning, LeNet-5 (1 compress epoch)" "$admm_rate"
printf '%-44s %12s\n' "integer reference, LeNet-5 (dnngen eval)" "$eval_rate"
echo "($train)"
echo "($admm)"
echo "($eval_line)"
