import Replay

/// Decides a crash's cause and mechanism from its signals, keeping the reasons.
///
/// Every rule of the `RuleSet` is evaluated; the ranking (`RuleRanking`, from
/// `ranking.json`) then picks the cause — deepest cause first, then confidence — and,
/// separately, the mechanism — what ECS reports before what the program says before
/// what the exit code suggests. The verdict keeps the deciding rule, up to
/// `evidenceLimit` redacted evidence lines, and every other rule with why it did not
/// decide, so `replay explain` can print it without recomputing.
///
/// Pure and cheap: no I/O; regexes were compiled at load and run only on lines that
/// pass their literal pre-check.
public struct CauseClassifier: Sendable {
    public let rules: RuleSet
    public let redactor: Redactor

    public init(rules: RuleSet, redactor: Redactor = .standard) {
        self.rules = rules; self.redactor = redactor
    }

    public func classify(_ signals: CrashSignals) -> Attribution {
        var memo = RedactionMemo(redactor)
        return classify(signals, redacting: &memo)
    }

    /// Every crash's verdict, in the order given: the same as classifying each alone, with
    /// the texts that recur from crash to crash (rules' reasons) redacted once.
    public func classify(_ crashes: [CrashSignals]) -> [Attribution] {
        var memo = RedactionMemo(redactor)
        return crashes.map { classify($0, redacting: &memo) }
    }

    func classify(_ signals: CrashSignals, redacting memo: inout RedactionMemo) -> Attribution {
        let prepared = PreparedSignals(signals)
        let ranking = rules.ranking
        let outcomes = rules.rules.map { $0.evaluate(prepared) }

        struct Fired { let index: Int; let rule: CauseRule; let evidence: [EvidenceLine] }
        var fired: [Fired] = []
        for (i, outcome) in outcomes.enumerated() {
            if case .fired(let evidence) = outcome { fired.append(Fired(index: i, rule: rules.rules[i], evidence: evidence)) }
        }
        let decisive = fired.filter { $0.rule.confidence >= ranking.minimumConfidence }
        let causeCandidates = decisive.filter { $0.rule.cause != nil }.sorted { a, b in
            (ranking.depth(of: a.rule.cause!), -a.rule.confidence, a.index)
                < (ranking.depth(of: b.rule.cause!), -b.rule.confidence, b.index)
        }
        let mechanismCandidates = decisive.filter { $0.rule.mechanism != nil }.sorted { a, b in
            (ranking.precedence(of: a.rule.mechanism!), -a.rule.confidence, a.index)
                < (ranking.precedence(of: b.rule.mechanism!), -b.rule.confidence, b.index)
        }
        let winner = causeCandidates.first
        let mechanismRule = mechanismCandidates.first
        let mechanism = mechanismRule?.rule.mechanism ?? ranking.fallbackMechanism(exitCode: signals.exitCode)

        // Evidence: the deciding rule's, then the mechanism rule's; for `unknown`, what ECS said and the last loud lines.
        var evidence: [EvidenceLine] = []
        if let winner { evidence += winner.evidence }
        if let mechanismRule, mechanismRule.index != winner?.index { evidence += mechanismRule.evidence }
        if winner == nil { evidence += unknownEvidence(prepared) }
        evidence = Array(evidence.uniqued().prefix(ranking.evidenceLimit)).map {
            EvidenceLine(at: $0.at, logGroup: $0.logGroup, logStream: $0.logStream, text: memo.redact(Self.clip($0.text)))
        }

        var ruledOut: [RuledOutRule] = []
        for (i, outcome) in outcomes.enumerated() where i != winner?.index {
            let rule = rules.rules[i]
            var reason: String
            switch outcome {
            case .noMatch(let why):
                reason = "did not match: \(why)"
            case .countered(let k, let counterEvidence):
                reason = "counter-pattern matched: unless[\(k)]"
                if let first = counterEvidence.first { reason += " (\(Self.clip(first.text, to: 120)))" }
            case .fired:
                if rule.confidence < ranking.minimumConfidence {
                    reason = "fired, but its confidence \(rule.confidence) is below the minimum \(ranking.minimumConfidence)"
                } else if let cause = rule.cause, let winner {
                    let top = winner.rule.cause!
                    if top != cause {
                        reason = "outranked by \(winner.rule.id): \(top.rawValue) is a deeper cause than \(cause.rawValue)"
                    } else if winner.rule.confidence > rule.confidence {
                        reason = "outranked by \(winner.rule.id): same cause, higher confidence (\(winner.rule.confidence) > \(rule.confidence))"
                    } else {
                        reason = "outranked by \(winner.rule.id): same cause and confidence, listed first"
                    }
                } else {
                    reason = "states no cause"
                }
                if let m = rule.mechanism {
                    if mechanismRule?.index == i {
                        reason += "; its mechanism \(m.rawValue) was used"
                    } else if let used = mechanismRule {
                        reason += "; its mechanism \(m.rawValue) gave way to \(used.rule.mechanism!.rawValue) from \(used.rule.id)"
                    }
                }
            }
            ruledOut.append(RuledOutRule(ruleId: rule.id, reason: memo.redact(reason)))
        }

        return Attribution(cause: winner?.rule.cause ?? .unknown, mechanism: mechanism,
                           confidence: winner?.rule.confidence ?? 0, ruleId: winner?.rule.id,
                           evidence: evidence, ruledOut: ruledOut, mechanismRuleId: mechanismRule?.rule.id)
    }

    /// For a crash no rule explains: the exit code, ECS's reasons, and the last warning-or-worse
    /// (or level-less stderr) lines, so a reader has somewhere to start.
    func unknownEvidence(_ s: PreparedSignals) -> [EvidenceLine] {
        var evidence: [EvidenceLine] = []
        if let code = s.signals.exitCode { evidence.append(s.ecsEvidence("exit code \(code)")) }
        if let reason = s.signals.containerReason, !reason.isEmpty { evidence.append(s.ecsEvidence(reason)) }
        if let reason = s.signals.stoppedReason, !reason.isEmpty { evidence.append(s.ecsEvidence(reason)) }
        var loud: [EvidenceLine] = []
        for i in s.lines.indices.reversed() where loud.count < 2 {
            if let level = s.levels[i], level < 3 { continue }
            if s.lines[i].text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            loud.insert(s.evidence(s.lines[i]), at: 0)
        }
        return evidence + loud
    }

    /// Evidence text is a quote, not a dump: at most `limit` characters.
    static func clip(_ text: String, to limit: Int = 500) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}
