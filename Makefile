# dnngen: the two commands a new user needs are `make demo` and `make test`.

SWIFT      ?= swift
BUILD_DIR  ?= .build
BIN        := $(BUILD_DIR)/debug/dnngen
DEMO_DIR   ?= out/demo

FUZZ_CASES ?= 100000
FUZZ_SEED  ?= 1
# Jobs run at once by the template benches and the short fuzz run (CI machines have 2 cores).
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: fuzz fuzz-short all build release tools demo test test-long test-templates test-onnx onnx-check lenet5-qdq bench compare-report lenet5-recipe admm-irregular admm-structured admm-pair lint clean help

all: build

help:
	@echo "make demo   - install the simulators if missing, build dnngen, generate and simulate the built-in example"
	@echo "make test   - install the tools if missing, run the template benches, the Swift test suite and the ONNX oracle tests"
	@echo "make test-long - the Swift test suite with its long runs too (DNNGEN_LONG=1: every seed of the RTL simulation sweeps)"
	@echo "make onnx-check - dnngen vs onnxruntime on the QDQ LeNet-5 (examples/lenet5-qdq.onnx), all 10,000 Fashion-MNIST test images"
	@echo "make lenet5-qdq - rebuild examples/lenet5-qdq.onnx: the recipe's float LeNet-5 quantized by onnxruntime's quantize_static"
	@echo "make build  - build the dnngen binary ($(BIN))"
	@echo "make bench  - generation time/memory, simulation time, cycles vs ideal, Yosys area, ECP5/iCE40 Fmax and utilization (place and route) of the shipped models; scale rows"
	@echo "make fuzz   - $(FUZZ_CASES) mutated/generated inputs through the release dnngen (20 s, 4 GiB each; failures kept in out/fuzz-failures/)"
	@echo "make compare-report - structured vs irregular pairs: table, JSON, HTML with charts and its screenshot (out/compare/)"
	@echo "make lenet5-recipe - train LeNet-5 on Fashion-MNIST, quantize to 4 bits, evaluate, generate RTL (out/recipe/)"
	@echo "make admm-irregular / admm-structured - ADMM-prune and quantize LeNet-5 (10x irregular / filter pruning) into out/admm/"
	@echo "make admm-pair - both, then dnngen compare on the pair (out/admm/compare/)"
	@echo "make tools  - install iverilog, verilator, yosys, nextpnr-ice40, icestorm (apt-get) and the Python tools of scripts/python-tools.txt into .venv/, when missing"

tools:
	@./scripts/install-tools.sh

build:
	@echo "== building dnngen"
	$(SWIFT) build --scratch-path $(BUILD_DIR)

demo: tools build
	@echo "== generating the built-in example (digits MLP) into $(DEMO_DIR)"
	rm -rf $(DEMO_DIR)
	$(BIN) rtl -o $(DEMO_DIR)
	@echo "== simulating it with iverilog"
	$(BIN) sim $(DEMO_DIR)

test-templates: tools
	@echo "== unit benches of the Verilog templates"
	$(MAKE) -C testbenches -j$(JOBS) check

test: tools build test-templates fuzz-short
	@echo "== Swift test suite (includes iverilog simulations and verilator lint of generated designs)"
	DNNGEN_BIN=$(abspath $(BIN)) $(SWIFT) test --scratch-path $(BUILD_DIR)
	$(MAKE) test-onnx

# What make test leaves out to stay short: the simulation sweeps' other seeds (the tests make test
# reports as skipped with "long run"), with the whole Swift suite around them.
test-long: tools build
	@echo "== Swift test suite with its long runs (DNNGEN_LONG=1)"
	DNNGEN_LONG=1 DNNGEN_BIN=$(abspath $(BIN)) $(SWIFT) test --scratch-path $(BUILD_DIR)

# The ONNX import against its oracles (qonnx executor, onnxruntime; Python in .venv/): QONNX
# models bit-exact on 1,000 inputs each, small QDQ models, the QDQ LeNet-5 on 500 test images.
test-onnx: tools build
	@echo "== ONNX import vs the qonnx executor and onnxruntime"
	BIN=$(BIN) ./scripts/test-onnx.sh

# A short seeded fuzz run (the same generators and checks as `make fuzz`) for every `make test`.
fuzz-short: build
	@echo "== fuzz: 300 seeded cases"
	python3 scripts/fuzz.py --bin $(BIN) --cases 300 --seed 1 --progress 0 --jobs $(JOBS)

