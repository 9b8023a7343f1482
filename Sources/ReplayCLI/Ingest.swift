import ArgumentParser
import Foundation
import Replay

/// `replay ingest INPUT... [--db PATH]`: read exports into the database.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read exported logs into the database; running it again on the same or overlapping files adds nothing.",
        discussion: "Reads the four CloudWatch export shapes (JSON lines, subscription/Firehose records, filter-log-events documents, S3 export text), gzipped or not. Every bad line is reported as FILE:LINE: KIND (detail) and skipped; everything around it is kept. Prints files, new events, duplicates and rejected lines by kind.")

    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let summary = try IngestRun.run(input: input, databasePath: database.db)
        print(IngestRun.describe(summary))
        if summary.files + summary.filesUnchanged == 0 {
            throw ExitCode.failure
        }
    }
}

/// The ingest step shared by `ingest` and `analyze`.
enum IngestRun {
    static func run(input: InputOptions, databasePath: String) throws -> IngestSummary {
        try runKeepingDatabase(input: input, databasePath: databasePath).summary
    }

    /// The ingest, and its database still open: `analyze` goes on with it rather than opening
    /// the file again, while the end of the load's last checkpoint runs beside its analysis
    /// (`ReplayDatabase.checkpointInBackground`). The ingest's lock is released on return.
    ///
    /// `whenEventsCommitted`: see `Ingestor.whenEventsCommitted`.
    static func runKeepingDatabase(input: InputOptions, databasePath: String,
                                   whenEventsCommitted: ((Timestamp?, Timestamp?) -> Void)? = nil)
        throws -> (summary: IngestSummary, database: ReplayDatabase) {
        // One ingest per database at a time, taken before the database is opened: an overlapping
        // cron run waits here (bounded by --wait), then gives up with a message naming the holder.
        let folder = (databasePath as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let lock: DatabaseLock
        let database: ReplayDatabase
        do {
            lock = try DatabaseLock(databasePath: databasePath, purpose: "ingesting", waitSeconds: TimeInterval(input.wait))
            database = try ReplayDatabase(path: databasePath, heldLock: lock)
        } catch {
            throw CommandFailure("\(error)")
        }
        defer { lock.release() }
        let progress = TerminalProgress()
        let summary: IngestSummary
        do {
            let ingestor = Ingestor(database: database, options: input.ingestOptions, progress: progress)
            ingestor.whenEventsCommitted = whenEventsCommitted
            summary = try ingestor.ingest(input.inputs)
        } catch {
            progress.finish()
            throw CommandFailure("\(error)")
        }
        progress.finish()
        Terminal.report(summary)
        if summary.files + summary.filesUnchanged == 0 {
            Terminal.error("replay: nothing readable in \(input.inputs.joined(separator: " "))")
        }
        return (summary, database)
    }

    static func describe(_ s: IngestSummary) -> String {
        var lines = [
            "files: \(s.files) read" + (s.filesUnchanged > 0 ? ", \(s.filesUnchanged) unchanged (already ingested)" : ""),
            "events: \(Format.count(s.events)) new, \(Format.count(s.duplicates)) duplicates",
            "rejected lines: \(s.rejectedLines)",
        ]
        let kinds = s.problemsByKind
        if !kinds.isEmpty {
            lines.append("problems: " + kinds.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", "))
        }
        if s.files > 0 {
            let mb = Double(s.decodedBytes) / 1_048_576
            lines.append(String(format: "read %.1f MB in %.2f s (%.0f MB/s)", mb, s.seconds, s.seconds > 0 ? mb / s.seconds : 0))
        }
        return lines.joined(separator: "\n")
    }
}

/// A failure already explained on stderr; exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
