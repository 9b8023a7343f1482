import Foundation
import Testing
@testable import Analytics
import Replay

/// A rule file proves itself when it loads; a bad one stops the load naming file, line and rule.
struct RuleLoadingTests {
    /// A good one-rule file; `mutate` edits the rule object before it is written.
    static func ruleFile(_ rule: String) -> Data {
        Data("""
        {
          "family": "custom",
          "rules": [
            \(rule)
          ]
        }
        """.utf8)
    }

    static let goodRule = """
    {
          "id": "custom.order-book-corrupt",
          "cause": "panic",
          "mechanism": "panic",
          "confidence": 0.92,
          "when": {"lines": [{"regex": "order book corrupt", "withinSeconds": 60}]},
          "samples": [{"exitCode": 1, "lines": ["FATAL order book corrupt at seq 1183"]}],
          "counterSamples": [{"exitCode": 1, "lines": ["order book rebuilt"]}]
        }
    """

    func loadError(_ data: Data, source: String = "custom.json") -> RuleLoadError? {
        do {
            _ = try RuleSet.bundled().merging(data: data, source: source)
            return nil
        } catch let error as RuleLoadError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test func aGoodUserRuleFileLoadsAndAddsItsRule() throws {
        let bundled = try RuleSet.bundled()
        let merged = try bundled.merging(data: Self.ruleFile(Self.goodRule), source: "custom.json")
        #expect(merged.rules.count == bundled.rules.count + 1)
        let rule = try #require(merged["custom.order-book-corrupt"])
        #expect(rule.source == "custom.json")
        #expect(rule.line == 5)
        let verdict = CauseClassifier(rules: merged).classify(Crash.signals(exitCode: 1, lines: Crash.plain(["FATAL order book corrupt at seq 1183"])))
        #expect(verdict.cause == .panic)
        #expect(verdict.ruleId == "custom.order-book-corrupt")
    }

    @Test func badJsonFailsNamingTheFile() throws {
        let error = try #require(loadError(Data("{\n  \"rules\": [\n    {\"id\": \"x\",,}\n  ]\n}".utf8)))
        #expect(error.file == "custom.json")
        #expect(error.message.hasPrefix("not valid JSON"))
        #expect(error.description.hasPrefix("custom.json:"))
        #expect(error.line == 3, "\(error)")
    }

    @Test func anUnknownCauseFailsNamingFileLineAndRule() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "\"cause\": \"panic\"", with: "\"cause\": \"memory\"")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.ruleId == "custom.order-book-corrupt")
        #expect(error.field == "cause")
        #expect(error.line == 6)
        #expect(error.description == "custom.json:6: rule custom.order-book-corrupt: cause: unknown cause \"memory\" (expected one of oom, panic, connection_exhaustion, health_check)")
    }

    @Test func anUnknownKeyFailsNamingTheField() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "\"withinSeconds\": 60", with: "\"withinSecs\": 60")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.field == "when.lines[0].withinSecs")
        #expect(error.message.hasPrefix("unknown key"))
        #expect(error.line == 9)
    }

    @Test func aSampleThatDoesNotFireFailsTheLoad() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "FATAL order book corrupt at seq 1183", with: "FATAL order book fine")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.ruleId == "custom.order-book-corrupt")
        #expect(error.field == "samples[0]")
        #expect(error.message.hasPrefix("does not fire: did not match: no line matches /order book corrupt/"))
        #expect(error.description.hasPrefix("custom.json:10: rule custom.order-book-corrupt: samples[0]: does not fire"))
    }

    @Test func aCounterSampleThatFiresFailsTheLoad() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "order book rebuilt", with: "order book corrupt again")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.field == "counterSamples[0]")
        #expect(error.message == "fires, but must not")
    }

    @Test func aRuleWithoutSamplesFailsTheLoad() throws {
        let bad = Self.goodRule.replacingOccurrences(of: #""samples": [{"exitCode": 1, "lines": ["FATAL order book corrupt at seq 1183"]}],"#, with: "")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.field == "samples")
    }

    @Test func anInvalidRegexFailsTheLoad() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "order book corrupt\"", with: "order (book corrupt\"")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.field == "when.lines[0].regex")
        #expect(error.message.hasPrefix("not a valid regular expression"))
    }

    @Test func aWrongTypeFailsNamingThePath() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "\"confidence\": 0.92", with: "\"confidence\": \"high\"")
        let error = try #require(loadError(Self.ruleFile(bad)))
        #expect(error.field == "confidence")
        #expect(error.message == "expected a number")
    }

    @Test func aConfidenceOutsideZeroToOneFailsTheLoad() throws {
        let bad = Self.goodRule.replacingOccurrences(of: "\"confidence\": 0.92", with: "\"confidence\": 1.5")
        #expect(loadError(Self.ruleFile(bad))?.message == "1.5 is not between 0 and 1")
    }

    @Test func aUserRuleOverridesABundledRuleById() throws {
        // The user's OOM rule only trusts ECS's reason with exit 137.
        let override = """
        {
              "id": "oom.ecs-reason",
              "cause": "oom",
              "mechanism": "oom_kill",
              "confidence": 0.6,
              "when": {"exitCodes": [137], "containerReason": "OutOfMemoryError"},
              "samples": [{"exitCode": 137, "containerReason": "OutOfMemoryError: Container killed due to memory usage"}],
              "counterSamples": [{"exitCode": 0, "containerReason": "OutOfMemoryError: Container killed due to memory usage"}]
            }
        """
        let bundled = try RuleSet.bundled()
        let merged = try bundled.merging(data: Self.ruleFile(override), source: "/etc/replay/rules.json")
        #expect(merged.rules.count == bundled.rules.count)
        #expect(merged.rules.firstIndex { $0.id == "oom.ecs-reason" } == bundled.rules.firstIndex { $0.id == "oom.ecs-reason" })
        #expect(merged["oom.ecs-reason"]?.source == "/etc/replay/rules.json")
        let classifier = CauseClassifier(rules: merged)
        let exitZero = classifier.classify(Crash.signals(exitCode: 0, containerReason: "OutOfMemoryError: Container killed due to memory usage"))
        #expect(exitZero.cause == .unknown)
        let exit137 = classifier.classify(Crash.signals(exitCode: 137, containerReason: "OutOfMemoryError: Container killed due to memory usage"))
        #expect(exit137.cause == .oom)
        #expect(exit137.confidence == 0.6)
    }

    @Test func aUserFileCanDisableABundledRule() throws {
        let merged = try RuleSet.bundled().merging(data: Self.ruleFile(#"{"id": "panic.rust-exit-101", "disabled": true}"#), source: "mine.json")
        #expect(merged["panic.rust-exit-101"] == nil)
        #expect(CauseClassifier(rules: merged).classify(Crash.signals(exitCode: 101)).cause == .unknown)
        let missing = loadError(Self.ruleFile(#"{"id": "panic.nope", "disabled": true}"#))
        #expect(missing?.message == "disables a rule that does not exist")
    }

    @Test func duplicateIdsInOneFileFailTheLoad() throws {
        let error = try #require(loadError(Self.ruleFile(Self.goodRule + ",\n" + Self.goodRule)))
        #expect(error.message == "duplicate rule id")
    }

    @Test func ruleFilesLoadFromDiskAndAMissingFileIsNamed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replay-rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("custom.json")
        try Self.ruleFile(Self.goodRule).write(to: file)
        let set = try RuleSet.load(files: [file])
        #expect(set.rules.map(\.id) == ["custom.order-book-corrupt"])
        #expect(set.ranking == (try RuleSet.bundled().ranking))
        #expect(try RuleSet.bundled().merging(file: file)["custom.order-book-corrupt"] != nil)
        do {
            _ = try RuleSet.bundled().merging(file: directory.appendingPathComponent("absent.json"))
            Issue.record("a missing file loaded")
        } catch let error as RuleLoadError {
            #expect(error.file.hasSuffix("absent.json"))
            #expect(error.message.hasPrefix("cannot read the file"))
        }
    }
}
