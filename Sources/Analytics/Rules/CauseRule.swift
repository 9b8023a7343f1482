import Replay

/// One loaded, compiled and verified cause rule.
///
/// It fires on a crash when its `when` condition holds and none of its `unless`
/// conditions (counter-patterns) hold. What it then claims is its `cause`, its
/// `mechanism`, or both, with `confidence`; `RuleRanking` decides between rules.
public struct CauseRule: Sendable {
    public let id: String
    public let description: String?
    public let cause: Cause?
    public let mechanism: Mechanism?
    public let confidence: Double
    /// The file that defined it (a bundled file name or the user's path).
    public let source: String
    /// 1-based line of its `"id"` in `source`, when found.
    public let line: Int?
    /// Inputs it must fire on, and inputs it must not fire on (checked at load).
    public let samples: [SampleSpec]
    public let counterSamples: [SampleSpec]

    let when: Condition
    let unless: [Condition]

    /// How one rule fared on one crash.
    enum Outcome {
        /// Fired, with the evidence its conditions found.
        case fired([EvidenceLine])
        /// `when` did not hold: the first part that failed.
        case noMatch(String)
        /// `when` held but the `unless` block at this index did too.
        case countered(Int, [EvidenceLine])
    }

    func evaluate(_ s: PreparedSignals) -> Outcome {
        switch when.evaluate(s) {
        case .fails(let why): return .noMatch(why)
        case .holds(let evidence):
            for (i, counter) in unless.enumerated() {
                if case .holds(let counterEvidence) = counter.evaluate(s) { return .countered(i, counterEvidence) }
            }
            return .fired(evidence)
        }
    }

    /// Whether this rule alone fires on `signals` (ranking aside).
    public func fires(on signals: CrashSignals) -> Bool {
        if case .fired = evaluate(PreparedSignals(signals)) { return true }
        return false
    }

    /// Why it did not fire on `signals`, nil when it fires.
    public func whyNot(on signals: CrashSignals) -> String? {
        switch evaluate(PreparedSignals(signals)) {
        case .fired: return nil
        case .noMatch(let why): return "did not match: \(why)"
        case .countered(let i, let evidence):
            return "counter-pattern matched: unless[\(i)]" + (evidence.first.map { " (\($0.text.prefix(100)))" } ?? "")
        }
    }

    /// Every regex of its line patterns (for pre-check verification).
    var allLinePatterns: [Condition.LinePattern] {
        ([when] + unless).flatMap(\.lines)
    }

    /// `file.json:12` for messages.
    public var location: String { line.map { "\(source):\($0)" } ?? source }
}
