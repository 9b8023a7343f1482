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

    static func insert(_ keys: [Int64], into set: RoutineKeySet) -> [Bool] {
        var fresh = [Bool](repeating: false, count: keys.count)
        keys.withUnsafeBufferPointer { k in fresh.withUnsafeMutableBufferPointer { set.insert(k, fresh: $0) } }
        return fresh
    }

    @Test func repeatsWithinOneBatchAndAcrossBatchesAreNotNew() {
        let set = RoutineKeySet()
        let first = Self.insert([5, 7, 5, 0, 0, -1], into: set)
        #expect(first == [true, true, false, true, false, true])  // 0 is a key like any other
        #expect(Self.insert([7, 8, -1], into: set) == [false, true, false])
    }

    @Test func twoThreadsInsertingOverlappingKeysSeeEachKeyNewExactlyOnce() {
        let set = RoutineKeySet()
        // 200 000 keys each, half of them shared, in batches, as two readers of overlapping exports would
        let a = Self.keys(0..<200_000), b = Self.keys(100_000..<300_000)
        let results = [ResultBox(), ResultBox()]
        let group = DispatchGroup()
        for (n, keys) in [a, b].enumerated() {
            group.enter()
            Thread {
                var fresh: [Bool] = []
                for start in stride(from: 0, to: keys.count, by: 5_000) {
                    fresh += Self.insert(Array(keys[start..<min(start + 5_000, keys.count)]), into: set)
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
