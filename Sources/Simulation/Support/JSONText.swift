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
    ///
    /// Works on UTF-8 bytes: this runs once or twice for every line written, and
    /// byte loops are several times faster than character appends in debug builds.
    static func quoted(_ value: String) -> String {
        var copy = value
        return copy.withUTF8 { bytes in
            var needsEscape = false
            for i in 0..<bytes.count where bytes[i] < 0x20 || bytes[i] == 0x22 || bytes[i] == 0x5C {
                needsEscape = true
                break
            }
            if !needsEscape { return "\"" + value + "\"" }
            var out = [UInt8](repeating: 0, count: bytes.count * 2 + 2)
            var n = 0
            func put(_ b: UInt8) { out[n] = b; n += 1 }
            put(0x22)
            for i in 0..<bytes.count {
                let byte = bytes[i]
                switch byte {
                case 0x22, 0x5C: put(0x5C); put(byte)
                case 0x0A: put(0x5C); put(UInt8(ascii: "n"))
                case 0x0D: put(0x5C); put(UInt8(ascii: "r"))
                case 0x09: put(0x5C); put(UInt8(ascii: "t"))
                case 0..<0x20:
                    // Rare: make room for the six-byte \u00XX form.
                    out += [UInt8](repeating: 0, count: 6)
                    let hex = Array("0123456789abcdef".utf8)
                    for b in [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]] { put(b) }
                default: put(byte)
                }
            }
            put(0x22)
            return String(decoding: out[0..<n], as: UTF8.self)
        }
    }
}
