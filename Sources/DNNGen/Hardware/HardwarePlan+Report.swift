import Foundation

extension HardwarePlan {
    /// Ideal cycles for an engine: its layer's non-zero weights over its multipliers (what a
    /// perfect engine with the same multipliers and no zeros, padding or stalls would need).
    static func idealCycles(nonZeros: Int, multipliers: Int) -> Double {
        Double(nonZeros) / Double(max(1, multipliers))
    }

    public var totalNonZeros: Int { engines.reduce(0) { $0 + $1.layer.nonZeros } }
    public var totalEffectiveMACs: Int { engines.reduce(0) { $0 + $1.layer.effectiveMACs } }
    public var totalCompactedMACs: Int { engines.reduce(0) { $0 + $1.compactedMACs } }

    /// The per-layer plan as an aligned text table, printed by `dnngen rtl` before anything runs.
    public func planTable() -> String {
        var rows: [[String]] = [["layer", "engine", "matrix", "compacted", "MACs dense", "MACs kept", "PE x SIMD", "mults", "cycles", "ideal kept", "ideal nz", "ROM bits", "acc bits"]]
        for stage in stages {
            switch stage {
            case .matrix(let engine):
                let layer = engine.layer
                rows.append([
                    layer.layerName, (layer.op == "conv2d" ? "window+" : "") + (engine.hardwired != nil ? "hardwired" : engine.lane == nil ? "mvu" : "sparse"),
                    layer.originalShape.map(String.init).joined(separator: "x"),
                    "\(layer.rows.count)x\(layer.columnCount)", "\(engine.denseMACs)", "\(engine.compactedMACs)",
                    engine.hardwired.map { "\($0.estimate.adders) adders" } ?? engine.lane.map { "\($0.mvu.groups)g x \($0.mvu.lanes)l \($0.mvu.stream.format)" } ?? foldText(engine),
                    "\(engine.multipliers)", "\(engine.cycles)",
                    format(Self.idealCycles(nonZeros: engine.compactedMACs, multipliers: engine.multipliers)),
                    format(Self.idealCycles(nonZeros: layer.effectiveMACs, multipliers: engine.multipliers)),
                    "\(engine.romBits)", "\(engine.accumulatorWidth)",
                ])
            case .pool(let pool):
                rows.append([pool.stage.layerName, "maxpool", "\(pool.stage.kernel[0])x\(pool.stage.kernel[1])", "", "", "", "", "", "\(pool.cycles)", "", "", "", ""])
            }
        }
        rows.append([
            "total", "", "", "", "\(engines.reduce(0) { $0 + $1.denseMACs })", "\(engines.reduce(0) { $0 + $1.compactedMACs })",
            "", "\(totalMultipliers)", "\(initiationInterval)",
            format(Self.idealCycles(nonZeros: totalCompactedMACs, multipliers: multiplierBudget)),
            format(Self.idealCycles(nonZeros: totalEffectiveMACs, multipliers: multiplierBudget)),
            "\(totalRomBits)", "",
        ])
        let table = TextTable(rows: rows, rightAligned: Set(4...12))
        return table.render() + """
            cycles: busy clocks per inference of each stage; total = initiation interval (the slowest stage, \
            or the input and output streams: \(ceilDiv(network.inputCount, inputLanes)) and \(ceilDiv(network.outputConstants.count, outputLanes)) beats of \(inputLanes) and \(outputLanes) elements)
            ideal kept: MACs after compaction / multipliers (total: / budget \(multiplierBudget)); the dense engine's floor
            ideal nz: non-zero weights x output pixels / multipliers: what skipping every zero would need
            \(copiesNote)\(budgetNote)
            \(budgetShares)

            """
    }

    /// "4 x 2", or "2 x 1 x 16" for 16 copies of the unit.
    private func foldText(_ engine: MatrixEngine) -> String {
        "\(engine.pe) x \(engine.simd)" + (engine.copies > 1 ? " x \(engine.copies)" : "")
    }

    /// The legend of the third fold number, when a layer has one.
    private var copiesNote: String {
        guard engines.contains(where: { $0.copies > 1 }) else { return "" }
        return "PE x SIMD x C: C copies of the unit (each with its ROMs) take the layer's windows in turn, C output pixels at once\n"
    }

    /// Per layer, its share of the budget and how busy its multipliers are at the interval:
    /// each layer gets the fewest multipliers that bring it within the interval, so a share
    /// below 100 % busy is the fold's rounding (or a layer the interval does not bind).
    public var budgetShares: String {
        let interval = max(1, initiationInterval)
        let shares = engines.filter { $0.hardwired == nil }.map { engine in
            let busy = 100 * Double(engine.compactedMACs) / Double(max(1, engine.multipliers) * interval)
            return "\(engine.layer.layerName) \(engine.multipliers) (\(String(format: "%.0f", busy)) % busy)"
        }
        return "per layer: " + shares.joined(separator: ", ") +
            "; each the fewest multipliers its folds offer within \(interval) cycles (busy: MACs / (multipliers x interval))"
    }

