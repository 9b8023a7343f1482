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
/// Partitioned into windows, one per log stream and hour of the line's timestamp: a
/// copy of an event has the same stream and millisecond, so it can only be in the same
/// window. A file is read roughly in time order (or stream by stream, then in time
/// order), so a reader works in one small table at a time (a few thousand keys, kept in
/// the CPU's caches) instead of probing one table of tens of MB, where every insert was
/// a cache miss (8% of a reader's time, perf). Windows are spread over 64 stripes, one
/// lock each, so two readers rarely wait for each other.
///
/// Memory stays flat whatever the input's size: past `memoryBudget`, the least recently
/// used windows go to a spill file (`KeySpill`), and one is read back only if a line of
/// that stream and hour comes again (an overlapping export).
/// Every key stays known, in memory or on disk: the dedup is exact. Without this, the
/// tables grew by ~50 MB per GB of input (4 GB: 328 MB peak).
final class RoutineKeySet: @unchecked Sendable {
    static let windowMillis: Int64 = 3_600_000
    private static let stripeCount = 64

    /// Bytes of tables kept in memory before the oldest go to disk. A window being inserted
    /// into stays, however big.
    let memoryBudget: Int
    /// Guards `bytes` and `clock`, which every stripe updates; taken briefly, once per run of lines.
    private let accounting: UnsafeMutablePointer<pthread_mutex_t>
    /// Bytes of tables in memory, every stripe together.
    private var bytes = 0
    /// Counts runs of lines: a window's `lastUsed`.
    private var clock: UInt64 = 0
    /// Per log stream, the keys its latest window held: the size a new window of it starts at.
    /// A window that started at 64 slots and grew to tens of thousands copied every key it held
    /// at each doubling (`KeySet.grow`: 4% of a reader's samples on the 1 GB benchmark, with the
    /// page faults of each new table); one hour of a stream holds about as many lines as the
    /// hour before. A stream's sparse hours start small again, as they always did.
    private var lastWindowKeys: [UInt64: Int] = [:]
    private let locks: UnsafeMutablePointer<pthread_mutex_t>
    /// Per stripe, its windows. Raw memory, not an Array: each stripe is mutated under its
    /// own lock while other threads mutate others, which an Array property (one exclusive
    /// access) cannot allow.
    private let stripes: UnsafeMutablePointer<Stripe>
    private let spill = KeySpill()

    /// A log stream (a hash of its name; 0 for none) and an hour.
    struct Window: Hashable {
        var stream: UInt64
        var hour: Int64
    }

    private struct Resident {
        var keys: KeySet
        /// When it was last inserted into (`clock`), for choosing what to spill.
        var lastUsed: UInt64
    }

    private struct Stripe {
        var resident: [Window: Resident] = [:]
        var spilled: [Window: KeySpill.Extent] = [:]
    }

    /// `memoryBudget`: 32 MB by default, what ~1.5 M lines' keys take; the 1 GB benchmark's
    /// files are read in time order, so what goes to disk is never read back there.
    init(memoryBudget: Int = 32 << 20) {
        self.memoryBudget = memoryBudget
        accounting = .allocate(capacity: 1)
        pthread_mutex_init(accounting, nil)
        let count = RoutineKeySet.stripeCount
        locks = .allocate(capacity: count)
        for i in 0..<count { pthread_mutex_init(locks + i, nil) }
        stripes = .allocate(capacity: count)
        stripes.initialize(repeating: Stripe(), count: count)
    }

    deinit {
        for i in 0..<RoutineKeySet.stripeCount { pthread_mutex_destroy(locks + i) }
        locks.deallocate()
        pthread_mutex_destroy(accounting)
        accounting.deallocate()
        stripes.deinitialize(count: RoutineKeySet.stripeCount)
        stripes.deallocate()
    }

    @inline(__always) static func window(of millis: Int64) -> Int64 {
        millis >= 0 ? millis / windowMillis : (millis + 1) / windowMillis - 1
    }

    /// Bytes of key tables in memory now.
    var bytesInMemory: Int {
        pthread_mutex_lock(accounting)
        defer { pthread_mutex_unlock(accounting) }
        return bytes
    }

    /// Windows written to the spill file so far (read back or not).
    var windowsSpilled: Int { spill.extentsWritten }

    /// Inserts every line's key as a line of no particular stream; see `insert(_:streams:fresh:)`.
    func insert(_ lines: UnsafeBufferPointer<RoutineEntry>, fresh: UnsafeMutableBufferPointer<Bool>) {
        insert(lines, streams: UnsafeBufferPointer(start: nil, count: 0), fresh: fresh)
    }

