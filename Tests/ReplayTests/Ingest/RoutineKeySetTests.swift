import Foundation
import Testing
@testable import Replay

/// The run's routine keys, shared by reader threads: each key is new exactly once.
@Suite struct RoutineKeySetTests {
    /// Deterministic well-mixed keys (splitmix64), as `StableHash` makes them.
    static func keys(_ range: Range<Int>) -> [Int64] {
        range.map { i in
            var z = UInt64(i) &+ 0x9E37_79B9_7F4A_7C15
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int64(bitPattern: z ^ (z >> 31))
        }
    }

    /// Inserts `keys` as routine lines one second apart from `startMillis` (so they span several hourly tables),
    /// of the stream `stream` (a hash of its name).
    static func insert(_ keys: [Int64], into set: RoutineKeySet, startMillis: Int64 = 1_774_137_600_000, stream: UInt64 = 7) -> [Bool] {
        let lines = keys.enumerated().map { RoutineEntry(key: $1, millis: startMillis + Int64($0) * 1000, name: 0) }
        var fresh = [Bool](repeating: false, count: keys.count)
        let streams = [stream]
        lines.withUnsafeBufferPointer { l in
            streams.withUnsafeBufferPointer { s in fresh.withUnsafeMutableBufferPointer { set.insert(l, streams: s, fresh: $0) } }
        }
        return fresh
    }

    /// Every key inserted in batches of 5 000 (lines a second apart), with the set's answers.
    static func insertInBatches(_ keys: [Int64], into set: RoutineKeySet) -> [Bool] {
        var fresh: [Bool] = []
        for start in stride(from: 0, to: keys.count, by: 5_000) {
            let end = min(start + 5_000, keys.count)
            fresh += insert(Array(keys[start..<end]), into: set, startMillis: 1_774_137_600_000 + Int64(start) * 1000)
        }
        return fresh
    }

    @Test func pastItsBudgetTheSetSpillsOldHoursToDiskAndStillKnowsEveryKey() {
        // 64 KB for 300 000 keys over 83 hours (2.4 MB of tables in memory without the budget)
        let set = RoutineKeySet(memoryBudget: 64 << 10)
        let keys = Self.keys(0..<300_000)
        #expect(Self.insertInBatches(keys, into: set).allSatisfy { $0 })
        #expect(set.windowsSpilled > 50)
        #expect(set.bytesInMemory < 600 << 10, "\(set.bytesInMemory) bytes in memory")
        // an overlapping export: every hour is read back from disk, every key is a repeat
        #expect(Self.insertInBatches(keys, into: set).allSatisfy { !$0 })
        // and a new key in an hour that was on disk is new
        #expect(Self.insert([Self.keys(900_000..<900_001)[0]], into: set, startMillis: 1_774_137_600_000) == [true])
    }

    /// A stream's next hour starts with room for as many keys as its last one held (no table
    /// grown, and so copied, again and again); another stream's first hour starts small.
    @Test func aStreamsNextHourStartsTheSizeItsLastHourEnded() {
        let set = RoutineKeySet()
        let hour: Int64 = 3_600_000
        let start: Int64 = 1_774_137_600_000  // on the hour
        let busy = Self.keys(0..<3_000).enumerated().map { RoutineEntry(key: $1, millis: start + Int64($0), name: 0) }
        var fresh = [Bool](repeating: false, count: busy.count)
        [UInt64(7)].withUnsafeBufferPointer { s in
            busy.withUnsafeBufferPointer { l in fresh.withUnsafeMutableBufferPointer { set.insert(l, streams: s, fresh: $0) } }
        }
        let afterFirstHour = set.bytesInMemory
        #expect(Self.insert(Self.keys(5_000..<5_001), into: set, startMillis: start + hour, stream: 7) == [true])
        #expect(set.bytesInMemory - afterFirstHour == KeySet.capacity(forKeys: 3_000) * 8)
        let beforeOther = set.bytesInMemory
        #expect(Self.insert(Self.keys(6_000..<6_001), into: set, startMillis: start + hour, stream: 8) == [true])
        #expect(set.bytesInMemory - beforeOther == 64 * 8)
    }

