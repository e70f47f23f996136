// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dnngen",
    targets: [
        .target(name: "DNNGen", path: "Sources/DNNGen"),
        .executableTarget(name: "dnngen", dependencies: ["DNNGen"], path: "Sources/dnngen"),
        .testTarget(name: "DNNGenTests", dependencies: ["DNNGen"], path: "Tests/DNNGenTests", exclude: ["Fixtures"]),
    ]
)
