import Foundation

/// Reads a stored gauge's `fields_json` into its numeric fields.
///
/// The writer stores a gauge as a flat object of plain keys and whole numbers,
/// `{"limit_mb":2048,"rss_mb":172}`, and a crash's signal window holds a few dozen of
/// them; `JSONDecoder` spent about 44 000 instructions on each. That shape is read here
/// directly: lower-case ASCII keys (and `_`), each once, and integers of at most 15
/// digits, which a Double holds exactly, so the values are the ones `JSONDecoder`
/// gives. Any other text (fractions, exponents, escapes, spaces, nesting) goes
/// through `JSONDecoder` itself, so the result never depends on which path ran.
enum GaugeFieldsDecoder {
    /// The fields, or nil when the text is not an object of numbers (the gauge is then skipped).
    static func decode(_ json: String) -> [String: Double]? {
        if let fields = decodeWholeNumbers(json) { return fields }
        return try? JSONDecoder().decode([String: Double].self, from: Data(json.utf8))
    }

    /// The fast path: nil whenever the text is anything but the writer's usual shape.
    /// `-0` is left to `JSONDecoder` too: it means -0.0, which an Int64 cannot carry.
    static func decodeWholeNumbers(_ json: String) -> [String: Double]? {
        var json = json
        return json.withUTF8 { bytes -> [String: Double]? in
            let quote = UInt8(ascii: "\""), colon = UInt8(ascii: ":"), comma = UInt8(ascii: ",")
            let minus = UInt8(ascii: "-"), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
            guard bytes.count >= 2, bytes[0] == UInt8(ascii: "{"), bytes[bytes.count - 1] == UInt8(ascii: "}") else { return nil }
            var fields: [String: Double] = [:]
            var i = 1
            let end = bytes.count - 1
            if i == end { return fields }
            while true {
                // "key"
                guard i < end, bytes[i] == quote else { return nil }
                i += 1
                let keyStart = i
                while i < end, bytes[i] != quote {
                    let b = bytes[i]
                    guard (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || b == UInt8(ascii: "_") else { return nil }
                    i += 1
                }
                guard i < end, i > keyStart else { return nil }
                let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[keyStart..<i]), as: UTF8.self)
                i += 1
                guard i < end, bytes[i] == colon else { return nil }
                i += 1
                // -?[0-9]{1,15}, no leading zero (JSON's grammar)
                var negative = false
                if i < end, bytes[i] == minus { negative = true; i += 1 }
                let digitsStart = i
                var value: Int64 = 0
                while i < end, bytes[i] >= zero, bytes[i] <= nine {
                    value = value * 10 + Int64(bytes[i] - zero)
                    i += 1
                    guard i - digitsStart <= 15 else { return nil }
                }
                let digits = i - digitsStart
                guard digits > 0, !(digits > 1 && bytes[digitsStart] == zero) else { return nil }
                guard !(negative && value == 0) else { return nil }
                guard fields.updateValue(Double(negative ? -value : value), forKey: key) == nil else { return nil }
                if i == end { return fields }
                guard bytes[i] == comma else { return nil }
                i += 1
            }
        }
    }
}
