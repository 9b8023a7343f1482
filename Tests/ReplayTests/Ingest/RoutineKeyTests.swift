import Foundation
import Testing
@testable import Replay

/// A routine line's in-run key tells lines apart as `StableHash.eventKey` does.
@Suite struct RoutineKeyTests {
    static func key(_ stream: String?, _ millis: Int64, _ message: [UInt8]) -> Int64 {
        message.withUnsafeBufferPointer { RoutineKey.of(stream: StableHash(stream: stream), millis: millis, message: $0) }
    }

    @Test func theSameLineHasTheSameKeyWhereverItsBytesLie() {
        let message = Array(#"{"level":"INFO","fields":{"message":"request completed","status":200}}"#.utf8)
        let copy = [UInt8](repeating: 0x20, count: 3) + message  // the same bytes at another alignment
        let shifted = copy.withUnsafeBufferPointer { whole in
            RoutineKey.of(stream: StableHash(stream: "ecs/app/1"), millis: 5, message: UnsafeBufferPointer(rebasing: whole[3...]))
        }
        #expect(Self.key("ecs/app/1", 5, message) == shifted)
    }

    @Test func everyChangeOfOneByteOrOfTheStreamTimeOrLengthChangesTheKey() {
        var rng = SeededGenerator(seed: 31)
        for length in 0...140 {
            let message = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
            let key = Self.key("ecs/app/1", 1_774_137_602_491, message)
            var seen: Set<Int64> = [key]
            for position in 0..<length {
                var changed = message
                changed[position] ^= 1 << UInt8(position % 7)
                #expect(seen.insert(Self.key("ecs/app/1", 1_774_137_602_491, changed)).inserted, "length \(length), byte \(position)")
            }
            #expect(seen.insert(Self.key("ecs/app/2", 1_774_137_602_491, message)).inserted, "stream, length \(length)")
            #expect(seen.insert(Self.key(nil, 1_774_137_602_491, message)).inserted, "no stream, length \(length)")
            #expect(seen.insert(Self.key("ecs/app/1", 1_774_137_602_492, message)).inserted, "time, length \(length)")
            #expect(seen.insert(Self.key("ecs/app/1", 1_774_137_602_491, message + [0])).inserted, "a zero byte more, length \(length)")
        }
    }

    @Test func aMillionDistinctRequestLinesHaveAMillionKeys() {
        var keys = Set<Int64>()
        keys.reserveCapacity(1_000_000)
        for n in 0..<1_000_000 {
            // Lines that differ in a few digits, as routine request lines do.
            let message = Array(#"{"level":"INFO","fields":{"message":"request completed","path":"/api/v1/orders/\#(n % 1000)","latency_ms":\#(n / 1000)}}"#.utf8)
            keys.insert(Self.key("ecs/app/\(n % 7)", 1_774_137_602_491 + Int64(n % 3), message))
        }
        #expect(keys.count == 1_000_000)
    }
}
