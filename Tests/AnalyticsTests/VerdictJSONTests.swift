import Foundation
import Testing
@testable import Analytics
import Replay

/// Verdicts are stored as exactly the bytes `JSONEncoder` (sorted keys) writes for them.
struct VerdictJSONTests {
    static func viaJSONEncoder(_ attribution: Attribution) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(attribution), as: UTF8.self)
    }

    /// Every ASCII character, controls included, and text beyond ASCII.
    static let awkwardTexts: [String] = [
        "", String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) }), "postgres://app:[REDACTED:url-password]@db/x",
        "quote \" backslash \\ slash / tab \t nl \n cr \r", "é · ≥ … \u{2028} \u{FEFF} 🙂 \u{7F} \u{80}", "/", "\\/",
    ]

    @Test func verdictsOfTheBundledRulesAreTheBytesJSONEncoderWrites() throws {
        let verdicts = bundledClassifier.classify(BatchClassificationTests.crashes)
        #expect(verdicts.count >= 5)
        for verdict in verdicts {
            #expect(try VerdictJSON.encode(verdict) == Self.viaJSONEncoder(verdict))
        }
    }

    @Test func awkwardTextsNumbersAndAbsentFieldsAreWrittenAsJSONEncoderWritesThem() throws {
        let confidences: [Double] = [0, 1, 0.5, 0.97, 0.55, 1e-7, 0.1 + 0.2, 123_456_789.125, 1e16, -0.0, 5e-324]
        for (i, text) in Self.awkwardTexts.enumerated() {
            for confidence in confidences {
                let evidence = [EvidenceLine(at: Timestamp(millis: 1_774_183_984_123), logGroup: i % 2 == 0 ? text : nil,
                                             logStream: i % 3 == 0 ? nil : text, text: text)]
                let attribution = Attribution(
                    cause: Cause.allCases[i % Cause.allCases.count], mechanism: Mechanism.allCases[i % Mechanism.allCases.count],
                    confidence: confidence, ruleId: i % 2 == 0 ? nil : "rule.\(text)", evidence: i == 1 ? [] : evidence + evidence,
                    ruledOut: i == 2 ? [] : [RuledOutRule(ruleId: text, reason: "did not match: \(text)"), RuledOutRule(ruleId: "b", reason: text)],
                    mechanismRuleId: i % 3 == 0 ? nil : text)
                #expect(try VerdictJSON.encode(attribution) == Self.viaJSONEncoder(attribution), "\(text.debugDescription) \(confidence)")
            }
        }
    }

    @Test func aConfidenceThatIsNotANumberIsRefusedAsBefore() {
        let attribution = Attribution(cause: .oom, mechanism: .oomKill, confidence: .nan, ruleId: nil, evidence: [], ruledOut: [])
        #expect(throws: (any Error).self) { try VerdictJSON.encode(attribution) }
    }
}
