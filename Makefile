# dnngen: the two commands a new user needs are `make demo` and `make test`.

SWIFT      ?= swift
BUILD_DIR  ?= .build
BIN        := $(BUILD_DIR)/debug/dnngen
DEMO_DIR   ?= out/demo

.PHONY: all build tools demo test test-templates bench compare-report lenet5-recipe embed lint clean help

all: build

help:
	@echo "make demo   - install the simulators if missing, build dnngen, generate and simulate the built-in example"
	@echo "make test   - install the tools if missing, run the template benches and the Swift test suite"
	@echo "make build  - build the dnngen binary ($(BIN))"
	@echo "make bench  - generation time/memory, simulation time, cycles vs ideal and Yosys area of the shipped models"
	@echo "make compare-report - structured vs irregular pairs: table, JSON, HTML with charts and its screenshot (out/compare/)"
	@echo "make lenet5-recipe - train LeNet-5 on Fashion-MNIST, quantize to 4 bits, evaluate, generate RTL (out/recipe/)"
	@echo "make embed  - re-embed rtl-templates/ and the example model into the Swift library"
	@echo "make tools  - install iverilog, verilator and yosys with apt-get when missing"

tools:
	@./scripts/install-tools.sh

build:
	@echo "== building dnngen"
	$(SWIFT) build --scratch-path $(BUILD_DIR)

embed:
	python3 scripts/embed_sources.py

demo: tools build
	@echo "== generating the built-in example (digits MLP) into $(DEMO_DIR)"
	rm -rf $(DEMO_DIR)
	$(BIN) rtl -o $(DEMO_DIR)
	@echo "== simulating it with iverilog"
	$(BIN) sim $(DEMO_DIR)

test-templates: tools
	@echo "== unit benches of the Verilog templates"
	$(MAKE) -C testbenches check

test: tools build test-templates
	@echo "== Swift test suite (includes iverilog simulations and verilator lint of generated designs)"
	DNNGEN_BIN=$(abspath $(BIN)) $(SWIFT) test --scratch-path $(BUILD_DIR)

bench: tools
	@echo "== release build, then generation, simulation and synthesis of the benchmark models"
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR)
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench.sh
	BIN=$(BUILD_DIR)/release/dnngen ./scripts/bench-training.sh

# The LeNet-5 recipe: train on Fashion-MNIST, quantize to 4-bit weights / 8-bit activations,
# measure both on the 10,000 test images, and build the integer model into RTL.
lenet5-recipe: tools
	$(SWIFT) build -c release --scratch-path $(BUILD_DIR)
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
