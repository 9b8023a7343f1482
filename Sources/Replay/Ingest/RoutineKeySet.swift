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
/// (2.5 M inserts, a cache miss each, on the 1 GB benchmark) while the readers waited;
/// the readers now settle their own batches, on both cores.
///
/// Sharded by the key's top bits, one lock per shard. A batch is inserted shard by
/// shard, each under one lock: a lock per key would fence every insert, and the CPU
/// could no longer wait for several cache misses at once.
final class RoutineKeySet: @unchecked Sendable {
    private static let shardBits = 6
    private static var shardCount: Int { 1 << shardBits }

    private let locks: UnsafeMutablePointer<pthread_mutex_t>
    /// Raw memory, not an Array: each shard is mutated under its own lock while other
    /// threads mutate others, which an Array property (one exclusive access) cannot allow.
    private let shards: UnsafeMutablePointer<KeySet>

    init() {
        let count = RoutineKeySet.shardCount
        locks = .allocate(capacity: count)
        for i in 0..<count { pthread_mutex_init(locks + i, nil) }
        // Small shards to start: a run of a few files must not pay for tables sized for a gigabyte.
        shards = .allocate(capacity: count)
        shards.initialize(repeating: KeySet(capacity: 1 << 10), count: count)
    }

    deinit {
        for i in 0..<RoutineKeySet.shardCount { pthread_mutex_destroy(locks + i) }
        locks.deallocate()
        shards.deinitialize(count: RoutineKeySet.shardCount)
        shards.deallocate()
    }

    @inline(__always) private static func shard(of key: Int64) -> Int {
        Int(truncatingIfNeeded: UInt64(bitPattern: key) >> UInt64(64 - shardBits))
    }

    /// Inserts every key; `fresh[i]` is set to whether `keys[i]` was new (first seen here).
    func insert(_ keys: UnsafeBufferPointer<Int64>, fresh: UnsafeMutableBufferPointer<Bool>) {
        precondition(fresh.count >= keys.count)
        let count = RoutineKeySet.shardCount
        // Counting sort of the key positions by shard.
        var starts = [Int](repeating: 0, count: count + 1)
        for key in keys { starts[RoutineKeySet.shard(of: key) + 1] += 1 }
        for s in 0..<count { starts[s + 1] += starts[s] }
        var order = [Int32](repeating: 0, count: keys.count)
        var next = starts
        for (i, key) in keys.enumerated() {
            let s = RoutineKeySet.shard(of: key)
            order[next[s]] = Int32(i)
            next[s] += 1
        }
        for s in 0..<count where starts[s] < starts[s + 1] {
            pthread_mutex_lock(locks + s)
            for n in starts[s]..<starts[s + 1] {
                let i = Int(order[n])
                fresh[i] = shards[s].insert(keys[i])
            }
            pthread_mutex_unlock(locks + s)
        }
    }
}
