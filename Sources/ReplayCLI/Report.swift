import ArgumentParser
import Foundation
import Replay

/// `replay report`: the postmortem from what is already in the database.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the postmortem from the database, e.g. --last 24h for a nightly run.",
        discussion: "Nightly cron: replay ingest /exports/today && replay report --last 24h --fail-on exposure\n\nThe report says what is new since the previous one (new causes, exposures still open).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var window: WindowOptions
    @Option(name: .long, help: ArgumentHelp("Only the last DURATION before the newest event, e.g. 90m, 24h, 7d.", valueName: "duration"))
    var last: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let last {
            guard DurationText.seconds(last) != nil else {
                throw ValidationError("--last '\(last)' is not a duration such as 90m, 24h or 7d.")
            }
            if window.from != nil { throw ValidationError("--last and --from cannot be used together.") }
        }
    }

    func run() throws {
        let db: ReplayDatabase
        do { db = try ReplayDatabase(path: database.db) } catch { throw CommandFailure("\(error)") }
        var from = window.start
        let to = window.end
        if let last, let seconds = DurationText.seconds(last) {
            guard let end = try to ?? TimelineSource.dataSpan(in: db).end else { throw CommandFailure("no events in \(database.db); run `replay ingest` first") }
            from = end.adding(seconds: -seconds)
        }
        try AnalysisRun.run(database: db, output: output, from: from, to: to, input: nil)
    }
}

/// `90m`, `24h`, `7d`, `45s`.
enum DurationText {
    static func seconds(_ text: String) -> Int64? {
        guard let unit = text.last, let n = Int64(text.dropLast()), n > 0 else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86400
        default: return nil
        }
    }
}
