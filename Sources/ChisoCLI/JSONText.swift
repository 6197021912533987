import Chiso

/// Minimal JSON writing with keys in the order given and doubles printed to round-trip exactly.
///
/// Swift's `Double.description` is the shortest text that reads back to the same double, which
/// is what "full precision" means here; NaN and infinities become `null`.
indirect enum JSONText {
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null
    case array([JSONText])
    case object([(String, JSONText)])

    /// A double, or `null` when it is not finite.
    static func double(_ value: Double) -> JSONText { value.isFinite ? .number(value) : .null }

    /// Pretty-printed text with two-space indentation.
    func rendered(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), closing = String(repeating: "  ", count: indent)
        switch self {
        case let .number(v): return v.description
        case let .integer(v): return String(v)
        case let .string(s): return Self.quote(s)
        case let .bool(b): return b ? "true" : "false"
        case .null: return "null"
        case let .array(items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { pad + $0.rendered(indent: indent + 1) }.joined(separator: ",\n") + "\n\(closing)]"
        case let .object(pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.rendered(indent: indent + 1) }
                .joined(separator: ",\n") + "\n\(closing)}"
        }
    }

    static func quote(_ s: String) -> String { TextRenderers.quote(s) }
}