    @Test(arguments: [0, 1, 47, 48, 49, 3_000, 100_000])
    func aSetSizedForItsKeysNeverGrows(keys: Int) {
        let capacity = KeySet.capacity(forKeys: keys)
        var set = KeySet(capacity: capacity)
        for k in Self.keys(0..<keys) { _ = set.insert(k) }
        #expect(set.byteCount == capacity * 8)
        // and it is the smallest that does not
        if capacity > 64 {
            var half = KeySet(capacity: capacity / 2)
            for k in Self.keys(0..<keys) { _ = half.insert(k) }
            #expect(half.byteCount > capacity / 2 * 8)
        }
    }

    @Test func windowsArePerStream() {
        let set = RoutineKeySet()
        #expect(Self.insert([42], into: set, stream: 1) == [true])
        #expect(Self.insert([42], into: set, stream: 1) == [false])
        // the same key in another stream's window (a collision: the stream is part of the key's input)
        #expect(Self.insert([42], into: set, stream: 2) == [true])
    }

    @Test func repeatsWithinOneBatchAndAcrossBatchesAreNotNew() {
        let set = RoutineKeySet()
        let first = Self.insert([5, 7, 5, 0, 0, -1], into: set, startMillis: 0)
        #expect(first == [true, true, false, true, false, true])  // 0 is a key like any other
        // the same times again: the same hourly tables
        #expect(Self.insert([5, 7, 8], into: set, startMillis: 0) == [false, false, true])
    }

    @Test func aKeyIsOnlyARepeatWithinItsOwnHour() {
        let set = RoutineKeySet()
        #expect(Self.insert([42], into: set, startMillis: 10_000) == [true])
        #expect(Self.insert([42], into: set, startMillis: 20_000) == [false])
        // an equal key an hour later is another event (its time is part of the key's input, so this is a collision)
        #expect(Self.insert([42], into: set, startMillis: 10_000 + RoutineKeySet.windowMillis) == [true])
        // negative times (before 1970, refused upstream) still fall in their own hour
        #expect(RoutineKeySet.window(of: -1) == -1 && RoutineKeySet.window(of: 0) == 0)
    }

    /// With the default budget, and with one so small that hours go to disk and come back while both insert.
    @Test(arguments: [32 << 20, 16 << 10])
    func twoThreadsInsertingOverlappingKeysSeeEachKeyNewExactlyOnce(budget: Int) {
        let set = RoutineKeySet(memoryBudget: budget)
        // 200 000 lines each, a second apart (so about 56 hourly tables), half of them shared,
        // in batches, as two readers of overlapping exports would
        let a = 0..<200_000, b = 100_000..<300_000
        let results = [ResultBox(), ResultBox()]
        let group = DispatchGroup()
        for (n, range) in [a, b].enumerated() {
            group.enter()
            Thread {
                let keys = Self.keys(range)
                var fresh: [Bool] = []
                for start in stride(from: 0, to: keys.count, by: 5_000) {
                    let end = min(start + 5_000, keys.count)
                    let firstIndex = Int64(range.lowerBound + start)
                    fresh += Self.insert(Array(keys[start..<end]), into: set, startMillis: 1_774_137_600_000 + firstIndex * 1000)
                }
                results[n].value = fresh
                group.leave()
            }.start()
        }
        group.wait()
        let newA = results[0].value.filter { $0 }.count, newB = results[1].value.filter { $0 }.count
        #expect(newA + newB == 300_000)
        #expect(newA >= 100_000 && newB >= 100_000)  // the keys only one of them has
        // every shared key was new for exactly one of the two
        let newForBothOrNeither = (0..<100_000).filter { results[0].value[100_000 + $0] == results[1].value[$0] }
        #expect(newForBothOrNeither.isEmpty)
    }

    final class ResultBox: @unchecked Sendable { var value: [Bool] = [] }
}
