/// A set of 64-bit dedup keys: open addressing with linear probing.
///
/// The keys are `RoutineKey` values, already well mixed, so a key is its own hash:
/// no hashing per insert, 8 bytes per slot, at most 3/4 full (2.5 M lines: 32 MB).
/// `Set<Int64>` hashes every key again with SipHash and was a tenth of the writer's time.
struct KeySet {
    private var slots: [UInt64]
    private var hasZero = false
    private(set) var count = 0

    /// `capacity`: the initial number of slots, a power of two.
    init(capacity: Int = 1 << 16) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "KeySet capacity must be a power of two")
        slots = Array(repeating: 0, count: capacity)
    }

    /// A set of `keys` (as `allKeys` gave them), at most half full.
    init(_ keys: [UInt64]) {
        var capacity = 64
        while capacity < keys.count * 2 { capacity *= 2 }
        self.init(capacity: capacity)
        for k in keys { _ = insert(Int64(bitPattern: k)) }
    }

    /// The fewest slots (a power of two, at least 64) that hold `keys` keys without growing.
    static func capacity(forKeys keys: Int) -> Int {
        var capacity = 64
        while keys * 4 > capacity * 3 { capacity *= 2 }
        return capacity
    }

    /// Memory its slots take.
    var byteCount: Int { slots.count * MemoryLayout<UInt64>.stride }

    /// Every key, in no order.
    func allKeys() -> [UInt64] {
        var keys = [UInt64]()
        keys.reserveCapacity(count)
        if hasZero { keys.append(0) }
        for k in slots where k != 0 { keys.append(k) }
        return keys
    }

    /// Adds `key`; false when it was already there.
    mutating func insert(_ key: Int64) -> Bool {
        let k = UInt64(bitPattern: key)
        if k == 0 {  // 0 marks an empty slot, so the key 0 is kept aside
            defer { hasZero = true }
            if !hasZero { count += 1 }
            return !hasZero
        }
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let inserted = slots.withUnsafeMutableBufferPointer { KeySet.place(k, in: $0) }
        if inserted { count += 1 }
        return inserted
    }

    @inline(__always) private static func place(_ k: UInt64, in table: UnsafeMutableBufferPointer<UInt64>) -> Bool {
        let mask = table.count - 1
        var i = Int(truncatingIfNeeded: k ^ (k >> 29)) & mask
        while true {
            let s = table[i]
            if s == 0 { table[i] = k; return true }
            if s == k { return false }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        var bigger = [UInt64](repeating: 0, count: slots.count * 2)
        bigger.withUnsafeMutableBufferPointer { table in
            for k in slots where k != 0 { _ = KeySet.place(k, in: table) }
        }
        slots = bigger
    }
}