# The long fuzz run: niced, since it keeps a core busy for a long time.
fuzz: release
	nice -n 10 python3 scripts/fuzz.py --bin $(BUILD_DIR)/release/dnngen --cases $(FUZZ_CASES) --seed $(FUZZ_SEED) --progress 5000

bench: tools
	@echo "== release build, then generation, simulation and synthesis of the benchmark models"
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR)
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench.sh
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench-sparse.sh
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench-training.sh
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench-scale.sh
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench-hardwired.sh
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench-fpga.sh
	@echo "== the budget property on every budget 1...512 (32 random MLPs and CNNs)"
	DNNGEN_BENCH=1 DNNGEN_BIN=$(abspath $(BUILD_DIR))/debug/dnngen $(SWIFT) test --scratch-path $(BUILD_DIR) --filter BudgetSweepBench

release:
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR)

# The ADMM-NN-S recipes: the float LeNet-5 of lenet5-recipe (trained here if missing), pruned
# with ADMM (irregular 10x, or by filter with the next layers' channels following), retrained,
# quantized to 4-bit weights and measured by dnngen eval. Their outputs are the pair shipped as
# examples/lenet5-admm-{irregular,structured}.bin (copy them there to update the examples).
RELEASE_BIN := $(BUILD_DIR)/release/dnngen
ADMM_PARENT := out/recipe/lenet5-float.bin
ADMM_FLAGS  := --weight-bits 4 --act-bits 8 --per-channel

$(ADMM_PARENT):
	mkdir -p out/recipe
	$(RELEASE_BIN) train --arch lenet5 --epochs 15 --seed 0 -o $@

admm-irregular: tools release $(ADMM_PARENT)
	mkdir -p out/admm
	$(RELEASE_BIN) compress $(ADMM_PARENT) --prune irregular:10x $(ADMM_FLAGS) -o out/admm/lenet5-admm-irregular.bin
	$(RELEASE_BIN) eval out/admm/lenet5-admm-irregular.bin

admm-structured: tools release $(ADMM_PARENT)
	mkdir -p out/admm
	$(RELEASE_BIN) compress $(ADMM_PARENT) --prune filter:4x $(ADMM_FLAGS) -o out/admm/lenet5-admm-structured.bin
	$(RELEASE_BIN) eval out/admm/lenet5-admm-structured.bin

admm-pair: admm-irregular admm-structured
	$(RELEASE_BIN) compare out/admm/lenet5-admm-structured.bin out/admm/lenet5-admm-irregular.bin -o out/admm/compare

# The LeNet-5 recipe: train on Fashion-MNIST, quantize to 4-bit weights / 8-bit activations,
# measure both on the 10,000 test images, and build the integer model into RTL.
lenet5-recipe: tools release
	mkdir -p out/recipe
	$(BUILD_DIR)/release/dnngen train --arch lenet5 --epochs 15 --seed 0 -o out/recipe/lenet5-float.bin
	$(BUILD_DIR)/release/dnngen quantize out/recipe/lenet5-float.bin --weight-bits 4 --act-bits 8 --per-channel -o out/recipe/lenet5-w4.bin
	$(BUILD_DIR)/release/dnngen eval out/recipe/lenet5-float.bin
	$(BUILD_DIR)/release/dnngen eval out/recipe/lenet5-w4.bin
	$(BUILD_DIR)/release/dnngen rtl out/recipe/lenet5-w4.bin -o out/recipe/lenet5-w4-rtl --vectors 4

compare-report: tools build
	@echo "== comparing the shipped structured/irregular pairs; HTML report rendered with headless Chromium"
	BIN=$(BIN) ./scripts/compare-report.sh

clean:
	rm -rf out
	$(MAKE) -C testbenches clean

# The full acceptance check of the QDQ LeNet-5: all 10,000 test images (release build).
onnx-check: tools release
	.venv/bin/python tools/check_onnx_lenet5.py examples/lenet5-qdq.onnx --dnngen $(RELEASE_BIN)

# examples/lenet5-qdq.onnx from the recipe's float LeNet-5 (trained here if missing).
lenet5-qdq: tools release $(ADMM_PARENT)
	.venv/bin/python tools/make_lenet5_qdq.py $(ADMM_PARENT) -o examples/lenet5-qdq.onnx
