import Analytics
import ArgumentParser
import Foundation
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
        // The timeline is read on a connection of its own and built as soon as every event is committed,
        // while the ingest builds its indexes (which the timeline does not need): `AnalysisRun` takes it
        // if the window turned out the same (the `--config` it was built with is the one load both use).
        let path = database.db
        let start = window.start, end = window.end
        let config = output.config
        let preload = PreloadedSource()
        let (summary, db) = try IngestRun.runKeepingDatabase(input: input, databasePath: database.db) { first, last in
            preload.start(path: path, configuration: config, from: start ?? first, to: end ?? last)
        }
        print(IngestRun.describe(summary))
        if summary.files + summary.filesUnchanged == 0 { throw ExitCode.failure }
        // The postmortem of these inputs: without --from/--to, the span of their events, even when the
        // database also holds other exports (an earlier incident, another service's night).
        try AnalysisRun.run(database: db, output: output, from: window.start ?? summary.firstEventAt,
                            to: window.end ?? summary.lastEventAt, input: summary, preloaded: preload)
    }
}

/// The timeline's rows read, and the timeline built, ahead: beside the end of an ingest
/// (`Ingestor.whenEventsCommitted`).
///
/// Building the deferred indexes keeps one core busy at the end of a load while the other has
/// nothing left to do; reading the timeline's rows and building it need none of those indexes,
/// so they run on that core then instead of after them (the crash signals, which need them, come
/// after). On the 1 GB benchmark the timeline took 22-30 ms of the time after the index build.
final class PreloadedSource: @unchecked Sendable {
    /// What was read and built for one window.
    struct Loaded {
        var source: TimelineSource
        /// Built with the timeline settings of `configuration`, the load the analysis takes too;
        /// nil when that load failed (the analysis then reports it itself).
        var timeline: Timeline?
    }

    private let lock = NSLock()
    private var loading: (from: Timestamp?, to: Timestamp?, work: ConcurrentWork<Loaded>)?
    private var configurationLoading: ConcurrentWork<ReplayConfiguration>?

    /// The `--config` file being loaded (rules read and proven on their samples) since `start`, for
    /// the analysis to take rather than load it again; nil before `start`.
    var configuration: ConcurrentWork<ReplayConfiguration>? { lock.withLock { configurationLoading } }

    /// `configuration`: the `--config` file, for the timeline's settings (and the analysis's).
    func start(path: String, configuration: String?, from: Timestamp?, to: Timestamp?) {
        let configurationWork = ConcurrentWork { try ReplayConfiguration.load(configuration) }
        lock.withLock { configurationLoading = configurationWork }
        let work = ConcurrentWork { () throws -> Loaded in
            let source = try IncidentAnalysis.loadSource(from: try ReplayDatabase(path: path, readOnly: true), from: from, to: to)
            let settings = (try? configurationWork.value())?.timeline
            return Loaded(source: source, timeline: settings.map { IncidentAnalysis.timeline(of: source, settings: $0, from: from, to: to) })
        }
        lock.withLock { loading = (from, to, work) }
    }

    /// What was read ahead for exactly this window; nil when none was, or reading it failed
    /// (the caller then reads it itself, and meets any error where it always did).
    func loaded(from: Timestamp?, to: Timestamp?) -> Loaded? {
        guard let loading = lock.withLock({ loading }), loading.from == from, loading.to == to else { return nil }
        return try? loading.work.value()
    }
}
