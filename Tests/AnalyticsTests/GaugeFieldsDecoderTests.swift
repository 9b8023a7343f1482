import Foundation
import Testing
@testable import Analytics

/// Stored gauge fields read without `JSONDecoder` give exactly what `JSONDecoder` gives.
struct GaugeFieldsDecoderTests {
    static func viaJSONDecoder(_ json: String) -> [String: Double]? {
        try? JSONDecoder().decode([String: Double].self, from: Data(json.utf8))
    }

    @Test func theWritersShapeIsReadWithoutJSONDecoder() {
        let json = #"{"limit_mb":2048,"rss_mb":172}"#
        #expect(GaugeFieldsDecoder.decodeWholeNumbers(json) == ["limit_mb": 2048, "rss_mb": 172])
        #expect(GaugeFieldsDecoder.decode(json) == Self.viaJSONDecoder(json))
        let heap = #"{"heap_mb":900,"limit_mb":1024}"#
        #expect(GaugeFieldsDecoder.decodeWholeNumbers(heap) == ["heap_mb": 900, "limit_mb": 1024])
    }

    @Test func negativeZeroAndLongNumbersAreLeftToJSONDecoder() {
        for json in [#"{"waiting":-0}"#, #"{"idle":1234567890123456}"#, #"{"rss_mb":17.5}"#, #"{"rss_mb":1e3}"#] {
            #expect(GaugeFieldsDecoder.decodeWholeNumbers(json) == nil, "\(json)")
            let decoded = GaugeFieldsDecoder.decode(json)
            #expect(decoded == Self.viaJSONDecoder(json), "\(json)")
            #expect(decoded?.values.first?.sign == Self.viaJSONDecoder(json)?.values.first?.sign, "\(json)")
        }
    }

    @Test func anythingButAFlatObjectOfNumbersGoesTheLongWayAndAgrees() {
        let texts = [
            "{}", #"{"size":20,"idle":0,"waiting":-3}"#, #"{ "idle": 1 }"#, #"{"Idle":1}"#, #"{"i\u0064le":1}"#,
            #"{"idle":01}"#, #"{"idle":"1"}"#, #"{"idle":null}"#, #"{"idle":1,"idle":2}"#, #"{"idle":1,}"#,
            #"{"idle":}"#, #"{"":1}"#, "[1]", "", "{", #"{"idle":1"#, #"{"pool":{"idle":1}}"#, "not json",
        ]
        for json in texts {
            #expect(GaugeFieldsDecoder.decode(json) == Self.viaJSONDecoder(json), "\(json)")
        }
    }

    @Test func wholeNumbersUpToFifteenDigitsAgreeWithJSONDecoder() {
        // A fixed sequence (xorshift), so a failure names a value that fails again.
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        for _ in 0..<2000 {
            let digits = Int(next() % 15) + 1
            var value = Int64(next() % UInt64(pow(10.0, Double(digits))))
            if next() % 2 == 0, value != 0 { value = -value }
            let json = #"{"limit_mb":\#(value),"rss_mb":7}"#
            #expect(GaugeFieldsDecoder.decodeWholeNumbers(json) == Self.viaJSONDecoder(json), "\(json)")
        }
    }
}