    /// Where the budget went and why the rest is left: the plan is at the streams' floor, or
    /// the next faster plan needs more multipliers than the budget.
    public var budgetNote: String {
        var note = "budget: \(totalMultipliers) of \(multiplierBudget) multipliers used; "
        let floor = streamFloor
        let slowest = stages.filter { stageCycles($0) == initiationInterval }.map(stageName)
        if initiationInterval <= floor {
            note += "the interval is the network's streams' (\(floor)), no stage needs more"
        } else if let faster = nextFaster {
            note += "\(slowest.joined(separator: ", ")) set\(slowest.count == 1 ? "s" : "") the interval; " +
                "the next faster plan (\(faster.interval) cycles) needs \(faster.multipliers)"
        } else {
            note += "\(slowest.joined(separator: ", ")) set\(slowest.count == 1 ? "s" : "") the interval, which no fold makes faster"
        }
        return note
    }

    private func stageCycles(_ stage: PlannedStage) -> Int {
        switch stage {
        case .matrix(let engine): return engine.cycles
        case .pool(let pool): return pool.cycles
        }
    }

    private func stageName(_ stage: PlannedStage) -> String {
        switch stage {
        case .matrix(let engine): return engine.layer.layerName
        case .pool(let pool): return pool.stage.layerName
        }
    }

    /// `report.json`: the same numbers as the table, per layer and in total.
    ///
    /// - Parameter stageCycles: per test vector, each stage's predicted busy cycles
    ///   (`stageCycles(model:inputs:)`), for the data-dependent sparse engine.
    public func reportJSON(vectors: Int, stageCycles: [[Int]] = []) -> JSONValue {
        func member(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }
        let accounts = Dictionary(storageAccounts.map { ($0.layerName, $0) }, uniquingKeysWith: { a, _ in a })
        let stageIndex = Dictionary(stages.enumerated().compactMap { i, stage -> (String, Int)? in
            if case .matrix(let engine) = stage { return (engine.layer.layerName, i) } else { return nil }
        }, uniquingKeysWith: { a, _ in a })
        func storage(_ a: StorageAccount?) -> JSONValue {
            guard let a else { return .null }
            return .object([
                member("non_zeros", .int(a.nonZeros)),
                member("dense_weight_bits", .int(a.denseBits)),
                member("sparse_format", .string(a.format.description)),
                member("sparse_groups", .int(a.groups)),
                member("sparse_value_bits", .int(a.sparseValueBits)),
                member("sparse_position_bits", .int(a.sparsePositionBits)),
                member("sparse_padding_bits", .int(a.sparsePaddingBits)),
                member("sparse_boundary_bits", .int(a.sparseBoundaryBits)),
                member("sparse_total_bits", .int(a.sparseBits)),
                member("position_floor_bits", .double(rounded(a.floorBits))),
            ])
        }
        let layers = engines.map { engine -> JSONValue in
            let layer = engine.layer
            let predicted: JSONValue = stageIndex[layer.layerName].flatMap { i in
                stageCycles.isEmpty ? nil : .double(rounded(Double(stageCycles.reduce(0) { $0 + $1[i] }) / Double(stageCycles.count)))
            } ?? .null
            return .object([
                member("name", .string(layer.layerName)),
                member("op", .string(layer.op)),
                member("engine", .string(engine.engineName)),
                member("shape", .array(layer.originalShape.map { .int($0) })),
                member("compacted_shape", .array([.int(layer.rows.count), .int(layer.columnCount)])),
                member("vectors_per_inference", .int(layer.vectorsPerInference)),
                member("macs_dense", .int(engine.denseMACs)),
                member("macs_compacted", .int(engine.compactedMACs)),
                member("macs_effective", .int(layer.effectiveMACs)),
                member("non_zeros", .int(layer.nonZeros)),
                member("weight_bits", .int(layer.weightBits)),
                member("weight_kind", .string(layer.weightKind.rawValue)),
                member("pe", .int(engine.pe)),
                member("simd", .int(engine.simd)),
                member("copies", .int(engine.copies)),
                member("multipliers", .int(engine.multipliers)),
                member("cycles", .int(engine.cycles)),
                member("ideal_cycles", .double(rounded(Self.idealCycles(nonZeros: engine.compactedMACs, multipliers: engine.multipliers)))),
                member("ideal_cycles_nonzero", .double(rounded(Self.idealCycles(nonZeros: layer.effectiveMACs, multipliers: engine.multipliers)))),
                member("weight_rom_bits", .int(engine.weightRomBits)),
                member("param_rom_bits", .int(engine.paramRomBits)),
                member("accumulator_bits", .int(engine.accumulatorWidth)),
                member("bias_bits", .int(engine.biasWidth)),
                member("input_elements", .int(engine.inputElements)),
                member("rows_computed", .int(layer.rows.count)),
                member("predicted_cycles_test_vectors", predicted),
                member("storage", storage(accounts[layer.layerName])),
                member("hardwired", engine.hardwired.map { hardwired -> JSONValue in
                    let estimate = hardwired.estimate
                    return .object([
                        member("adders", .int(estimate.adders)),
                        member("adder_bits", .int(estimate.adderBits)),
                        member("clamped_outputs", .int(estimate.clampedOutputs)),
                        member("register_bits", .int(estimate.registerBits)),
                        member("adder_levels", .int(estimate.maxLevel)),
                        member("levels_per_stage", .int(hardwired.levelsPerStage)),
                        member("latency_stages", .int(hardwired.stages)),
                        member("estimated_luts", .int(estimate.luts)),
                        member("gathered_beats", .int(engine.gatherBeats)),
                    ])
                } ?? .null),
                member("sparse", sparseJSON(engine)),
            ])
        }
        return .object([
            member("model", .string(modelName)),
            member("multiplier_budget", .int(multiplierBudget)),
            member("layers", .array(layers)),
            member("total", .object([
                member("multipliers", .int(totalMultipliers)),
                member("initiation_interval", .int(initiationInterval)),
                member("ideal_cycles", .double(rounded(Self.idealCycles(nonZeros: totalCompactedMACs, multipliers: multiplierBudget)))),
                member("ideal_cycles_nonzero", .double(rounded(Self.idealCycles(nonZeros: totalEffectiveMACs, multipliers: multiplierBudget)))),
                member("macs_compacted", .int(totalCompactedMACs)),
                member("macs_effective", .int(totalEffectiveMACs)),
                member("non_zeros", .int(totalNonZeros)),
                member("rom_bits", .int(totalRomBits)),
                member("predicted_interval_test_vectors", stageCycles.isEmpty ? .null : .double(rounded(predictedInterval(stageCycles: stageCycles)))),
                member("storage", storageTotal(Array(accounts.values))),
            ])),
            member("input", .object([member("elements", .int(network.inputCount)), member("lanes", .int(inputLanes)),
                                     member("type", .string(network.inputType.shortName))])),
            member("output", .object([
                member("elements", .int(network.outputConstants.count)),
                member("shape", .array([.int(network.outputConstants.count)])),
                member("type", .string(network.outputType.shortName)),
            ])),
            member("test_vectors", .int(vectors)),
        ])
    }

