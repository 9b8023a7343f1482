import Foundation
import Testing
@testable import Replay

/// `fields_json` of a gauge is byte for byte what `JSONEncoder` with sorted keys writes.
@Suite struct GaugeJSONTests {
    @Test func wholeAndFractionalNumbersAreWrittenAsJSONEncoderWritesThem() throws {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 2048, 172, 1e14, 999_999_999_999_999, 1e15, 1e16, 9_007_199_254_740_992,
                                12_345_678_901_234_567, 1e-7, 123.456, -3.25, 1e300]
        var x = 1.0
        while x < 1e18 { values += [x.rounded(), -x.rounded(), x + 0.5]; x *= 1.9 }
        for value in values {
            let fields = ["rss_mb": value, "limit_mb": 2048]
            let expected = String(decoding: try TypedRows.encoder.encode(fields), as: UTF8.self)
            #expect(try TypedRows.gaugeJSON(fields) == expected, "\(value)")
        }
    }
}
