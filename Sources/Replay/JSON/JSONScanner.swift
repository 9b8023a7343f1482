#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CJSONString

/// A byte-level JSON reader for the per-line hot path: walks an object's keys,
/// skips values it does not need without building them, and decodes only the
/// strings and numbers asked for.
///
/// Why not Foundation: `JSONSerialization`/`JSONDecoder` build every value and are
/// 10-12x slower than this on log lines. Skipping is iterative (a depth counter,
/// no recursion), so hostile input nested 100000 deep cannot overflow the stack.
/// All positions are byte offsets into `bytes`.
///
/// The innermost loops (`skipSpace`, `stringEnd`, `decodeString`, `numberEnd`) count with
/// wrapping arithmetic (`&+`): positions are bounded by the buffer's size, far from `Int.max`,
/// and the overflow check after every increment was a third of those loops' instructions.
public struct JSONScanner {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let end: Int

    public init(_ bytes: UnsafeBufferPointer<UInt8>, end: Int? = nil) {
        self.bytes = bytes
        self.end = end ?? bytes.count
    }

    /// The kind of a value, from its first byte.
    public enum ValueKind: Equatable { case object, array, string, number, bool, null, invalid }

    /// A value's extent: `start..<end` covers it whole (quotes included for strings).
    public struct Value: Equatable {
        public var kind: ValueKind
        public var start: Int
        public var end: Int
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

    /// The first index from `i` that is not a JSON space (or `end`).
    ///
    /// Log lines rarely hold spaces between tokens, and every JSON space is below 0x21: one
    /// comparison settles nearly every call (this runs several times per member of every line).
    @inline(__always) public func skipSpace(_ i: Int) -> Int {
        var i = i
        while i < end {
            let c = bytes[i]
            if c > 0x20 || !JSONScanner.isSpace(c) { return i }
            i &+= 1
        }
        return i
    }

