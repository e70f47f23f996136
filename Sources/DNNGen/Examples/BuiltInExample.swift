/// The model `dnngen` uses when none is given: examples/digits-mlp.bin, a 64-32-10 MLP on the
/// 8x8 handwritten digits, pruned (irregular, rows and columns) and quantized to 4-bit weights.
/// tools/make_digits_example.py makes it; the binary carries its bytes so it works anywhere.
public enum BuiltInExample {
    /// The name errors and headers use for it.
    public static let fileName = "examples/digits-mlp.bin"
}
