import Foundation
import Testing
@testable import Replay

/// The 8-bytes-at-a-time tests of `JSONScanner` find exactly what a byte-by-byte scan finds.
@Suite struct JSONScannerWordTests {
    /// The index of the first `"`, `\\` or control byte of `w` (little-endian), or nil.
    static func firstSpecial(_ w: UInt64) -> Int? {
        (0..<8).first { k in
            let b = UInt8(truncatingIfNeeded: w >> UInt64(8 * k))
            return b == 0x22 || b == 0x5C || b < 0x20
        }
    }

    /// Bytes near the boundaries the word tests depend on, and a few arbitrary ones.
    static let interesting: [UInt8] = Array(0x00...0x24) + [0x2F, 0x41, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x81, 0xA1, 0xDC, 0xE2, 0xFE, 0xFF]

    @Test func specialsFlagsTheFirstQuoteBackslashOrControlByteOfEveryWord() {
        var rng = SeededGenerator(seed: 9)
        for n in 0..<300_000 {
            var w: UInt64 = 0
            for k in 0..<8 {
                let b = n % 3 == 0 ? UInt8.random(in: 0...255, using: &rng) : Self.interesting.randomElement(using: &rng)!
                w |= UInt64(b) << UInt64(8 * k)
            }
            let hits = JSONScanner.specials(w)
            let expected = Self.firstSpecial(w)
            #expect((hits == 0) == (expected == nil), "word \(String(w, radix: 16))")
            if let expected, hits != 0 { #expect(hits.trailingZeroBitCount >> 3 == expected, "word \(String(w, radix: 16))") }
        }
    }

    @Test func specialsFlagsEveryByteValueAtEveryPosition() {
        for value in 0...255 {
            for position in 0..<8 {
                // The other bytes are plain letters: the only candidate is `value` at `position`.
                var w: UInt64 = 0x6161_6161_6161_6161
                w &= ~(UInt64(0xFF) << UInt64(8 * position))
                w |= UInt64(value) << UInt64(8 * position)
                let special = value == 0x22 || value == 0x5C || value < 0x20
                let hits = JSONScanner.specials(w)
                #expect((hits != 0) == special, "byte \(value) at \(position)")
                if special { #expect(hits.trailingZeroBitCount >> 3 == position, "byte \(value) at \(position)") }
            }
        }
    }

    /// Pieces of JSON string bodies: plain runs of every length, every escape, bad escapes, raw
    /// control bytes, quotes, non-ASCII bytes.
    static let pieces: [String] = [
        "a", "ab", "abc", "abcdefg", "abcdefghijklmnop", #"\""#, #"\"\""#, #"\\\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, #"\b"#, #"\f"#, #"\r"#,
        #"\u00e9"#, #"\ud83d\ude00"#, #"\ud83d"#, #"\uZZZZ"#, #"\x"#, "\u{1}", "\t", "é", "日本", "\"", #"\"#,
    ]

    /// A scanner over `bytes`, and two output buffers as big as `decodeString` needs.
    static func withScanner<R>(_ bytes: [UInt8], _ body: (JSONScanner, UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: buffer.count + 64)
            defer { out.deallocate() }
            let reference = UnsafeMutablePointer<UInt8>.allocate(capacity: buffer.count + 64)
            defer { reference.deallocate() }
            return body(JSONScanner(buffer), out, reference)
        }
    }

    @Test func decodeStringGivesWhatStringEndAndUnescapeGive() {
        var rng = SeededGenerator(seed: 13)
        for _ in 0..<60_000 {
            var body = ""
            for _ in 0..<Int.random(in: 0...24, using: &rng) { body += Self.pieces.randomElement(using: &rng)! }
            let bytes = Array(("\"" + body + (Bool.random(using: &rng) ? "\"," : "")).utf8)
            Self.withScanner(bytes) { scanner, out, reference in
                let decoded = scanner.decodeString(at: 0, into: out)
                let end = scanner.stringEnd(from: 0)
                let count = end.flatMap { scanner.unescape(JSONScanner.Value(kind: .string, start: 0, end: $0), into: reference) }
                #expect(decoded?.end == (count == nil ? nil : end), "\(body)")
                if let decoded, let count {
                    #expect(decoded.count == count && memcmp(out, reference, count) == 0, "\(body)")
                    if decoded.ascii { #expect(UnsafeBufferPointer(start: out, count: count).allSatisfy { $0 < 0x80 }, "\(body)") }
                }
            }
        }
    }

    /// `decodeString` and `decodePortably` on `bytes` from `start`: the same end, length and
    /// bytes; an `ascii` that is right. Returns whether the vector path settled the string, and
    /// whether it is a valid string.
    @discardableResult
    static func expectBothDecodersAgree(_ bytes: [UInt8], from start: Int, _ comment: @autoclosure () -> String) -> (settled: Bool, valid: Bool) {
        withScanner(bytes) { scanner, out, reference in
            let vector = scanner.decodeWithVectors(at: start, into: out)
            let decoded = scanner.decodeString(at: start, into: out)
            let portable = scanner.decodePortably(at: start, into: reference)
            #expect(decoded?.end == portable?.end && decoded?.count == portable?.count, "\(comment())")
            if let decoded, let portable, decoded.count == portable.count {
                #expect(memcmp(out, reference, decoded.count) == 0, "\(comment())")
                let ascii = UnsafeBufferPointer(start: out, count: decoded.count).allSatisfy { $0 < 0x80 }
                if decoded.ascii { #expect(ascii, "\(comment())") }
                // The vector path knows exactly (the word loop may say "not known").
                if vector != nil { #expect(decoded.ascii == ascii, "\(comment())") }
            }
            if let vector { #expect(vector.end == portable?.end, "\(comment())") }
            return (vector != nil, portable != nil)
        }
    }

    /// Long pieces, so that strings span several of the vector path's 64-byte blocks.
    static let longPieces: [String] = pieces + [
        String(repeating: "x", count: 63), String(repeating: "y", count: 64), String(repeating: "z", count: 65),
        #"{\"level\":\"INFO\",\"fields\":{\"message\":\"request completed\",\"status\":200}}"#,
        "caf\u{E9} \u{65E5}\u{672C}", #"line one\nline two\n\tat main.swift:12"#, #"C:\\temp\\x"#,
    ]

    @Test func vectorDecodingGivesWhatTheWordLoopGivesOnLongStrings() {
        var rng = SeededGenerator(seed: 29)
        for round in 0..<20_000 {
            var body = ""
            for _ in 0..<Int.random(in: 0...(round % 2 == 0 ? 12 : 40), using: &rng) {
                body += Self.longPieces.randomElement(using: &rng)!
            }
            // The string starts anywhere in the buffer, and may run to its very end.
            let prefix = String(repeating: ",", count: Int.random(in: 0...70, using: &rng))
            let closing = ["\"", #"","#, ""].randomElement(using: &rng)!
            let bytes = Array((prefix + "\"" + body + closing).utf8)
            let result = Self.expectBothDecodersAgree(bytes, from: prefix.utf8.count, body)
            // With AVX-512 VBMI2, every valid string without `\u` is settled by the vector path itself.
            if JSONScanner.decodesWithVectors, result.valid, !body.contains(#"\u"#) { #expect(result.settled, "\(body)") }
        }
    }

    @Test func vectorDecodingHandlesEveryEscapeAtEveryPlaceInABlock() {
        // Settled by vectors when closed: the escapes JSON messages hold, and UTF-8; the others
        // (`\u`, a bad escape, a raw control byte, a lone backslash) go to the word loop.
        let settledEscapes = [#"\""#, #"\\"#, #"\/"#, #"\n"#, #"\t"#, "\u{E9}"]
        for before in 0..<140 {
            for escape in settledEscapes + [#"\u00e9"#, #"\x"#, "\u{1}", #"\"#] {
                let body = String(repeating: "a", count: before) + escape + String(repeating: "b", count: before % 9)
                for closing in ["\"", ""] {
                    let bytes = Array(("\"" + body + closing).utf8)
                    let result = Self.expectBothDecodersAgree(bytes, from: 0, "\(before) \(escape) \(closing)")
                    if JSONScanner.decodesWithVectors, closing == "\"", settledEscapes.contains(escape) {
                        #expect(result.settled, "\(before) \(escape)")
                    }
                }
            }
        }
    }

    @Test func eightDigitsReadsAWordAsTheDigitLoopDoes() {
        var rng = SeededGenerator(seed: 17)
        let bytes: [UInt8] = Array(0x2F...0x3A) + [0x00, 0x20, 0x2D, 0x2E, 0x65, 0x70, 0xB0, 0xB9, 0xF9]
        for n in 0..<300_000 {
            var w: UInt64 = 0
            var expected: UInt64? = 0
            for k in 0..<8 {
                let b = n % 4 == 0 ? bytes.randomElement(using: &rng)! : UInt8.random(in: 0x30...0x39, using: &rng)
                w |= UInt64(b) << UInt64(8 * k)
                expected = b >= 0x30 && b <= 0x39 ? expected.map { $0 * 10 + UInt64(b - 0x30) } : nil
            }
            #expect(JSONScanner.eightDigits(w) == expected, "word \(String(w, radix: 16))")
        }
    }

    @Test func int64ReadsNumbersOfEveryLengthAsStandardParsingDoes() {
        var rng = SeededGenerator(seed: 19)
        for n in 0..<50_000 {
            var text = n % 3 == 0 ? "-" : ""
            for _ in 0..<Int.random(in: 1...24, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
            if n % 10 == 0 { text.insert(["x", ".", "e", "+"].randomElement(using: &rng)!, at: text.index(text.startIndex, offsetBy: Int.random(in: 0..<text.count, using: &rng))) }
            let bytes = Array(text.utf8)
            let value: Int64?? = bytes.withUnsafeBufferPointer { buffer in
                let scanner = JSONScanner(buffer)
                return scanner.int64(JSONScanner.Value(kind: .number, start: 0, end: buffer.count))
            }
            if text.allSatisfy({ $0.isNumber || $0 == "-" }) {
                #expect(value == .some(Int64(text)), "\(text)")
            }
        }
    }

    @Test func doubleOfWholeNumbersIsWhatParsingTheirTextGives() {
        var rng = SeededGenerator(seed: 23)
        var texts = ["0", "-0", "-00", "000", "1", "-1", "999999999999999", "-999999999999999", "9999999999999999", "1234567890123456789"]
        for _ in 0..<20_000 {
            var text = Bool.random(using: &rng) ? "-" : ""
            for _ in 0..<Int.random(in: 1...17, using: &rng) { text += String(Int.random(in: 0...9, using: &rng)) }
            texts.append(text)
        }
        for text in texts {
            Array(text.utf8).withUnsafeBufferPointer { buffer in
                let d = JSONScanner(buffer).double(JSONScanner.Value(kind: .number, start: 0, end: buffer.count))
                #expect(d?.bitPattern == Double(text)?.bitPattern, "\(text)")
            }
        }
    }
    @Test func stringsAreValidatedAsUTF8WhetherTheyAreASCIIOrNot() {
        // Every length up to a few words, with the non-ASCII byte at every place: the ASCII
        // shortcut may only take strings whose every byte is below 0x80.
        for length in 1...20 {
            for place in 0..<length {
                for (byte, valid) in [(UInt8(ascii: "a"), true), (0xFF, false), (0x80, false)] as [(UInt8, Bool)] {
                    var text = [UInt8](repeating: UInt8(ascii: "x"), count: length)
                    text[place] = byte
                    let json = [0x22] + text + [0x22]
                    let decoded = json.withUnsafeBufferPointer { JSONScanner($0).string(JSONScanner.Value(kind: .string, start: 0, end: json.count)) }
                    #expect(decoded == (valid ? String(decoding: text, as: UTF8.self) : nil), "length \(length), byte \(byte) at \(place)")
                }
            }
        }
        let accented = Array("\"caf\u{E9} \\\"au lait\\\"\"".utf8)
        let decoded = accented.withUnsafeBufferPointer { JSONScanner($0).string(JSONScanner.Value(kind: .string, start: 0, end: accented.count)) }
        #expect(decoded == "caf\u{E9} \"au lait\"")
    }
}
