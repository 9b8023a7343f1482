/// Builds one JSON object as text, keys in the order they are added.
///
/// Log lines must be byte-identical run after run and look like the programs that
/// write them (tracing-subscriber puts `timestamp` first, EventBridge puts `version`
/// first), so the simulator writes JSON by hand instead of through `JSONEncoder` or
/// `JSONSerialization`, whose key order is not ours to choose.
struct JSONText {
    private(set) var members: [(key: String, value: String)] = []

    init() {}

    mutating func add(_ key: String, _ value: String) { members.append((key, JSONText.quoted(value))) }
    mutating func add(_ key: String, _ value: Int) { members.append((key, String(value))) }
    mutating func add(_ key: String, _ value: Int64) { members.append((key, String(value))) }
    mutating func add(_ key: String, _ value: Bool) { members.append((key, value ? "true" : "false")) }
    mutating func add(_ key: String, _ value: JSONText) { members.append((key, value.text)) }
    mutating func add(_ key: String, strings: [String]) {
        members.append((key, "[" + strings.map(JSONText.quoted).joined(separator: ",") + "]"))
    }
    mutating func add(_ key: String, objects: [JSONText]) {
        members.append((key, "[" + objects.map(\.text).joined(separator: ",") + "]"))
    }
    /// Adds an already-encoded JSON value (a number with a fraction, a nested document).
    mutating func add(_ key: String, raw: String) { members.append((key, raw)) }

    /// Adds the pair only when `value` is present.
    mutating func add(_ key: String, ifPresent value: String?) { if let value { add(key, value) } }
    mutating func add(_ key: String, ifPresent value: Int?) { if let value { add(key, value) } }

    /// Compact text: `{"a":1,"b":"x"}`.
    var text: String {
        "{" + members.map { JSONText.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// The same members in an order drawn from `random` (exports do not promise key order).
    func shuffledText(_ random: inout SeededRandom) -> String {
        "{" + random.shuffled(members).map { JSONText.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    /// A JSON string literal with the escapes RFC 8259 requires; other characters pass through as UTF-8.
    static func quoted(_ value: String) -> String {
        var out = "\""
        out.reserveCapacity(value.utf8.count + 2)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
