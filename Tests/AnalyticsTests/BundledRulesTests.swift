import Foundation
import Testing
@testable import Analytics
import Replay

/// The shipped rule files load, and every rule proves itself on its own samples.
struct BundledRulesTests {
    @Test func theBundledRulesLoadWithTheirRanking() throws {
        let set = try RuleSet.bundled()
        #expect(set.rules.count >= 20)
        #expect(set.ranking.causeDepth == [.connectionExhaustion, .oom, .panic, .healthCheck])
        #expect(set.ranking.mechanismPrecedence == [.oomKill, .healthCheckKill, .panic, .signal, .exit])
        #expect(set.ranking.evidenceLimit == 5)
        #expect(Set(set.rules.map(\.id)).count == set.rules.count)
    }

    @Test func everyRuleIdNamesItsFamilyFile() throws {
        for rule in try RuleSet.bundled().rules {
            let family = String(rule.id.split(separator: ".").first!)
            #expect(rule.source == "\(family).json", "\(rule.id) lives in \(rule.source)")
            #expect(rule.line != nil, "\(rule.id) has no line")
        }
    }

    @Test func everyBundledSampleFiresItsRuleAndNoCounterSampleDoes() throws {
        var checked = 0
        for rule in try RuleSet.bundled().rules {
            #expect(!rule.samples.isEmpty, "\(rule.id) has no samples")
            for (i, sample) in rule.samples.enumerated() {
                #expect(rule.whyNot(on: sample.signals()) == nil, "\(rule.id) samples[\(i)]: \(rule.whyNot(on: sample.signals()) ?? "")")
                checked += 1
            }
            for (i, sample) in rule.counterSamples.enumerated() {
                #expect(!rule.fires(on: sample.signals()), "\(rule.id) counterSamples[\(i)] fires")
                checked += 1
            }
        }
        #expect(checked >= 80)
    }

    @Test func everyCauseFamilyHasAFile() throws {
        let directory = try #require(RuleSet.bundledDirectory)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(names == ["connection_exhaustion.json", "health_check.json", "oom.json", "panic.json", "ranking.json"])
    }

    @Test func mostLinePatternsHaveALiteralPrecheck() throws {
        let patterns = try RuleSet.bundled().rules.flatMap(\.allLinePatterns)
        let without = patterns.filter { $0.regex.literals == nil }.map(\.regex.source)
        #expect(without.isEmpty, "no literal pre-check for: \(without)")
    }
}
