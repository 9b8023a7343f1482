import ArgumentParser
import Foundation
import Replay

/// `--db PATH`: shared by every command that touches the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The SQLite database file.", valueName: "path"))
    var db: String = ReplayDatabase.defaultPath
}

/// The files and folders to read, and how to read them.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Export files or folders (walked recursively; hidden and .sqlite files skipped). Gzip is detected from the bytes.", valueName: "input"))
    var inputs: [String] = []

    @Option(name: .long, help: ArgumentHelp("Log group for `filter-log-events` documents, which do not name theirs (default: the folder's name).", valueName: "name"))
    var logGroup: String?

    @Option(name: .long, help: ArgumentHelp("Longest line or JSON record accepted, in bytes; longer ones are reported and skipped.", valueName: "bytes"))
    var maxLineBytes: Int = 1 << 20

    @Option(name: .long, help: ArgumentHelp("Most bytes one file may inflate to (a guard against decompression bombs).", valueName: "bytes"))
    var maxFileBytes: Int64 = 4 << 30

    @Option(name: .long, help: ArgumentHelp("Seconds of work gathered per database commit; a run killed midway redoes at most this much on its next run. 0 commits every batch of 20000 events (slower on big inputs).", valueName: "seconds"))
    var commitSeconds: Double = 0.25

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for another replay run ingesting into the same database before giving up (exit 1, nothing changed).", valueName: "seconds"))
    var wait: Int = 300

    func validate() throws {
        if wait < 0 { throw ValidationError("--wait must be 0 or more seconds.") }
        if inputs.isEmpty { throw ValidationError("Give at least one export file or folder to read.") }
        if maxLineBytes < 1024 { throw ValidationError("--max-line-bytes must be at least 1024.") }
        if maxFileBytes < 1 << 20 { throw ValidationError("--max-file-bytes must be at least 1 MiB.") }
        if !(commitSeconds >= 0 && commitSeconds <= 3600) { throw ValidationError("--commit-seconds must be between 0 and 3600.") }
    }

    var ingestOptions: IngestOptions {
        var options = IngestOptions()
        options.logGroup = logGroup
        options.maxLineBytes = maxLineBytes
        options.maxFileBytes = maxFileBytes
        options.commitSeconds = commitSeconds
        return options
    }
}

/// `--from T --to T`: the window to analyse.
struct WindowOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Start of the window, ISO-8601 UTC (2026-03-22T04:34:00Z or 2026-03-22).", valueName: "time"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("End of the window, ISO-8601 UTC.", valueName: "time"))
    var to: String?

    func validate() throws {
        if let from, Timestamp(iso8601: from) == nil { throw ValidationError("--from '\(from)' is not an ISO-8601 UTC time such as 2026-03-22T04:34:00Z or 2026-03-22.") }
        if let to, Timestamp(iso8601: to) == nil { throw ValidationError("--to '\(to)' is not an ISO-8601 UTC time such as 2026-03-23T00:00:00Z or 2026-03-23.") }
        if let a = from.flatMap(Timestamp.init(iso8601:)), let b = to.flatMap(Timestamp.init(iso8601:)), b <= a {
            throw ValidationError("--to must be after --from.")
        }
    }

    var start: Timestamp? { from.flatMap(Timestamp.init(iso8601:)) }
    var end: Timestamp? { to.flatMap(Timestamp.init(iso8601:)) }
}
