/// The last routine message's template (`RoutineTemplate`) as it appears inside an exported
/// event's JSON string, so that a routine line is known before its message is decoded.
///
/// Shape A exports a message that holds JSON as a JSON string: every quote of it escaped
/// (`{\"level\":\"INFO\",...}`), nothing else escaped when the message is plain ASCII. The
/// decoder's pass over those bytes was the single largest step of reading a routine line
/// after inflating it; nine lines in ten then fit the template and need nothing else from
/// the decoded bytes but their routine key.
///
/// The escaped form of a message `m` is taken to be its canonical one, `canonical(m)`: each
/// `"` and `\` preceded by a `\`, every other byte as it is. Here the template's fixed bytes
/// are kept in that form (when they are ASCII with no control byte, else there is no escaped
/// template); a string value must appear as `\"`, bytes of ASCII other than quote, backslash
/// and control, `\"`; a number as the template's walk skips it. Then:
/// - the line's message decodes to a message that fits the template (its fixed bytes are the
///   template's, its values of the same kinds, skipped the same way), so `classify` says
///   routine;
/// - the bytes between the message's quotes are exactly `canonical` of that message, so its
///   routine key, a hash of `canonical(m)` (`RoutineKey`), is a hash of those bytes.
/// Anything else (another escape, a non-ASCII byte, other bytes) does not match, and the
/// message is decoded and read as before.
final class EscapedRoutineTemplate {
    /// The fixed bytes in canonical form: at most twice the template's.
    private let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * LineTemplate.byteCapacity)
    /// Where the fixed bytes before cut `k` end in `bytes` (after the last cut: index `cutCount`).
    private let fixedEnd = UnsafeMutablePointer<Int>.allocate(capacity: LineTemplate.cutCapacity + 1)
    private let tags = UnsafeMutablePointer<UInt8>.allocate(capacity: LineTemplate.cutCapacity)
    private var cutCount = 0
    /// False when the template has bytes this form cannot hold (or there is no template).
    private var usable = false
    /// The `LineTemplate.version` this was made from (-1: none yet).
    private var madeFrom = -1

    deinit {
        bytes.deallocate()
        fixedEnd.deallocate()
        tags.deallocate()
    }

    /// The index after the closing quote of the JSON string whose opening quote is at `line[start]`
    /// when its bytes fit `template` as described above; nil otherwise.
    func match(_ template: RoutineTemplate, _ line: UnsafePointer<UInt8>, stringAt start: Int, end: Int) -> Int? {
        if template.line.version != madeFrom { make(from: template.line) }
        guard usable, start < end, line[start] == 0x22 else { return nil }
        let scanner = JSONScanner(UnsafeBufferPointer(start: line, count: end))
        var i = start &+ 1
        var t = 0
        for k in 0...cutCount {
            let length = fixedEnd[k] &- t
            guard length <= end &- i, ByteCompare.equal(line + i, bytes + t, length) else { return nil }
            i &+= length
            t = fixedEnd[k]
            if k == cutCount { break }
            if tags[k] == RoutineTemplate.Cut.string.rawValue {
                guard i &+ 1 < end, line[i] == 0x5C, line[i &+ 1] == 0x22 else { return nil }
                i &+= 2
                while true {
                    // 8 bytes at a time to the next quote, backslash, control or non-ASCII byte (or a
                    // byte `specials` flags with them: it is looked at and passed).
                    while i &+ 8 <= end {
                        let w = UnsafeRawPointer(line + i).loadUnaligned(as: UInt64.self)
                        let hits = JSONScanner.specials(w) | (w & 0x8080_8080_8080_8080)
                        if hits != 0 {
                            i &+= hits.trailingZeroBitCount &>> 3
                            break
                        }
                        i &+= 8
                    }
                    guard i < end else { return nil }
                    let c = line[i]
                    if c == 0x5C {
                        guard i &+ 1 < end, line[i &+ 1] == 0x22 else { return nil }
                        i &+= 2
                        break
                    }
                    guard c >= 0x20, c < 0x80, c != 0x22 else { return nil }
                    i &+= 1
                }
            } else {
                guard i < end else { return nil }
                let c = line[i]
                guard c &- 0x30 < 10 || c == 0x2D else { return nil }
                i = scanner.numberEnd(from: i &+ 1)
            }
        }
        guard i < end, line[i] == 0x22 else { return nil }
        return i &+ 1
    }

    /// Makes the canonical form of `template`'s fixed bytes.
    private func make(from template: LineTemplate) {
        madeFrom = template.version
        usable = false
        guard template.isSet else { return }
        cutCount = template.cutCount
        var n = 0
        for k in 0...cutCount {
            for b in template.fixedBytes(k) {
                guard b >= 0x20, b < 0x80 else { return }
                RoutineKey.appendCanonical(b, to: bytes, at: &n)
            }
            fixedEnd[k] = n
            if k < cutCount { tags[k] = template.tag(k) }
        }
        usable = true
    }
}