    /// Inserts every line's key; `fresh[i]` is set to whether `lines[i]` was new (first seen here).
    /// `streams[n]`: the window stream of the lines whose `name` is `n` (a hash of its name).
    ///
    /// Lines are taken in runs of the same window: one lock and one table lookup per run.
    func insert(_ lines: UnsafeBufferPointer<RoutineEntry>, streams: UnsafeBufferPointer<UInt64>,
                fresh: UnsafeMutableBufferPointer<Bool>) {
        precondition(fresh.count >= lines.count)
        @inline(__always) func window(_ line: RoutineEntry) -> Window {
            let name = Int(line.name)
            return Window(stream: name >= 0 && name < streams.count ? streams[name] : 0, hour: RoutineKeySet.window(of: line.millis))
        }
        var i = 0
        while i < lines.count {
            let current = window(lines[i])
            var end = i + 1
            while end < lines.count, window(lines[end]) == current { end += 1 }
            let mixed = (current.stream ^ UInt64(bitPattern: current.hour)) &* 0x9E37_79B9_7F4A_7C15
            let s = Int(truncatingIfNeeded: mixed >> 58)  // 64 stripes
            pthread_mutex_lock(locks + s)
            // Taken out and put back, so the table is uniquely referenced while it grows (no copy).
            // A new window starts with room for its stream's last window's keys, at least 64 slots
            // (512 bytes): a year of sparse hours stays a few MB.
            let existing = stripes[s].resident.removeValue(forKey: current)
            var table: Resident
            if let existing {
                table = existing
            } else {
                pthread_mutex_lock(accounting)
                let expected = lastWindowKeys[current.stream] ?? 0
                pthread_mutex_unlock(accounting)
                table = Resident(keys: readBack(current, stripe: s, expecting: expected), lastUsed: 0)
            }
            let before = existing?.keys.byteCount ?? 0  // a new or read-back table counts whole
            for n in i..<end { fresh[n] = table.keys.insert(lines[n].key) }
            pthread_mutex_lock(accounting)
            bytes += table.keys.byteCount - before
            clock &+= 1
            table.lastUsed = clock
            lastWindowKeys[current.stream] = table.keys.count
            let over = bytes > memoryBudget
            pthread_mutex_unlock(accounting)
            stripes[s].resident[current] = table
            if over { spillOldest(holding: s, keeping: current) }
            pthread_mutex_unlock(locks + s)
            i = end
        }
    }

    /// The keys of `window` written to the spill file earlier, or a new empty table with room for
    /// `expected` keys (at least 64 slots, at most 2^20). Under the stripe's lock.
    private func readBack(_ window: Window, stripe s: Int, expecting expected: Int) -> KeySet {
        guard let extent = stripes[s].spilled.removeValue(forKey: window) else {
            return KeySet(capacity: KeySet.capacity(forKeys: min(expected, 3 << 18)))
        }
        return KeySet(spill.read(extent))
    }

    /// Writes the least recently used windows to the spill file until the tables in memory take
    /// 3/4 of the budget, never `keeping` (being inserted into). Called holding stripe `s`'s lock;
    /// other stripes are only tried (`trylock`), so two threads sweeping at once cannot deadlock:
    /// a stripe in use is skipped this time. When the file cannot be written, the windows stay.
    private func spillOldest(holding s: Int, keeping: Window) {
        var locked = [s]
        for t in 0..<RoutineKeySet.stripeCount where t != s && pthread_mutex_trylock(locks + t) == 0 { locked.append(t) }
        defer { for t in locked where t != s { pthread_mutex_unlock(locks + t) } }
        var candidates: [(stripe: Int, window: Window, lastUsed: UInt64)] = []
        for t in locked {
            for (window, table) in stripes[t].resident where !(t == s && window == keeping) {
                candidates.append((t, window, table.lastUsed))
            }
        }
        candidates.sort { $0.lastUsed < $1.lastUsed }
        let target = memoryBudget / 4 * 3
        for candidate in candidates {
            guard bytesInMemory > target, let table = stripes[candidate.stripe].resident[candidate.window],
                  let extent = spill.write(table.keys.allKeys()) else { break }
            stripes[candidate.stripe].resident[candidate.window] = nil
            stripes[candidate.stripe].spilled[candidate.window] = extent
            pthread_mutex_lock(accounting)
            bytes -= table.keys.byteCount
            pthread_mutex_unlock(accounting)
        }
    }
}
