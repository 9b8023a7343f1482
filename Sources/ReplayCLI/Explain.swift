import Analytics
import ArgumentParser
import Replay

/// `replay explain CRASH_ID`: why a crash got its cause, as the last analysis stored it.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show why a crash got its cause: the rule that fired, the evidence, what was ruled out.",
        discussion: "Prints what the last `replay analyze` or `replay report` stored; it does not recompute.")
    @Argument(help: "A crash id from the report or JSON, e.g. C3.") var crashId: String
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let db: ReplayDatabase
        do { db = try ReplayDatabase(path: database.db) } catch { throw CommandFailure("\(error)") }
        guard let (crash, a, analysedAt) = try IncidentAnalysis.storedVerdict(crashId, in: db) else {
            let known = (try? IncidentAnalysis.storedCrashIds(in: db)) ?? []
            throw CommandFailure("no crash \(crashId) in the last analysis"
                + (known.isEmpty ? " (run `replay analyze` first)" : " (known: \(known.joined(separator: ", ")))"))
        }
        let r = Redactor.standard
        print("\(crash.id): task \(crash.task) stopped at \(crash.at.iso8601)" + (crash.exitCode.map { ", exit code \($0)" } ?? ""))
        if let reason = crash.stoppedReason { print("  ECS: \(r.redact(reason))") }
        print("cause: \(a.cause.rawValue) (mechanism \(a.mechanism.rawValue), confidence \(String(format: "%.2f", a.confidence)))")
        print("rule: \(a.ruleId ?? "none fired")")
        print("evidence:")
        if a.evidence.isEmpty { print("  (none)") }
        for e in a.evidence {
            print("  \(e.at.iso8601) \(e.logGroup ?? "-") \(e.logStream ?? "-")")
            print("    \(r.redact(e.text))")
        }
        print("ruled out:")
        if a.ruledOut.isEmpty { print("  (none)") }
        for x in a.ruledOut { print("  \(x.ruleId): \(x.reason)") }
        print("(stored by the analysis of \(analysedAt))")
    }
}
