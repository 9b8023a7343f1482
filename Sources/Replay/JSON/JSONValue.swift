/// A small JSON tree for the rare messages that need one (ECS events, probe results).
///
/// Parsed with `JSONScanner`; nesting is capped (`maxDepth`) so hostile input
/// cannot recurse deeply. Hot-path log lines never become a `JSONValue`.
public indirect enum JSONValue: Equatable, Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double, raw: String)
    case bool(Bool)
    case null

    public static let maxDepth = 64

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x, _), .number(y, _)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    /// Parses a whole document; nil when malformed, invalid UTF-8, or nested deeper than `maxDepth`.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> JSONValue? {
        let scanner = JSONScanner(bytes)
        guard let v = scanner.value(at: 0), scanner.skipSpace(v.end) == bytes.count else { return nil }
        return build(scanner, v, depth: 0)
    }

    public static func parse(_ text: String) -> JSONValue? {
        var copy = text
        return copy.withUTF8 { parse($0) }
    }

    private static func build(_ s: JSONScanner, _ v: JSONScanner.Value, depth: Int) -> JSONValue? {
        guard depth < maxDepth else { return nil }
        switch v.kind {
        case .string: return s.string(v).map(JSONValue.string)
        case .number:
            let raw = s.raw(v)
            return Double(raw).map { .number($0, raw: raw) }
        case .bool: return s.bool(v).map(JSONValue.bool)
        case .null: return .null
        case .invalid: return nil
        case .object:
            var members: [(String, JSONValue)] = []
            var ok = true
            let wellFormed = s.forEachMember(of: v) { ks, ke, value in
                guard let key = s.string(JSONScanner.Value(kind: .string, start: ks - 1, end: ke + 1)),
                      let child = build(s, value, depth: depth + 1) else { ok = false; return false }
                members.append((key, child))
                return true
            }
            return ok && wellFormed ? .object(members) : nil
        case .array:
            var items: [JSONValue] = []
            var ok = true
            let wellFormed = s.forEachElement(of: v) { value in
                guard let child = build(s, value, depth: depth + 1) else { ok = false; return false }
                items.append(child)
                return true
            }
            return ok && wellFormed ? .array(items) : nil
        }
    }

    public subscript(key: String) -> JSONValue? {
        guard case let .object(members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var string: String? { if case let .string(s) = self { return s }; return nil }
    public var array: [JSONValue]? { if case let .array(a) = self { return a }; return nil }
    public var double: Double? { if case let .number(d, _) = self { return d }; return nil }
    public var int: Int? {
        if case let .number(d, _) = self, d.isFinite, abs(d) < 1e15 { return Int(d) }
        return nil
    }
    public var bool: Bool? { if case let .bool(b) = self { return b }; return nil }
    public var isObject: Bool { if case .object = self { return true }; return false }
    public var members: [(String, JSONValue)] { if case let .object(m) = self { return m }; return [] }
}