    /// The end of the string whose opening quote is at `start` (index after the closing quote), or nil.
    ///
    /// Reads 8 bytes at a time and jumps straight to the next quote, backslash or control
    /// character among them: log messages are long strings, and this is the innermost loop of ingest.
    @inline(__always) public func stringEnd(from start: Int) -> Int? {
        var i = start &+ 1
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let lastWord = end &- 8  // the last index a whole word can be read from
        while true {
            while i <= lastWord {
                let hits = JSONScanner.specials(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                if hits != 0 { i &+= hits.trailingZeroBitCount &>> 3; break }
                i &+= 8
            }
            guard i < end else { return nil }
            let c = bytes[i]
            if c == 0x22 { return i &+ 1 }
            if c == 0x5C { i &+= 2; continue }
            if c < 0x20 { return nil }  // raw control characters are not allowed in JSON strings
            i &+= 1
        }
    }

    /// Decodes the string whose opening quote is at `start` into `out` while finding its end, in
    /// one pass: returns the index after the closing quote and the decoded length, or nil when
    /// the string is unterminated, holds a control character or a bad escape.
    ///
    /// `out` must hold `end - start + 64` bytes (whole vectors and words are stored). The
    /// result equals `stringEnd` followed by `unescape`; the message of every event goes
    /// through here, so it is read once instead of three times (skip, look for `\\`, copy).
    ///
    /// On a CPU with AVX-512 VBMI2, `replay_json_decode_string` (the `CJSONString` target)
    /// decodes 64 bytes per step, dropping every escaping backslash of a block in one byte
    /// compress: a message holding JSON has an escaped quote every ten bytes or so, which the
    /// word loop below takes one at a time (on the benchmark this was an eighth of ingest's
    /// CPU samples). Anything it does not settle (`\u`, errors, other CPUs) comes here, to
    /// `decodePortably`, which has the final word.
    ///
    /// `ascii` is true when every decoded byte is below 0x80, found on the way (the words read
    /// are OR-ed together): such a message is valid UTF-8 without a second pass over it.
    /// False says only "not known": `\\u` escapes and any byte of 0x80 or above give false.
    public func decodeString(at start: Int, into out: UnsafeMutablePointer<UInt8>) -> (end: Int, count: Int, ascii: Bool)? {
        decodeWithVectors(at: start, into: out) ?? decodePortably(at: start, into: out)
    }

    /// Whether this CPU decodes strings with vectors (AVX-512 VBMI2); if not, `decodePortably` does all.
    static let decodesWithVectors = replay_json_simd_available() != 0

    /// The vector path of `decodeString` alone: nil when it does not settle the string.
    @inline(__always) func decodeWithVectors(at start: Int, into out: UnsafeMutablePointer<UInt8>) -> (end: Int, count: Int, ascii: Bool)? {
        guard let base = bytes.baseAddress else { return nil }
        var count = 0
        var ascii: Int32 = 0
        let settled = replay_json_decode_string(base + start, end &- start, out, &count, &ascii)
        return settled > 0 ? (start &+ settled, count, ascii != 0) : nil
    }

    /// `decodeString` 8 bytes at a time, on any CPU: the reference for the vector path.
    func decodePortably(at start: Int, into out: UnsafeMutablePointer<UInt8>) -> (end: Int, count: Int, ascii: Bool)? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let target = UnsafeMutableRawPointer(out)
        var i = start &+ 1
        var n = 0
        var seen: UInt64 = 0  // the words read, OR-ed together (only their high bits matter)
        let lastWord = end &- 8  // the last index a whole word can be read from
        while true {
            // Plain runs 8 bytes at a time; `\"`, `\\` and `\/` are resolved without leaving the loop.
            // A JSON message inside a string has an escape every few bytes (`\"` around each key and
            // string value), so the escape is as hot as the run. (Handled here or after a break, the
            // instruction counts are within 0.3%; here it is one loop with fewer jumps.)
            while i <= lastWord {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                target.storeBytes(of: word, toByteOffset: n, as: UInt64.self)
                // Bytes past a special are OR-ed in too (cheaper than masking them off): at worst a
                // false "not known", never a false "ASCII".
                seen |= word
                let hits = JSONScanner.specials(word)
                if hits == 0 {
                    i &+= 8
                    n &+= 8
                    continue
                }
                let plain = hits.trailingZeroBitCount &>> 3
                i &+= plain
                n &+= plain
                // The special byte read again (one load, where shifting it out of the word took three).
                guard bytes[i] == 0x5C, i &+ 1 < end else { break }
                let e = bytes[i &+ 1]
                guard e == 0x22 || e == 0x5C || e == 0x2F else { break }
                out[n] = e
                n &+= 1
                i &+= 2
            }
            guard i + 1 < end else {
                guard i < end, bytes[i] == 0x22 else { return nil }
                return (i + 1, n, seen & 0x8080_8080_8080_8080 == 0)
            }
            let c = bytes[i]
            if c == 0x5C {
                let e = bytes[i + 1]
                if e == 0x22 || e == 0x5C || e == 0x2F {
                    out[n] = e
                    n += 1
                    i += 2
                    continue
                }
            } else {
                if c == 0x22 { return (i + 1, n, seen & 0x8080_8080_8080_8080 == 0) }
                if c < 0x20 { return nil }
                out[n] = c
                seen |= UInt64(c)
                n += 1
                i += 1
                continue
            }
            switch bytes[i + 1] {
            case 0x62: out[n] = 0x08
            case 0x66: out[n] = 0x0C
            case 0x6E: out[n] = 0x0A
            case 0x72: out[n] = 0x0D
            case 0x74: out[n] = 0x09
            default:
                // \\u escapes (rare in logs): the two-step reading has the surrogate rules.
                guard bytes[i + 1] == 0x75, let stringEnd = stringEnd(from: i - 1) else { return nil }
                let rest = Value(kind: .string, start: i - 1, end: stringEnd)
                guard let m = unescape(rest, into: out + n) else { return nil }
                return (stringEnd, n + m, false)
            }
            n += 1
            i += 2
        }
    }

