import Foundation
import Replay

/// A crash's verdict as the `crash_verdict` table stores it: the bytes `JSONEncoder` with
/// `.sortedKeys` writes for an `Attribution`, written without its machinery.
///
/// A verdict lists every rule that did not decide with its reason, so each is some sixty
/// values, and `JSONEncoder` spent about 600 000 instructions on one: 90 M for the
/// benchmark's 152 crashes, most of storing the analysis. This writes the same text
/// (a test compares the two byte for byte): keys in the sorted order `JSONEncoder`
/// gives them, absent optionals left out, strings escaped as it escapes them (`/` too),
/// a Double as its shortest `description` without a trailing `.0`. A confidence that
/// is not finite goes to `JSONEncoder`, which refuses it as before.
enum VerdictJSON {
    static func encode(_ attribution: Attribution) throws -> String {
        guard attribution.confidence.isFinite else {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            return String(decoding: try encoder.encode(attribution), as: UTF8.self)
        }
        var json = JSONBytes()
        json.append("{\"cause\":")
        json.appendString(attribution.cause.rawValue)
        json.append(",\"confidence\":" + number(attribution.confidence))
        json.append(",\"evidence\":[")
        for (i, line) in attribution.evidence.enumerated() {
            json.append(i > 0 ? ",{\"at\":" : "{\"at\":")
            json.appendString(line.at.iso8601)
            if let group = line.logGroup { json.append(",\"logGroup\":"); json.appendString(group) }
            if let stream = line.logStream { json.append(",\"logStream\":"); json.appendString(stream) }
            json.append(",\"text\":")
            json.appendString(line.text)
            json.append("}")
        }
        json.append("],\"mechanism\":")
        json.appendString(attribution.mechanism.rawValue)
        if let rule = attribution.mechanismRuleId { json.append(",\"mechanismRuleId\":"); json.appendString(rule) }
        if let rule = attribution.ruleId { json.append(",\"ruleId\":"); json.appendString(rule) }
        json.append(",\"ruledOut\":[")
        for (i, rule) in attribution.ruledOut.enumerated() {
            json.append(i > 0 ? ",{\"reason\":" : "{\"reason\":")
            json.appendString(rule.reason)
            json.append(",\"ruleId\":")
            json.appendString(rule.ruleId)
            json.append("}")
        }
        json.append("]}")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// A finite Double as `JSONEncoder` writes it.
    static func number(_ value: Double) -> String {
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// The JSON text being written, as UTF-8.
    struct JSONBytes {
        var bytes: [UInt8] = []

        init() { bytes.reserveCapacity(8192) }

        /// Appends JSON syntax (keys, brackets) as it is.
        mutating func append(_ syntax: String) { bytes.append(contentsOf: syntax.utf8) }

        /// Appends `"text"` with `"`, `\`, `/` and control characters escaped as `JSONEncoder` escapes them.
        mutating func appendString(_ text: String) {
            var text = text
            bytes.append(UInt8(ascii: "\""))
            text.withUTF8 { utf8 in
                var plainStart = 0
                for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"")
                    || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "/") {
                    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart..<index]))
                    plainStart = index + 1
                    switch byte {
                    case UInt8(ascii: "\""): append("\\\"")
                    case UInt8(ascii: "\\"): append("\\\\")
                    case UInt8(ascii: "/"): append("\\/")
                    case 0x08: append("\\b")
                    case 0x0C: append("\\f")
                    case 0x0A: append("\\n")
                    case 0x0D: append("\\r")
                    case 0x09: append("\\t")
                    default: append("\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16))
                    }
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[plainStart...]))
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
