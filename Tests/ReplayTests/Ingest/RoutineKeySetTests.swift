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

    /// Inserts `keys` as routine lines one second apart from `startMillis` (so they span several hourly tables).
    static func insert(_ keys: [Int64], into set: RoutineKeySet, startMillis: Int64 = 1_774_137_600_000) -> [Bool] {
        let lines = keys.enumerated().map { RoutineEntry(key: $1, millis: startMillis + Int64($0) * 1000, name: 0) }
        var fresh = [Bool](repeating: false, count: keys.count)
        lines.withUnsafeBufferPointer { l in fresh.withUnsafeMutableBufferPointer { set.insert(l, fresh: $0) } }
        return fresh
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

    @Test func twoThreadsInsertingOverlappingKeysSeeEachKeyNewExactlyOnce() {
        let set = RoutineKeySet()
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
