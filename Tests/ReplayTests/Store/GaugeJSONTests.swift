import Foundation
import Testing
@testable import Replay

/// `fields_json` of a gauge is byte for byte what `JSONEncoder` with sorted keys writes.
@Suite struct GaugeJSONTests {
    @Test func wholeAndFractionalNumbersAreWrittenAsJSONEncoderWritesThem() throws {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 2048, 172, 1e14, 999_999_999_999_999, 1e15, 1e16, 9_007_199_254_740_992,
                                12_345_678_901_234_568, 1e-7, 123.456, -3.25, 1e300]
        var x = 1.0
        while x < 1e18 { values += [x.rounded(), -x.rounded(), x + 0.5]; x *= 1.9 }
        for value in values {
            let fields = ["rss_mb": value, "limit_mb": 2048]
            let expected = String(decoding: try TypedRows.encoder.encode(fields), as: UTF8.self)
            #expect(try TypedRows.gaugeJSON(fields) == expected, "\(value)")
        }
    }
    @Test func keysInAnyOrderComeOutSortedAsJSONEncoderSortsThem() throws {
        let pools: [[String: Double]] = [["waiting": 12, "idle": 0, "size": 20], ["size": 5, "waiting": 0.5, "idle": -3],
                                         ["rss_mb": 1900.25, "limit_mb": 2048, "heap_mb": 1500], ["idle": 1]]
        for fields in pools {
            let expected = String(decoding: try TypedRows.encoder.encode(fields), as: UTF8.self)
            #expect(try TypedRows.gaugeJSON(fields) == expected)
        }
        // Keys that are not plain lowercase names go through JSONEncoder itself.
        let odd: [String: Double] = ["Idle": 1, "w\"aiting": 2]
        #expect(try TypedRows.gaugeJSON(odd) == String(decoding: try TypedRows.encoder.encode(odd), as: UTF8.self))
    }
}
