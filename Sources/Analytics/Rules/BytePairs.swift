/// Which pairs of adjacent bytes occur in a text, kept as a 1024-bit set per text.
///
/// The literal pre-check (`CompiledRegex.mayMatch`) searched every line for every literal of
/// every line pattern: 120 000 searches for the benchmark's 152 crashes. A line lacking
/// one of a literal's byte pairs cannot contain the literal, and telling that from the
/// sets is a few word tests, so the byte search runs only on lines that have every pair.
/// Pairs share slots (a hash), so a set may say a pair is there when it is not, which only
/// lets a search run; it never says a pair is missing when it is there, so no line that
/// contains a literal is skipped.
enum BytePairs {
    /// 64-bit words per set.
    static let words = 16

    @inline(__always) static func slot(_ first: UInt8, _ second: UInt8) -> Int {
        (Int(first) &* 29 &+ Int(second)) & (words * 64 - 1)
    }

    /// The sets of `texts`, one after the other, `words` words each.
    static func sets(of texts: [[UInt8]]) -> [UInt64] {
        var sets = [UInt64](repeating: 0, count: texts.count * words)
        sets.withUnsafeMutableBufferPointer { sets in
            for (index, text) in texts.enumerated() where text.count >= 2 {
                let set = sets.baseAddress! + index * words
                text.withUnsafeBufferPointer { bytes in
                    var previous = bytes[0]
                    for position in 1..<bytes.count {
                        let byte = bytes[position]
                        let slot = slot(previous, byte)
                        set[slot >> 6] |= 1 << UInt64(slot & 63)
                        previous = byte
                    }
                }
            }
        }
        return sets
    }

    /// The slots a text's set must have for the text to contain `literal`, as (word, bits) pairs.
    static func requirement(of literal: [UInt8]) -> [(word: Int, bits: UInt64)] {
        var bits = [UInt64](repeating: 0, count: words)
        for (first, second) in zip(literal, literal.dropFirst()) {
            let slot = slot(first, second)
            bits[slot >> 6] |= 1 << UInt64(slot & 63)
        }
        return bits.indices.filter { bits[$0] != 0 }.map { ($0, bits[$0]) }
    }

    /// False when the set of text `index` in `sets` lacks a slot of `requirement`.
    @inline(__always) static func mayContain(_ sets: [UInt64], text index: Int, _ requirement: [(word: Int, bits: UInt64)]) -> Bool {
        let base = index * words
        for (word, bits) in requirement where sets[base + word] & bits != bits { return false }
        return true
    }
}