    private func storageTotal(_ accounts: [StorageAccount]) -> JSONValue {
        func member(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }
        func sum(_ f: (StorageAccount) -> Int) -> JSONValue { .int(accounts.reduce(0) { $0 + f($1) }) }
        return .object([
            member("dense_weight_bits", sum(\.denseBits)),
            member("sparse_value_bits", sum(\.sparseValueBits)),
            member("sparse_position_bits", sum(\.sparsePositionBits)),
            member("sparse_padding_bits", sum(\.sparsePaddingBits)),
            member("sparse_boundary_bits", sum(\.sparseBoundaryBits)),
            member("sparse_total_bits", sum(\.sparseBits)),
            member("position_floor_bits", .double(rounded(accounts.reduce(0.0) { $0 + $1.floorBits }))),
        ])
    }

    /// Storage of every layer in both engines; a sparse layer's as its engine holds it.
    public var storageAccounts: [StorageAccount] {
        let groups = Dictionary(engines.compactMap { e in e.lane.map { (e.layer.layerName, $0.mvu.groups) } },
                                uniquingKeysWith: { a, _ in a })
        // The plan was built with `index`, so every layer encodes.
        return (try? network.storageAccounts(index: index, groups: groups)) ?? []
    }

    private func sparseJSON(_ engine: MatrixEngine) -> JSONValue {
        func member(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }
        guard let mvu = engine.lane?.mvu else { return .null }
        let nonZeros = mvu.stream.valueBits / max(1, mvu.stream.weightBits)
        return .object([
            member("groups", .int(mvu.groups)),
            member("lanes", .int(mvu.lanes)),
            member("drain_rows", .int(mvu.drainRows)),
            member("format", .string(mvu.stream.format.description)),
            member("codes_per_group", .array(mvu.stream.codes.map { .int($0) })),
            member("escapes", .int(mvu.stream.codes.reduce(0, +) - nonZeros)),
            member("clocks_per_batch", .int(mvu.stream.maxCodes)),
            member("bound_cycles", .double(rounded(mvu.bound))),
            member("efficiency", .double(rounded(mvu.bound / Double(max(1, mvu.cycles))))),
        ])
    }

    private func format(_ value: Double) -> String { String(format: "%.1f", value) }
    private func rounded(_ value: Double) -> Double { (value * 100).rounded() / 100 }
}
