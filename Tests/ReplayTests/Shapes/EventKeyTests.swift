import Testing
@testable import Replay

/// Dedup keys are stored in users' databases (`event.content_key`) and compared across runs:
/// however the key is computed, its values must never change.
@Suite struct EventKeyTests {
    /// (stream, millis, message) and the key every earlier version stored for it.
    static let pinned: [(String?, Int64, String, Int64)] = [
        ("ecs/app/0017cdaaa49664afb4f65935c131bb41", 1_774_137_602_491,
         #"{"timestamp":"2026-03-22T00:00:02.491306Z","level":"INFO","fields":{"message":"request completed","method":"GET","path":"/api/v1/markets","status":200,"latency_ms":32},"target":"merxex::http"}"#, -5706028954183985544),
        (nil, 1_774_137_602_491, "plain", -4036273921383247477),
        ("s", 946_684_800_000, "", 6969454462130524276),
        ("ecs/app/4b1f", 1_774_184_000_123, "thread 'main' panicked at src/main.rs:1:1: café 日本", -6955818847504699284),
        ("1234567", 4_102_444_799_999, "12345678", -3509716475433549029),
        ("", 1_774_184_000_123, "123456789abcdef", -8500601799017496395),
    ]

    @Test func eventKeysKeepTheValuesEarlierVersionsStored() {
        for (stream, millis, message, expected) in Self.pinned {
            let key = Array(message.utf8).withUnsafeBufferPointer { StableHash.eventKey(stream: stream, millis: millis, message: $0) }
            #expect(key == expected, "\(stream ?? "nil") \(millis) \(message)")
        }
    }

    /// The key as `StableHash` defines it, one byte at a time: the stream (or a marker for none),
    /// the time, then the message, each string as its length, its 8-byte little-endian words and
    /// its last 0-7 bytes XOR 0xFF.
    static func definedKey(stream: String?, millis: Int64, message: [UInt8]) -> Int64 {
        var state: UInt64 = 0x243F_6A88_85A3_08D3
        func mix(_ value: UInt64) {
            state = (state ^ value) &* 0x9E37_79B9_7F4A_7C15
            state ^= state >> 29
        }
        func mix(_ bytes: [UInt8]) {
            mix(UInt64(bytes.count))
            var word: UInt64 = 0
            for (k, byte) in bytes.enumerated() {
                word |= UInt64(byte) << UInt64(8 * (k % 8))
                if k % 8 == 7 { mix(word); word = 0 }
            }
            mix(word ^ 0xFF)
        }
        if let stream { mix(Array(stream.utf8)) } else { mix(0xA5A5) }
        mix(UInt64(bitPattern: millis))
        mix(message)
        var h = state
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return Int64(bitPattern: h)
    }

    @Test func eventKeysFollowTheirDefinitionForEveryLength() {
        var rng = SeededGenerator(seed: 5)
        for length in 0...300 {
            let message = rng.bytes(length)
            let stream: String? = length % 7 == 0 ? nil : String(repeating: "s", count: length % 50)
            let millis = 1_774_184_000_000 + Int64(length)
            let key = message.withUnsafeBufferPointer { StableHash.eventKey(stream: stream, millis: millis, message: $0) }
            #expect(key == Self.definedKey(stream: stream, millis: millis, message: message), "length \(length)")
        }
    }
}
