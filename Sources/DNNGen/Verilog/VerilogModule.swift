/// A generated Verilog module before it is printed: its ports, then wire declarations, instances
/// and assignments in order. The writers build one; `text()` (VerilogModule+Text.swift) is the
/// only place that lays Verilog out, so every generated module is formatted alike.
struct VerilogModule {
    var name: String
    /// Comment lines printed above the preamble, already prefixed with `//`.
    var header: String
    var ports: [VerilogPort]
    var items: [VerilogItem]
}

/// One port of a module declaration.
struct VerilogPort {
    enum Direction: String {
        case input
        case output
    }

    var direction: Direction
    var name: String
    /// Bits, as `[width-1:0]`; nil for a scalar.
    var width: Int? = nil
    /// Printed on the line above the port.
    var comment: String?
    /// Declared but not read: wrapped in a Verilator `UNUSEDSIGNAL` waiver.
    var unused = false
}

/// One `wire` declaration.
struct VerilogWire {
    var name: String
    /// Bits, as `[width-1:0]` (also `[0:0]`, so a part-select stays legal); nil for a scalar.
    var width: Int? = nil
    /// Driven but not read: wrapped in a Verilator `UNUSEDSIGNAL` waiver.
    var unused = false
}

/// A parameter override of an instance, `.NAME(value)`.
struct VerilogParameter {
    var name: String
    var value: String
    /// What a coded value means (`0 = int`) or why a value was chosen; printed beside it.
    var comment: String?

    init(_ name: String, _ value: Int, _ comment: String? = nil) {
        self.init(name, verbatim: String(value), comment)
    }

    init(_ name: String, verbatim value: String, _ comment: String? = nil) {
        self.name = name
        self.value = value
        self.comment = comment
    }

    /// A signedness parameter (`SIGNED`, `IN_SIGNED`), commented with what its value means.
    static func signedness(_ name: String, _ signed: Bool, of what: String) -> VerilogParameter {
        VerilogParameter(name, signed ? 1 : 0, signed ? "1 = signed \(what)" : "0 = unsigned \(what)")
    }
}

/// A port connection of an instance, `.port(signal)`.
struct VerilogConnection {
    var port: String
    var signal: String

    init(_ port: String, _ signal: String) {
        self.port = port
        self.signal = signal
    }
}

/// A named instance of a template.
struct VerilogInstance {
    var module: String
    var name: String
    var parameters: [VerilogParameter]
    var connections: [VerilogConnection]
}

/// What a module body holds, printed in order with a blank line before each item but the one a
/// comment introduces.
enum VerilogItem {
    /// A comment block, one `//` line per element, printed on the item that follows.
    case comment([String])
    case wires([VerilogWire])
    case instance(VerilogInstance)
    /// `assign target = { parts[0], parts[1], ... };` one part a line.
    case concatenation(target: String, parts: [String])
    /// `assign target = value;` one a line.
    case assignments([(target: String, value: String)])
}

/// The three wires of an AXI4-Stream link, `<name>_tdata`, `<name>_tvalid`, `<name>_tready`,
/// and the connections that attach it to an instance's `s_axis` or `m_axis` side.
struct StreamLink {
    var name: String
    var width: Int

    var wires: [VerilogWire] {
        [VerilogWire(name: name + "_tdata", width: width), VerilogWire(name: name + "_tvalid"), VerilogWire(name: name + "_tready")]
    }

    /// `.s_axis_tdata(<name>_tdata)` and so on: the link feeds the instance.
    var sink: [VerilogConnection] { connections(side: "s_axis") }
    /// `.m_axis_tdata(<name>_tdata)` and so on: the instance drives the link.
    var source: [VerilogConnection] { connections(side: "m_axis") }

    private func connections(side: String) -> [VerilogConnection] {
        ["tdata", "tvalid", "tready"].map { VerilogConnection("\(side)_\($0)", "\(name)_\($0)") }
    }
}

extension VerilogInstance {
    /// A streaming stage: clock and reset, the input link, the output link, then `extra` ports.
    static func stream(_ module: String, _ name: String, parameters: [VerilogParameter], input: StreamLink,
                       output: StreamLink, extra: [VerilogConnection] = []) -> VerilogInstance {
        let clocking = [VerilogConnection("clk", "clk"), VerilogConnection("rst", "rst")]
        return VerilogInstance(module: module, name: name, parameters: parameters,
                               connections: clocking + input.sink + output.source + extra)
    }
}
