import Foundation
import Replay

/// How the classifier decides between rules that fire, loaded from `Rules/Bundled/ranking.json`.
///
/// - The **cause** is that of the firing rule whose cause comes first in `causeDepth`
///   (the deepest root cause: a pool that ran dry explains the panic that unwrapped its
///   timeout, an OOM explains the health checks that failed while memory thrashed), then
///   the highest `confidence`, then the rule met first in the files. Rules below
///   `minimumConfidence` never decide. Nothing firing means `unknown`.
/// - The **mechanism** is that of the firing rule (any rule, winning or not) whose
///   mechanism comes first in `mechanismPrecedence`: what ECS itself reports (an OOM
///   kill, a health-check stop) beats what the program said about itself (a panic),
///   which beats what an exit code suggests. With no such rule, an exit code in
///   `signalExitCodes` means `signal`, anything else `exit`.
public struct RuleRanking: Decodable, Sendable, Equatable {
    public var description: String?
    /// Causes from deepest to shallowest.
    public var causeDepth: [Cause]
    /// Mechanisms from most to least authoritative.
    public var mechanismPrecedence: [Mechanism]
    /// Rules firing with a lower confidence are recorded but never decide.
    public var minimumConfidence: Double
    /// Exit codes that mean "ended by a signal" when no rule names the mechanism (128 + signal number).
    public var signalExitCodes: Set<Int>
    /// At most this many evidence lines per verdict.
    public var evidenceLimit: Int

    static let keys: Set<String> = ["description", "causeDepth", "mechanismPrecedence", "minimumConfidence",
                                    "signalExitCodes", "evidenceLimit"]

    func depth(of cause: Cause) -> Int { causeDepth.firstIndex(of: cause) ?? causeDepth.count }
    func precedence(of mechanism: Mechanism) -> Int {
        mechanismPrecedence.firstIndex(of: mechanism) ?? mechanismPrecedence.count
    }

    /// The mechanism an exit code alone suggests.
    public func fallbackMechanism(exitCode: Int?) -> Mechanism {
        guard let exitCode else { return .exit }
        return signalExitCodes.contains(exitCode) ? .signal : .exit
    }

    /// Parses and checks a ranking file (unknown keys, causes and mechanisms are errors).
    static func parse(_ data: Data, source: String) throws -> RuleRanking {
        let text = String(decoding: data, as: UTF8.self)
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw RuleLoadError(file: source, line: RuleFileParser.errorLine(error, in: text), message: "not valid JSON: \(RuleFileParser.describe(error))")
        }
        guard let dict = object as? [String: Any] else {
            throw RuleLoadError(file: source, line: 1, message: "expected a JSON object")
        }
        for key in dict.keys.sorted() where !keys.contains(key) {
            throw RuleLoadError(file: source, line: RuleFileParser.lineOf("\"\(key)\"", in: text), field: key,
                                message: "unknown key (expected one of \(keys.sorted().joined(separator: ", ")))")
        }
        do {
            let ranking = try JSONDecoder().decode(RuleRanking.self, from: data)
            guard Set(ranking.causeDepth) == Set(Cause.allCases).subtracting([.unknown]) else {
                throw RuleLoadError(file: source, field: "causeDepth", message: "must list every cause but unknown exactly once")
            }
            guard Set(ranking.mechanismPrecedence) == Set(Mechanism.allCases) else {
                throw RuleLoadError(file: source, field: "mechanismPrecedence", message: "must list every mechanism exactly once")
            }
            return ranking
        } catch let error as DecodingError {
            let (field, message) = RuleFileParser.describe(error)
            throw RuleLoadError(file: source, field: field, message: message)
        }
    }
}
