import Foundation

/// What quantization chose for one dense or conv layer, for the report.
public struct LayerQuantization: Equatable, Sendable {
    public var name: String
    /// The float value of one unit of the layer's integer input.
    public var inputScale: Double
    /// Each output channel's weight scale (all equal without per-channel scales).
    public var weightScales: [Double]
    /// The calibrated range of the output (before it is mapped onto the output type).
    public var outputRange: Double
    /// The float value of one unit of the integer output.
    public var outputScale: Double
    public var output: ActivationType
    public var multipliers: [Int]
    public var shifts: [Int]

    /// `conv1: weight scale 0.0123..0.0456, input scale 0.00392, output u8 range 5.12 scale 0.0201, m 33010..65211, s 21..24`.
    public var line: String {
        func range<T: Comparable>(_ values: [T], _ text: (T) -> String) -> String {
            guard let low = values.min(), let high = values.max() else { return "-" }
            return low == high ? text(low) : text(low) + ".." + text(high)
        }
        let g = { (value: Double) in String(format: "%.4g", value) }
        return "\(name): weight scale \(range(weightScales, g)), input scale \(g(inputScale)), "
            + "output \(output.shortName) range \(g(outputRange)) scale \(g(outputScale)), "
            + "m \(range(multipliers, String.init)), s \(range(shifts, String.init))"
    }
}