    /// The high bit of each byte of `w` that is `"`, `\\` or below 0x20 (SWAR): nonzero when `w`
    /// holds one, and its lowest set bit marks the first (bits above it may be false alarms).
    ///
    /// `(x - n) & ~x & 0x80` (per byte) flags the bytes of `x` below `n`; a false alarm needs a
    /// borrow from the byte below, which only a flagged byte gives, so the lowest flag is exact.
    /// Quotes and control characters are found in one test: flipping bit 1 (`^ 0x02`) turns `"`
    /// into 0x20 and keeps 0x00-0x1F below 0x20 and every other byte above 0x20, so they are
    /// exactly the bytes below 0x21 afterwards. Backslashes are the zero bytes of `w ^ 0x5C`.
    /// 10 operations a word instead of 14 with three separate tests (this runs on every byte
    /// of every string of every line).
    @inline(__always) static func specials(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quoteOrControl = w ^ (ones &* 0x02)
        let backslash = w ^ (ones &* 0x5C)
        return (((quoteOrControl &- ones &* 0x21) & ~quoteOrControl) | ((backslash &- ones) & ~backslash)) & highs
    }

    /// Scans the value starting at `i` (after spaces) and returns its extent, without recursion.
    public func value(at i0: Int) -> Value? {
        let i = skipSpace(i0)
        guard i < end else { return nil }
        let c = bytes[i]
        switch c {
        case 0x22:
            guard let e = stringEnd(from: i) else { return nil }
            return Value(kind: .string, start: i, end: e)
        case 0x7B, 0x5B:
            var depth = 0
            var j = i
            while j < end {
                let b = bytes[j]
                if b == 0x22 {
                    guard let e = stringEnd(from: j) else { return nil }
                    j = e
                    continue
                }
                if b == 0x7B || b == 0x5B { depth += 1 } else if b == 0x7D || b == 0x5D {
                    depth -= 1
                    if depth == 0 { return Value(kind: c == 0x7B ? .object : .array, start: i, end: j + 1) }
                }
                j += 1
            }
            return nil
        case 0x74:  // true
            return literal(i, 4, .bool)
        case 0x66:  // false
            return literal(i, 5, .bool)
        case 0x6E:  // null
            return literal(i, 4, .null)
        default:
            if c == 0x2D || (c >= 0x30 && c <= 0x39) {
                return Value(kind: .number, start: i, end: numberEnd(from: i + 1))
            }
            return nil
        }
    }

    /// The end of a number's characters from `i`: any run of digits, `.`, `e`, `E`, `+`, `-`
    /// (what `value(at:)` takes as a number; `int64`/`double` judge it).
    ///
    /// Digits are looked for first, one comparison a byte: nearly every number is only digits.
    @inline(__always) func numberEnd(from i: Int) -> Int {
        var j = i
        while j < end, bytes[j] &- 0x30 < 10 { j &+= 1 }
        while j < end {
            let b = bytes[j]
            if b &- 0x30 < 10 || b == 0x2E || b == 0x65 || b == 0x45 || b == 0x2B || b == 0x2D { j &+= 1 } else { break }
        }
        return j
    }

    /// The value at `i` (no spaces before it) as `members` reads a member's value: `value(at:)`,
    /// with `true`, `false` and `null` spelled exactly; nil where that gives nil.
    ///
    /// Strings and numbers, nearly every value of a log line, are read inline, without the call
    /// and dispatch of `value(at:)` (a third of the one-pass event reader's instructions).
    @inline(__always) func memberValue(at i: Int) -> Value? {
        guard i < end else { return nil }
        let c = bytes[i]
        if c == 0x22 {
            guard let e = stringEnd(from: i) else { return nil }
            return Value(kind: .string, start: i, end: e)
        }
        if c &- 0x30 < 10 || c == 0x2D { return Value(kind: .number, start: i, end: numberEnd(from: i &+ 1)) }
        guard let v = value(at: i), v.kind != .bool && v.kind != .null || isExactLiteral(v) else { return nil }
        return v
    }

    private func literal(_ i: Int, _ n: Int, _ kind: ValueKind) -> Value? {
        guard i + n <= end else { return nil }
        return Value(kind: kind, start: i, end: i + n)
    }

