#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The dedup keys of the routine lines seen in this run, shared by every reader thread.
///
/// Routine lines are never stored, so their repeats (overlapping exports, a file
/// given twice) are dropped against this set instead of a unique index. It used to
/// live in the single writer thread, which then did work for every line of the input
/// (2.5 M inserts on the 1 GB benchmark) while the readers waited; the readers now
/// settle their own batches, on both cores.
///
/// Partitioned by the hour of the line's timestamp: a copy of an event has the same
/// millisecond, so it can only be in the same hour's table. A file is read roughly in
/// time order, so a reader works in one small table at a time (a few thousand keys,
/// kept in the CPU's caches) instead of probing one table of tens of MB, where every
/// insert was a cache miss (8% of a reader's time, perf). Hours are spread over 64
/// stripes, one lock each, so two readers rarely wait for each other.
final class RoutineKeySet: @unchecked Sendable {
    static let windowMillis: Int64 = 3_600_000
    private static let stripeCount = 64

    private let locks: UnsafeMutablePointer<pthread_mutex_t>
    /// Per stripe, the key tables of its hours. Raw memory, not an Array: each stripe is
    /// mutated under its own lock while other threads mutate others, which an Array
    /// property (one exclusive access) cannot allow.
    private let stripes: UnsafeMutablePointer<[Int64: KeySet]>

    init() {
        let count = RoutineKeySet.stripeCount
        locks = .allocate(capacity: count)
        for i in 0..<count { pthread_mutex_init(locks + i, nil) }
        stripes = .allocate(capacity: count)
        stripes.initialize(repeating: [:], count: count)
    }

    deinit {
        for i in 0..<RoutineKeySet.stripeCount { pthread_mutex_destroy(locks + i) }
        locks.deallocate()
        stripes.deinitialize(count: RoutineKeySet.stripeCount)
        stripes.deallocate()
    }

    @inline(__always) static func window(of millis: Int64) -> Int64 {
        millis >= 0 ? millis / windowMillis : (millis + 1) / windowMillis - 1
    }

    /// Inserts every line's key; `fresh[i]` is set to whether `lines[i]` was new (first seen here).
    ///
    /// Lines are taken in runs of the same hour: one lock and one table lookup per run.
    func insert(_ lines: UnsafeBufferPointer<RoutineEntry>, fresh: UnsafeMutableBufferPointer<Bool>) {
        precondition(fresh.count >= lines.count)
        var i = 0
        while i < lines.count {
            let window = RoutineKeySet.window(of: lines[i].millis)
            var end = i + 1
            while end < lines.count, RoutineKeySet.window(of: lines[end].millis) == window { end += 1 }
            let stripe = Int(truncatingIfNeeded: UInt64(bitPattern: window) % UInt64(RoutineKeySet.stripeCount))
            pthread_mutex_lock(locks + stripe)
            // Taken out and put back, so the table is uniquely referenced while it grows (no copy).
            // A new hour starts at 64 slots (512 bytes): a year of sparse hours stays a few MB.
            var keys = stripes[stripe].removeValue(forKey: window) ?? KeySet(capacity: 64)
            for n in i..<end { fresh[n] = keys.insert(lines[n].key) }
            stripes[stripe][window] = keys
            pthread_mutex_unlock(locks + stripe)
            i = end
        }
    }
}
