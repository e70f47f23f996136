/// One JSON object of the graph, read with errors that locate each fault.
///
/// Every error names `file`, the `layer` (once its name is known) and a `context` such as
/// `graph input` or `requant`, then the key: `model.bin: layer 'fc1': requant: missing key 'shift'`.
struct GraphObject {
    let members: [JSONMember]
    let file: String
    let layer: String?
    /// Where this object sits, for messages; empty for a layer's own object.
    let context: String

    init(members: [JSONMember], file: String, layer: String?, context: String) {
        self.members = members
        self.file = file
        self.layer = layer
        self.context = context
    }

    /// An error located in this object.
    func error(_ message: String) -> ModelFormatError {
        ModelFormatError(file: file, layer: layer, context.isEmpty ? message : "\(context): \(message)")
    }

    /// Rejects keys outside `allowed`; `reserved` keys get their own message.
    func checkKeys(allowed: [String], reserved: [String] = [], allowedFor owner: String? = nil)
        throws(ModelFormatError)
    {
        for member in members where !allowed.contains(member.key) {
            if reserved.contains(member.key) {
                throw error("'\(member.key)' is reserved for a later version of the format")
            }
            if let owner {
                throw error("unknown key '\(member.key)' for \(owner)")
            }
            throw error("unknown key '\(member.key)'")
        }
    }

    func optional(_ key: String) -> JSONValue? {
        members.first { $0.key == key }?.value
    }

    func required(_ key: String) throws(ModelFormatError) -> JSONValue {
        guard let value = optional(key) else { throw error("missing key '\(key)'") }
        return value
    }

    func int(_ key: String) throws(ModelFormatError) -> Int {
        try Self.int(try required(key), key: key, in: self)
    }

    func bool(_ key: String) throws(ModelFormatError) -> Bool {
        let value = try required(key)
        guard let bool = value.boolValue else {
            throw error("'\(key)' must be true or false, found \(Self.describe(value))")
        }
        return bool
    }

    func string(_ key: String) throws(ModelFormatError) -> String {
        let value = try required(key)
        guard let string = value.stringValue else {
            throw error("'\(key)' must be a string, found \(Self.describe(value))")
        }
        return string
    }

    /// Member `key`, which must be an object; its errors say `<context> <key>: …`.
    func object(_ key: String) throws(ModelFormatError) -> GraphObject {
        let value = try required(key)
        guard let inner = value.objectMembers else {
            throw error("'\(key)' must be an object, found \(Self.describe(value))")
        }
        return GraphObject(members: inner, file: file, layer: layer,
                           context: context.isEmpty ? key : "\(context) \(key)")
    }

    /// `[a, b]` with both at least `minimum`, e.g. a stride or padding.
    func pair(_ key: String, minimum: Int) throws(ModelFormatError) -> [Int] {
        let value = try required(key)
        guard let elements = value.arrayValue, elements.count == 2 else {
            throw error("'\(key)' must be an array of 2 integers, found \(Self.describe(value))")
        }
        var pair: [Int] = []
        for element in elements {
            let number = try Self.int(element, key: key, in: self)
            guard number >= minimum else {
                throw error("'\(key)' \(value.serialized()) must hold integers >= \(minimum)")
            }
            pair.append(number)
        }
        return pair
    }

    /// A JSON integer (not a double, not a bool).
    static func int(_ value: JSONValue, key: String, in object: GraphObject) throws(ModelFormatError) -> Int {
        guard let number = value.intValue else {
            if case .double(let number) = value, number.rounded() == number || !number.isFinite, abs(number) >= 0x1p63 {
                throw object.error("'\(key)' \(describe(value)) is beyond the 64-bit integer range")
            }
            throw object.error("'\(key)' must be an integer, found \(describe(value))")
        }
        return number
    }

    /// The value as it appears in the file when it is short, else what kind of value it is.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .array, .object:
            let text = value.serialized()
            return text.count <= 40 ? text : value.kindDescription
        default:
            let text = value.serialized()
            return text.count <= 40 ? text : String(text.prefix(37)) + "..."
        }
    }
}