    /// Calls `body(keyStart, keyEnd, value)` for each member of the object at `object`
    /// (key bounds exclude the quotes, escapes left as written). Returns false if malformed.
    /// `body` returns false to stop early.
    @discardableResult
    public func forEachMember(of object: Value, _ body: (Int, Int, Value) -> Bool) -> Bool {
        guard object.kind == .object else { return false }
        var i = skipSpace(object.start + 1)
        if i < object.end, bytes[i] == 0x7D { return true }
        while i < object.end {
            guard bytes[i] == 0x22, let keyEnd = stringEnd(from: i) else { return false }
            var j = skipSpace(keyEnd)
            guard j < object.end, bytes[j] == 0x3A else { return false }
            j += 1
            guard let v = value(at: j) else { return false }
            if !body(i + 1, keyEnd - 1, v) { return true }
            j = skipSpace(v.end)
            guard j < object.end else { return false }
            if bytes[j] == 0x2C { i = skipSpace(j + 1); continue }
            return bytes[j] == 0x7D
        }
        return false
    }

    /// Walks the object whose `{` is at `start` in one pass: calls `body(keyStart, keyEnd, value)`
    /// for each member and returns the index after the closing `}`, or nil when anything is off.
    ///
    /// The hot-path twin of `value(at:)` + `forEachMember(of:)`, which read every byte twice.
    /// It is stricter (literals must be exactly `true`/`false`/`null`), so when it succeeds the
    /// two-pass reading gives the same members and the same end; when it returns nil the
    /// caller falls back to the two-pass reading, which reports or tolerates the damage as before.
    public func members(ofObjectAt start: Int, _ body: (Int, Int, Value) -> Void) -> Int? {
        guard start < end, bytes[start] == 0x7B else { return nil }
        var i = skipSpace(start + 1)
        if i < end, bytes[i] == 0x7D { return i + 1 }
        while i < end {
            guard bytes[i] == 0x22, let keyEnd = stringEnd(from: i) else { return nil }
            var j = skipSpace(keyEnd)
            guard j < end, bytes[j] == 0x3A else { return nil }
            guard let v = memberValue(at: skipSpace(j + 1)) else { return nil }
            body(i + 1, keyEnd - 1, v)
            j = skipSpace(v.end)
            guard j < end else { return nil }
            if bytes[j] == 0x2C { i = skipSpace(j + 1); continue }
            return bytes[j] == 0x7D ? j + 1 : nil
        }
        return nil
    }

    /// True when a `.bool`/`.null` value is spelled exactly `true`, `false` or `null`.
    func isExactLiteral(_ v: Value) -> Bool {
        switch bytes[v.start] {
        case 0x74: return bytes[v.start + 1] == 0x72 && bytes[v.start + 2] == 0x75 && bytes[v.start + 3] == 0x65
        case 0x66: return bytes[v.start + 1] == 0x61 && bytes[v.start + 2] == 0x6C && bytes[v.start + 3] == 0x73 && bytes[v.start + 4] == 0x65
        default: return bytes[v.start + 1] == 0x75 && bytes[v.start + 2] == 0x6C && bytes[v.start + 3] == 0x6C
        }
    }

    /// Calls `body` for each element of the array at `array`. Returns false if malformed.
    @discardableResult
    public func forEachElement(of array: Value, _ body: (Value) -> Bool) -> Bool {
        guard array.kind == .array else { return false }
        var i = skipSpace(array.start + 1)
        if i < array.end, bytes[i] == 0x5D { return true }
        while i < array.end {
            guard let v = value(at: i) else { return false }
            if !body(v) { return true }
            let j = skipSpace(v.end)
            guard j < array.end else { return false }
            if bytes[j] == 0x2C { i = j + 1; continue }
            return bytes[j] == 0x5D
        }
        return false
    }

    /// True when the key at `keyStart..<keyEnd` is exactly `name` (ASCII, as written).
    ///
    /// Keys of 4 to 16 bytes (nearly all) are compared as two overlapping words, first and
    /// last bytes, instead of byte by byte: every member of every line is compared with a
    /// few names, and the byte loop was 2% of ingest's instructions.
    @inline(__always) public func key(_ keyStart: Int, _ keyEnd: Int, is name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard keyEnd - keyStart == n else { return false }
        let p = name.utf8Start
        if n >= 4, n <= 16, let base = bytes.baseAddress {
            let k = UnsafeRawPointer(base + keyStart)
            let q = UnsafeRawPointer(p)
            if n >= 8 {
                return k.loadUnaligned(as: UInt64.self) == q.loadUnaligned(as: UInt64.self)
                    && k.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == q.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            }
            return k.loadUnaligned(as: UInt32.self) == q.loadUnaligned(as: UInt32.self)
                && k.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self) == q.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
        }
        for k in 0..<n where bytes[keyStart + k] != p[k] { return false }
        return true
    }

