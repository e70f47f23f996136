/// The model `dnngen` uses when none is given: examples/digits-mlp.bin, a 64-32-10 MLP on the
/// 8x8 handwritten digits, pruned (irregular, rows and columns) and quantized to 4-bit weights.
/// tools/make_digits_example.py makes it; SwiftPM embeds its bytes (see Package.swift), so the
/// binary works anywhere.
public enum BuiltInExample {
    /// The name errors and headers use for it.
    public static let fileName = "examples/digits-mlp.bin"

    /// The bytes of examples/digits-mlp.bin.
    public static let bytes: [UInt8] = PackageResources.digits_mlp_bin
}
