/// The key a routine line is deduplicated by within one run (`RoutineKeySet`).
///
/// It stands for the same thing as `StableHash.eventKey`, the stream, the time in ms and the
/// message bytes with escapes resolved, so copies of a line from different export shapes
/// still meet; it hashes the message's canonical escaped form, a function of those bytes,
/// which is what most exports hold (see `of(stream:millis:message:)`). It is never stored
/// (routine lines are only counted, and their keys live only in the run's key set), so it is
/// free to be a different function, and faster:
/// `StableHash` is one chain of multiplies, each waiting for the one before (about five
/// cycles per 8 bytes), and stored event keys must keep its values. This runs four
/// independent lanes, each folding 8 bytes into a 128-bit multiply (wyhash's "mum"), so
/// the multiplies overlap. Every line of an export is hashed once: it was a tenth of the
/// instructions of reading a routine line.
///
/// A collision merges two distinct routine lines of the same hour into one count, with
/// odds near 2^-64 per pair: as `StableHash`, not a security boundary.
enum RoutineKey {
    private static let lane0: UInt64 = 0xA076_1D64_78BD_642F
    private static let lane1: UInt64 = 0xE703_7ED1_A0B4_28DB
    private static let lane2: UInt64 = 0x8EBC_6AF0_9C88_C6E3
    private static let lane3: UInt64 = 0x5899_65CC_7537_4CC3

    /// The 128-bit product of `a` and `b`, its halves folded together.
    @inline(__always) static func mum(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = a.multipliedFullWidth(by: b)
        return product.high ^ product.low
    }

    /// The key of a line of the stream whose `StableHash(stream:)` is `stream`, with the message
    /// `message` as the program wrote it: the hash of its canonical escaped form (each `"` and `\`
    /// preceded by a `\`), which is what a shape A export holds between the message's quotes
    /// when it escapes nothing else. A line read without decoding its message
    /// (`EscapedRoutineTemplate`) is keyed from those bytes directly (`of(stream:millis:canonical:)`),
    /// and gets the key a decoded copy of it gets here.
    static func of(stream: StableHash, millis: Int64, message: UnsafeBufferPointer<UInt8>) -> Int64 {
        guard message.contains(where: { $0 == 0x22 || $0 == 0x5C }) else { return of(stream: stream, millis: millis, canonical: message) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 2 * message.count) { escaped in
            var n = 0
            for b in message { appendCanonical(b, to: escaped.baseAddress!, at: &n) }
            return of(stream: stream, millis: millis, canonical: UnsafeBufferPointer(rebasing: escaped[0..<n]))
        }
    }

    /// Writes `b` in canonical escaped form at `out[n]` (a `\` first for `"` and `\`), moving `n` on:
    /// the one definition of that form, for the keys and for `EscapedRoutineTemplate`.
    @inline(__always) static func appendCanonical(_ b: UInt8, to out: UnsafeMutablePointer<UInt8>, at n: inout Int) {
        if b == 0x22 || b == 0x5C {
            out[n] = 0x5C
            n &+= 1
        }
        out[n] = b
        n &+= 1
    }

    /// The key of a line whose message's canonical escaped form is `message` (see `of(stream:millis:message:)`).
    @inline(__always)
    static func of(stream: StableHash, millis: Int64, canonical message: UnsafeBufferPointer<UInt8>) -> Int64 {
        let seed = stream.state
        let n = message.count
        var a = seed ^ lane0
        var b = UInt64(bitPattern: millis) ^ lane1
        var c = UInt64(truncatingIfNeeded: n) ^ lane2
        var d = seed ^ lane3
        if let base = message.baseAddress {
            let raw = UnsafeRawPointer(base)
            @inline(__always) func word(_ at: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
            var i = 0
            // Whole 32-byte blocks; then the last 32 bytes of the message (overlapping the last
            // block read, the length keeps such messages apart), or, when it is shorter, its
            // bytes zero-padded to 32.
            while i &+ 32 < n {
                a = mum(a ^ word(i), lane0)
                b = mum(b ^ word(i &+ 8), lane1)
                c = mum(c ^ word(i &+ 16), lane2)
                d = mum(d ^ word(i &+ 24), lane3)
                i &+= 32
            }
            var tail: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            if n >= 32 {
                tail = (word(n &- 32), word(n &- 24), word(n &- 16), word(n &- 8))
            } else {
                withUnsafeMutableBytes(of: &tail) { $0.copyMemory(from: UnsafeRawBufferPointer(start: raw, count: n)) }
            }
            a = mum(a ^ tail.0, lane0)
            b = mum(b ^ tail.1, lane1)
            c = mum(c ^ tail.2, lane2)
            d = mum(d ^ tail.3, lane3)
        }
        return Int64(bitPattern: mum(a ^ c, lane1 ^ UInt64(truncatingIfNeeded: n)) ^ mum(b ^ d, lane2))
    }
}
