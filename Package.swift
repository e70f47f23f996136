// swift-tools-version:6.0
import PackageDescription

// The binary carries what it writes, so it runs from any folder: SwiftPM embeds the files below
// into the library at build time (`PackageResources.<file_name>` as bytes). Sources/DNNGen/Resources/
// holds symbolic links to them, so rtl-templates/, testbenches/ and examples/ stay at the top level.
// The plugin lists every file of rtl-templates/ for the design writer: adding a template there
// needs no other change.
let package = Package(
    name: "dnngen",
    targets: [
        .target(
            name: "DNNGen",
            path: "Sources/DNNGen",
            resources: [
                .embedInCode("Resources/rtl-templates"),
                .embedInCode("Resources/dnngen_tb.v"),
                .embedInCode("Resources/digits-mlp.bin"),
            ],
            plugins: ["TemplateIndexPlugin"]
        ),
        .executableTarget(name: "dnngen", dependencies: ["DNNGen"], path: "Sources/dnngen"),
        .executableTarget(name: "template-index", path: "Sources/template-index"),
        .plugin(name: "TemplateIndexPlugin", capability: .buildTool(), dependencies: ["template-index"]),
        .testTarget(name: "DNNGenTests", dependencies: ["DNNGen"], path: "Tests/DNNGenTests", exclude: ["Fixtures", "Snapshots"]),
    ]
)
