import Testing
@testable import Replay

/// `RoutineTemplate`: the last routine message's bytes with its changing values cut out. A
/// message fits it only where `classify`'s walk would read it as it read that one.
@Suite struct RoutineTemplateTests {
    static let request = #"{"timestamp":"2026-03-22T00:00:02.491306Z","level":"INFO","fields":{"message":"request completed","method":"GET","path":"/api/v1/markets","status":200,"latency_ms":32},"target":"merxex::http"}"#

    /// Classifies `first` with a new memo, then tells whether `second` fits the template it left
    /// and checks that the memo's reading of `second` is the full reading's.
    static func fits(_ second: String, after first: String = request) -> Bool {
        let keys = RoutineLine.Keys()
        let at = Timestamp(millis: 1_774_137_602_491)
        Array(first.utf8).withUnsafeBufferPointer { bytes in
            #expect(RoutineLine.classify(JSONScanner(bytes), objectAt: 0, keys: keys) == .routine, "\(first)")
        }
        return Array(second.utf8).withUnsafeBufferPointer { bytes in
            let fits = keys.template.matches(JSONScanner(bytes), objectAt: 0)
            let withMemo = MessageReader.read(bytes, at: at, routineKeys: keys)
            #expect(FastPathDifferentialTests.describe(withMemo) == FastPathDifferentialTests.describe(MessageReader.readInFull(bytes, at: at)),
                    "\(second)")
            return fits
        }
    }

    @Test func aLineWithOtherValuesInTheSamePlacesFitsTheTemplate() {
        #expect(Self.fits(Self.request))
        let other = Self.request.replacingOccurrences(of: "2026-03-22T00:00:02.491306Z", with: "2026-03-22T00:00:03.1Z")
            .replacingOccurrences(of: "/api/v1/markets", with: "/api/v1/orderbook/BTC-USD").replacingOccurrences(of: "\"GET\"", with: "\"POST\"")
            .replacingOccurrences(of: "200", with: "503").replacingOccurrences(of: ":32}", with: ":-1.5e3}")
        #expect(Self.fits(other))
        // A value's escapes are skipped as the walk skips them.
        #expect(Self.fits(Self.request.replacingOccurrences(of: "/api/v1/markets", with: #"/a\"b\\c"#)))
    }

    @Test func aLineThatDiffersOutsideItsValuesDoesNotFit() {
        for changed in [
            Self.request.replacingOccurrences(of: "INFO", with: "WARN"),  // the level is compared, not cut
            Self.request.replacingOccurrences(of: "INFO", with: "DEBUG"),  // routine too, but other bytes
            Self.request.replacingOccurrences(of: "\"method\"", with: "\"idle\""),  // a gauge key
            Self.request.replacingOccurrences(of: "\"status\":200", with: "\"status\":\"200\""),  // a string where a number was
            Self.request.replacingOccurrences(of: "\"GET\"", with: "17"),  // a number where a string was
            Self.request.replacingOccurrences(of: "\"GET\"", with: "{\"a\":1}"),  // an object where a string was
            Self.request.replacingOccurrences(of: ",\"target\"", with: ", \"target\""),  // spacing
            Self.request + " x",  // something after the object
            String(Self.request.dropLast()),  // the object cut short
        ] {
            #expect(!Self.fits(changed), "\(changed)")
        }
        #expect(!Self.fits(Self.request.replacingOccurrences(of: "\"/api/v1/markets\"", with: "\"/api\u{1}\"")))  // a control byte ends no string
    }

    /// A walk that ends in another verdict notes its values too; they must not become the
    /// template's cuts. (Found by the seeded differential test: the level of the line after
    /// such a walk fell inside a cut the walk had noted, and was taken for routine.)
    @Test func aWalkThatIsNotRoutineLeavesTheTemplateAsItWas() {
        let routine = #"{"timestamp":1E+1,"severity":"trace","message":false,"status":"x","fields":"merxex::http","target":30.5}"#
        let noLevel = #"{"timestamp":1E+1,"sevbrity":"trace","message":false,"status":"x","fields":"merxex::http","target":30.5}"#
        let otherLevel = #"{"timestamp":1E+1,"severity":"khace","message":false,"status":"x","fields":"meoxex::http","target":30.5}"#
        RoutineLineTests.read([routine, noLevel, otherLevel, routine], expected: [true, false, false, true])
    }

    @Test func withoutAMemoNothingIsKeptAndNothingFits() {
        Array(Self.request.utf8).withUnsafeBufferPointer { bytes in
            let scanner = JSONScanner(bytes)
            #expect(RoutineLine.classify(scanner, objectAt: 0) == .routine)
            #expect(!RoutineTemplate.none.matches(scanner, objectAt: 0))
        }
    }
}