    /// Decodes a string value into UTF-8 bytes appended to `out` (escapes resolved). False if malformed.
    public func appendUnescaped(_ v: Value, to out: inout [UInt8]) -> Bool {
        guard v.kind == .string, v.end - v.start >= 2 else { return false }
        // Unescaping never grows a string: decode into room at the end, then trim (one decoder, `unescape`).
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: v.end - v.start))
        let decoded = out.withUnsafeMutableBufferPointer { buffer in unescape(v, into: buffer.baseAddress! + start) }
        guard let decoded else {
            out.removeSubrange(start...)
            return false
        }
        out.removeSubrange((start + decoded)...)
        return true
    }

    /// Decodes a string value into `out`, which must hold `v.end - v.start` bytes (unescaping
    /// never grows a string); returns the decoded length, or nil if malformed.
    ///
    /// The same decoding as `appendUnescaped`, into a reused buffer: no array growth or
    /// uniqueness checks per run of plain bytes (messages of JSON have an escape every few bytes).
    public func unescape(_ v: Value, into out: UnsafeMutablePointer<UInt8>) -> Int? {
        guard v.kind == .string, let base = bytes.baseAddress else { return nil }
        var i = v.start + 1
        let stop = v.end - 1
        var n = 0
        while i < stop {
            let remaining = stop - i
            let run = memchr(base + i, 0x5C, remaining).map { UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self) - (base + i) } ?? remaining
            if run > 0 {
                (out + n).update(from: base + i, count: run)
                n += run
                i += run
            }
            if i >= stop { break }
            guard i + 1 < stop else { return nil }
            let e = bytes[i + 1]
            var simple: UInt8 = 0
            switch e {
            case 0x22: simple = 0x22
            case 0x5C: simple = 0x5C
            case 0x2F: simple = 0x2F
            case 0x62: simple = 0x08
            case 0x66: simple = 0x0C
            case 0x6E: simple = 0x0A
            case 0x72: simple = 0x0D
            case 0x74: simple = 0x09
            case 0x75:
                guard i + 6 <= stop, var scalar = hex4(i + 2) else { return nil }
                var consumed = 6
                if scalar >= 0xD800, scalar < 0xDC00, i + 12 <= stop, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75,
                   let low = hex4(i + 8), low >= 0xDC00, low < 0xE000 {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    consumed = 12
                }
                if scalar >= 0xD800 && scalar < 0xE000 { scalar = 0xFFFD }  // lone surrogate
                n += JSONScanner.writeUTF8(scalar, to: out + n)
                i += consumed
                continue
            default:
                return nil
            }
            out[n] = simple
            n += 1
            i += 2
        }
        return n
    }

    private static func writeUTF8(_ scalar: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            out[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            out[0] = UInt8(0xC0 | (scalar >> 6)); out[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            out[0] = UInt8(0xE0 | (scalar >> 12)); out[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            out[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            out[0] = UInt8(0xF0 | (scalar >> 18)); out[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            out[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); out[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }

    /// The string value decoded, or nil if it is not a well-formed string with valid UTF-8.
    public func string(_ v: Value) -> String? {
        guard v.kind == .string else { return nil }
        // Fast path: no escapes.
        var plain = true
        for k in (v.start + 1)..<(v.end - 1) where bytes[k] == 0x5C { plain = false; break }
        if plain {
            let text = UnsafeBufferPointer(rebasing: bytes[(v.start + 1)..<(v.end - 1)])
            // Checked first (`UTF8Check`: ASCII 8 bytes at a time), then taken as it is: `String(validating:)`
            // went through a generic path (~900 instructions for a short key or id).
            return UTF8Check.isValid(text) ? String(decoding: text, as: UTF8.self) : nil
        }
        var out: [UInt8] = []
        out.reserveCapacity(v.end - v.start)
        guard appendUnescaped(v, to: &out) else { return nil }
        return out.withUnsafeBufferPointer { UTF8Check.isValid($0) ? String(decoding: $0, as: UTF8.self) : nil }
    }

    /// The raw text of a value (numbers, literals) as a String.
    public func raw(_ v: Value) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[v.start..<v.end]), as: UTF8.self)
    }

    /// An integer number value (no fraction/exponent), or nil; refuses values that overflow.
    public func int64(_ v: Value) -> Int64? {
        guard v.kind == .number else { return nil }
        var i = v.start
        var negative = false
        if bytes[i] == 0x2D { negative = true; i += 1 }
        guard i < v.end else { return nil }
        // Up to 18 digits cannot overflow: no checks per digit (timestamps are 13).
        if v.end - i <= 18 {
            var value: Int64 = 0
            var k = i
            // The first 8 digits in one word (every event's timestamp has 13): see `eightDigits`.
            if v.end - i >= 8, let base = bytes.baseAddress,
               let first = JSONScanner.eightDigits(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) {
                value = Int64(first)
                k = i + 8
            }
            while k < v.end {
                let d = bytes[k] &- 0x30
                guard d < 10 else { break }
                value = value &* 10 &+ Int64(d)
                k += 1
            }
            if k == v.end { return negative ? -value : value }
        }
        var value: Int64 = 0
        while i < v.end {
            let c = bytes[i]
            if c == 0x2E || c == 0x65 || c == 0x45 {
                // a fraction or exponent: fall back to Double if it is integral enough
                guard let d = double(v), d.isFinite, abs(d) < 9.0e15 else { return nil }
                return Int64(d.rounded(.down))
            }
            guard c >= 0x30, c <= 0x39 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(c - 0x30))
            if o1 || o2 { return nil }
            value = a
            i += 1
        }
        return negative ? -value : value
    }

    /// The value of the 8 ASCII digits in `w` (first digit in the low byte), or nil when a byte is not a digit.
    ///
    /// SWAR: a byte is a digit when its high nibble is 3 and adding 6 keeps it so (0x30-0x39);
    /// then pairs, quads and the two halves are combined by multiply-and-shift, 12 operations
    /// for what the digit loop does in ~50.
    @inline(__always) static func eightDigits(_ w: UInt64) -> UInt64? {
        let highNibbles = w & 0xF0F0_F0F0_F0F0_F0F0
        let carried = (w &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard highNibbles == 0x3030_3030_3030_3030, carried == 0x3030_3030_3030_3030 else { return nil }
        var v = w & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 10 &+ (v &>> 8)) & 0x00FF_00FF_00FF_00FF  // each 16-bit lane: two digits
        v = (v &* 100 &+ (v &>> 16)) & 0x0000_FFFF_0000_FFFF  // each 32-bit lane: four digits
        return (v &* 10000 &+ (v &>> 32)) & 0xFFFF_FFFF  // eight digits
    }

    public func double(_ v: Value) -> Double? {
        guard v.kind == .number else { return nil }
        if let whole = smallWholeNumber(v) { return Double(whole) }
        return Double(raw(v))
    }

    /// The value of a number written as an optional `-` and 1 to 15 digits, or nil.
    ///
    /// Such a number is exactly a Double, so `Double(whole)` is what `Double(text)` gives, for
    /// ~1/40 of the cost of parsing text (gauges and probes are mostly whole numbers). `-0` is
    /// left to the text reading: it is -0.0 there, +0.0 as an integer.
    func smallWholeNumber(_ v: Value) -> Int64? {
        var i = v.start
        let negative = i < v.end && bytes[i] == 0x2D
        if negative { i += 1 }
        guard v.end - i >= 1, v.end - i <= 15 else { return nil }
        var value: Int64 = 0
        while i < v.end {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        if negative {
            guard value != 0 else { return nil }
            return -value
        }
        return value
    }

    public func bool(_ v: Value) -> Bool? {
        guard v.kind == .bool else { return nil }
        return bytes[v.start] == 0x74
    }

    private func hex4(_ i: Int) -> UInt32? {
        var value: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[i + k]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: return nil
            }
            value = value << 4 | d
        }
        return value
    }
}
