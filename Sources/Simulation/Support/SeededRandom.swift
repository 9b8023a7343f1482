/// A small, fast, seedable random number generator (SplitMix64).
///
/// The simulator must write byte-identical files for the same scenario and seed on
/// every machine and Swift version, so it never uses the system generator nor the
/// standard library's `random(in:)` algorithms (whose exact draws are not promised
/// to stay the same): every draw goes through the helpers below.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for one part of the simulation (a task, a log group),
    /// so that adding a line to one task's logs does not shift every later draw.
    func derived(_ salt: UInt64) -> SeededRandom {
        var mixer = SeededRandom(seed: state ^ (salt &* 0x9E37_79B9_7F4A_7C15))
        _ = mixer.next()
        return SeededRandom(seed: mixer.next())
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (inclusive).
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(truncatingIfNeeded: next()) }
        let (high, _) = next().multipliedFullWidth(by: span)
        return range.lowerBound + Int(high)
    }

    /// A uniform integer in `range` (inclusive), for 64-bit quantities such as milliseconds.
    mutating func int64(_ range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        let (high, _) = next().multipliedFullWidth(by: span)
        return range.lowerBound + Int64(high)
    }

    /// A uniform double in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0) }

    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// Milliseconds uniformly between two durations given in seconds.
    mutating func millis(seconds range: ClosedRange<Double>) -> Int64 {
        int64(Int64(range.lowerBound * 1000)...Int64(range.upperBound * 1000))
    }

    /// One element of a non-empty array.
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A Fisher-Yates shuffle driven by this generator.
    mutating func shuffled<T>(_ items: [T]) -> [T] {
        var copy = items
        guard copy.count > 1 else { return copy }
        for i in stride(from: copy.count - 1, to: 0, by: -1) {
            copy.swapAt(i, int(0...i))
        }
        return copy
    }

    /// `count` lowercase hex digits, e.g. an ECS task id (32).
    mutating func hex(_ count: Int) -> String {
        let digits = Array("0123456789abcdef")
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text.append(digits[int(0...15)]) }
        return text
    }

    /// `count` decimal digits, the first one non-zero.
    mutating func decimal(_ count: Int) -> String {
        var text = String(int(1...9))
        for _ in 1..<count { text += String(int(0...9)) }
        return text
    }

    /// A version-4-looking UUID in lowercase (EventBridge event ids, S3 export task ids).
    mutating func uuid() -> String {
        let h = hex(32)
        let c = Array(h)
        let variant = Array("89ab")[int(0...3)]
        return String(c[0..<8]) + "-" + String(c[8..<12]) + "-4" + String(c[13..<16]) + "-"
            + String(variant) + String(c[17..<20]) + "-" + String(c[20..<32])
    }
}
