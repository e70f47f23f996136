extension Comparison {
    /// The comparison as JSON (schema: docs/compare-json.md). Every measured figure names its
    /// source: `rom_images`, `simulated`, `synthesized` or `predicted`.
    public func json() -> JSONValue {
        func m(_ key: String, _ value: JSONValue) -> JSONMember { JSONMember(key: key, value: value) }
        func r(_ value: Double) -> JSONValue { .double((value * 10_000).rounded() / 10_000) }
        let entryValues = entries.map { entry -> JSONValue in
            .object([
                m("model", .string(entry.model)),
                m("file", .string(entry.file)),
                m("engine", .string(entry.engine)),
                m("non_zeros", .int(entry.nonZeros)),
                m("weights", .int(entry.positions)),
                m("pruning_rate", r(entry.pruningRate)),
                m("weight_storage_bits", .object([m("value", .int(entry.weightStorageBits)), m("source", .string(FigureSource.romImages.rawValue))])),
                m("position_floor_bits", r(entry.floorBits)),
                m("multipliers", .int(entry.multipliers)),
                m("cycles_per_inference", .object([m("value", r(entry.cycles)), m("source", .string(entry.cyclesSource.rawValue))])),
                m("area", entry.area.map { area in
                    .object([
                        m("luts", .int(area.luts)), m("flip_flops", .int(area.flipFlops)), m("bram18", .int(area.bram18)),
                        m("dsps", .int(area.dsps)), m("lut_rams", .int(area.lutRAMs)), m("cells", .int(area.cells)),
                        m("source", .string(FigureSource.synthesized.rawValue)),
                    ])
                } ?? .null),
                m("inferences_per_mcycle_per_klut", entry.throughputPerLUT.map(r) ?? .null),
                m("latency", entry.latency.map { .object([m("value", .int($0)), m("source", .string(FigureSource.simulated.rawValue))]) } ?? .null),
                m("luts_per_non_zero", entry.lutsPerNonZero.map(r) ?? .null),
                m("design_folder", .string(entry.designFolder)),
                m("layers", .array(entry.layers.map { layer in
                    .object([
                        m("name", .string(layer.name)),
                        m("engine", .string(layer.engine)),
                        m("non_zeros", .int(layer.nonZeros)),
                        m("weights", .int(layer.positions)),
                        m("pruning_rate", r(layer.pruningRate)),
                        m("weight_bits", .int(layer.weightBits)),
                        m("storage", .object([
                            m("value_bits", .int(layer.storage.valueBits)),
                            m("position_bits", .int(layer.storage.positionBits)),
                            m("padding_bits", .int(layer.storage.paddingBits)),
                            m("boundary_bits", .int(layer.storage.boundaryBits)),
                            m("parameter_bits", .int(layer.storage.parameterBits)),
                            m("source", .string(FigureSource.romImages.rawValue)),
                        ])),
                        m("dense_compacted_bits", .int(layer.denseCompactedBits)),
                        m("position_floor_bits", r(layer.floorBits)),
                        m("format", layer.format.map { .string($0) } ?? .null),
                        m("multipliers", .int(layer.multipliers)),
                        m("bound_cycles", r(layer.boundCycles)),
                        m("cycles_per_inference", .object([m("value", r(layer.predictedCycles)), m("source", .string(FigureSource.predicted.rawValue))])),
                    ])
                })),
            ])
        }
        return .object([
            m("schema", .string("dnngen-compare/2")),
            m("index", .string(index)),
            m("multiplier_budget", .int(multiplierBudget)),
            m("entries", .array(entryValues)),
            m("break_even", .array(breakEvens.map { b in
                .object([
                    m("sparse_model", .string(b.sparseModel)),
                    m("dense_model", .string(b.denseModel)),
                    m("pruning_rate", r(b.actualRate)),
                    m("storage_break_even_rate", b.storageRate.map(r) ?? .null),
                    m("cycles_break_even_rate", b.cyclesRate.map(r) ?? .null),
                    m("source", .string(FigureSource.predicted.rawValue)),
                ])
            })),
            m("hardwired_break_even", .array(hardwiredBreakEvens.map { b in
                .object([
                    m("irregular_model", .string(b.irregularModel)),
                    m("structured_model", .string(b.structuredModel)),
                    m("pruning_rate", r(b.actualRate)),
                    m("irregular_luts", .int(b.irregularLUTs)),
                    m("structured_luts", .int(b.structuredLUTs)),
                    m("lut_break_even_rate", b.lutRate.map(r) ?? .null),
                    m("source", .string(FigureSource.predicted.rawValue)),
                ])
            })),
        ])
    }
}
