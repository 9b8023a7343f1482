import ArgumentParser
import Replay

/// `replay analyze INPUT...`: the main job in one go.
struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Ingest, rebuild the timeline, classify every crash and write the postmortem (and --json).",
        discussion: "Example: replay analyze samples/logs --json reports/incidents.json\n\nThe database (--db, default .replay/replay.sqlite) keeps what was ingested, so a later `replay report` or `replay explain C3` needs no re-reading.")

    @OptionGroup var input: InputOptions
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var window: WindowOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let (summary, db) = try IngestRun.runKeepingDatabase(input: input, databasePath: database.db)
        print(IngestRun.describe(summary))
        if summary.files + summary.filesUnchanged == 0 { throw ExitCode.failure }
        // The postmortem of these inputs: without --from/--to, the span of their events, even when the
        // database also holds other exports (an earlier incident, another service's night).
        try AnalysisRun.run(database: db, output: output, from: window.start ?? summary.firstEventAt,
                            to: window.end ?? summary.lastEventAt, input: summary)
    }
}
