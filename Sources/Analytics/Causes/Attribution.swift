import Replay

/// A crash's verdict and its reasons, stored so `replay explain` can show it without recomputing.
public struct Attribution: Codable, Sendable, Equatable {
    public var cause: Cause
    public var mechanism: Mechanism
    /// 0...1: how sure the rule that fired is.
    public var confidence: Double
    /// The id of the rule that decided the cause, nil when nothing fired (`unknown`).
    public var ruleId: String?
    /// Up to 5 lines that support the verdict, redacted.
    public var evidence: [EvidenceLine]
    /// Rules that were considered and did not decide, each with why.
    public var ruledOut: [RuledOutRule]
    /// The id of the rule whose mechanism was used, nil when the exit code alone decided it
    /// (see `RuleRanking`: 128+signal codes mean `signal`, others `exit`).
    public var mechanismRuleId: String?

    public init(cause: Cause, mechanism: Mechanism, confidence: Double, ruleId: String?,
                evidence: [EvidenceLine], ruledOut: [RuledOutRule], mechanismRuleId: String? = nil) {
        self.cause = cause; self.mechanism = mechanism; self.confidence = confidence; self.ruleId = ruleId
        self.evidence = evidence; self.ruledOut = ruledOut; self.mechanismRuleId = mechanismRuleId
    }
}

/// A rule that did not decide a verdict, and why (e.g. "no line matched", "outranked by oom.ecs-reason").
public struct RuledOutRule: Codable, Sendable, Equatable {
    public var ruleId: String
    public var reason: String
    public init(ruleId: String, reason: String) { self.ruleId = ruleId; self.reason = reason }
}
