/// Lays out a generated design folder (see the README's "Generated output"):
/// `rtl/` templates and top, `rom/` images, `tb/` bench and vectors, `Makefile`, `files.f`,
/// `report.json`.
public struct DesignWriter {
    public var plan: HardwarePlan
    public var vectors: TestVectors
    public var context: GenerationContext
    public var seed: UInt64
    /// Per test vector, each stage's predicted cycles, for report.json (may be empty).
    public var stageCycles: [[Int]]

    public init(plan: HardwarePlan, vectors: TestVectors, context: GenerationContext, seed: UInt64, stageCycles: [[Int]] = []) {
        self.plan = plan
        self.vectors = vectors
        self.context = context
        self.seed = seed
        self.stageCycles = stageCycles
    }

    public func design() -> GeneratedDesign {
        let top = TopModuleWriter(plan: plan, context: context)
        var files: [GeneratedFile] = []
        let templates = EmbeddedTemplates.rtl
        for template in templates { files.append(GeneratedFile(path: "rtl/\(template.name)", text: template.text)) }
        let hardwired = top.hardwiredModules
        for module in hardwired { files.append(GeneratedFile(path: "rtl/\(module.fileName)", text: module.text)) }
        files.append(GeneratedFile(path: "rtl/\(top.moduleName).v", text: top.text()))
        for image in top.romImages { files.append(GeneratedFile(path: "rom/\(image.fileName)", rom: image)) }
        files.append(GeneratedFile(path: "tb/\(EmbeddedTemplates.bench.name)", text: EmbeddedTemplates.bench.text))
        files.append(GeneratedFile(path: "tb/tb.v", text: TestbenchWriter(plan: plan, vectors: vectors, context: context, seed: seed).text(top: top.moduleName)))
        // The bench streams inputs in the order the hardware takes them (HWC for feature maps).
        let order = plan.network.inputOrder
        let streamed = vectors.inputs.map { input in order.map { input[$0] } }
        files.append(GeneratedFile(path: "tb/input.hex", text: hex(streamed, width: plan.network.inputType.bits)))
        files.append(GeneratedFile(path: "tb/expected.hex", text: hex(vectors.expected, width: plan.network.outputType.bits)))
        let fileList = templates.map { "rtl/\($0.name)" } + hardwired.map { "rtl/\($0.fileName)" } + ["rtl/\(top.moduleName).v"]
        files.append(GeneratedFile(path: "files.f", text: fileList.joined(separator: "\n") + "\n"))
        files.append(GeneratedFile(path: "Makefile", text: MakefileWriter(plan: plan, context: context).text(top: top.moduleName)))
        files.append(GeneratedFile(path: "report.json", text: plan.reportJSON(vectors: vectors.inputs.count, stageCycles: stageCycles).serialized(pretty: true) + "\n"))
        return GeneratedDesign(files: files, topModule: top.moduleName)
    }

    private func hex(_ vectors: [[Int]], width: Int) -> String {
        var text = ""
        for vector in vectors {
            for value in vector {
                var word = BitWord()
                word.append(Int128(value), width: width)
                text += word.hex + "\n"
            }
        }
        return text
    }
}
