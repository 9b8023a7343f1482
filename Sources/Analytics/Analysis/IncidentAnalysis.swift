import Foundation
import GRDB
import Logging
import Replay

/// The whole analysis of what is in the database: timeline, causes, metrics, the incidents document.
///
/// Each crash's verdict is stored (table `crash_verdict`) so `replay explain`
/// prints exactly what this analysis decided, without recomputing.
public struct IncidentAnalysis {
    public let timeline: Timeline
    /// Verdicts by crash id.
    public let attributions: [String: Attribution]
    public let document: IncidentsDocument

    /// Loads, analyses and stores the verdicts: `analyse` then `store`.
    public static func run(database: ReplayDatabase, configuration: ReplayConfiguration, from: Timestamp? = nil,
                           to: Timestamp? = nil, input: IngestSummary? = nil, generatedAt: Timestamp,
                           logger: Logger = Logger(label: "replay.analysis")) throws -> IncidentAnalysis {
        let source = try loadSource(from: database, from: from, to: to)
        let analysis = try analyse(source, database: database, configuration: configuration, from: from, to: to,
                                   input: input, generatedAt: generatedAt, logger: logger)
        try analysis.store(in: database, at: generatedAt)
        return analysis
    }

    /// What the timeline is built from, with configuration lines redacted: the only part of the
    /// analysis that needs no configuration, so it can be read while the configuration loads.
    public static func loadSource(from database: ReplayDatabase, from: Timestamp? = nil,
                                  to: Timestamp? = nil) throws -> TimelineSource {
        let redactor = Redactor.standard
        return try TimelineSource.load(from: database, from: from, to: to, redactor: { redactor.redact($0) })
    }

    /// Timeline, causes and document from a loaded source, without storing anything.
    ///
    /// The crashes are taken in two halves at once, the later half read through a second,
    /// read-only connection: each half's signals are what `SignalCollector` reads for them
    /// and its verdicts what `CauseClassifier.classify` gives, as a verdict depends on its
    /// own crash only. Without a second connection (a database that is not a file) the later
    /// half reads through the same one, in turn.
    ///
    /// `timeline`: `timeline(of:settings:from:to:)` of this source, window and
    /// `configuration.timeline`, built ahead (`replay analyze` builds it beside the end of its
    /// ingest); nil builds it here.
    public static func analyse(_ source: TimelineSource, timeline prebuilt: Timeline? = nil, database: ReplayDatabase,
                               configuration: ReplayConfiguration, from: Timestamp? = nil, to: Timestamp? = nil,
                               input: IngestSummary? = nil, generatedAt: Timestamp,
                               logger: Logger = Logger(label: "replay.analysis")) throws -> IncidentAnalysis {
        let redactor = Redactor.standard
        let timeline = prebuilt ?? Self.timeline(of: source, settings: configuration.timeline, from: from, to: to)
        let classifier = CauseClassifier(rules: configuration.rules, redactor: redactor)
        let collector = SignalCollector(windowSeconds: configuration.causes.signalWindowSeconds)
        let middle = timeline.crashes.count / 2
        let laterHalf = ConcurrentWork { () throws -> [Attribution] in
            let reader = (try? ReplayDatabase(path: database.path, readOnly: true)) ?? database
            let signals = try collector.signals(for: Array(timeline.crashes[middle...]), timeline: timeline, database: reader)
            return classifier.classify(signals)
        }
        let firstSignals = try collector.signals(for: Array(timeline.crashes[..<middle]), timeline: timeline, database: database)
        let verdicts = classifier.classify(firstSignals) + (try laterHalf.value())
        var attributions: [String: Attribution] = [:]
        for (crash, attribution) in zip(timeline.crashes, verdicts) {
            attributions[crash.id] = attribution
        }
        logger.debug("analysed \(timeline.crashes.count) crashes")
        let document = IncidentsAssembler(settings: configuration.report, redactor: redactor)
            .document(timeline: timeline, attributions: attributions, input: input, generatedAt: generatedAt)
        return IncidentAnalysis(timeline: timeline, attributions: attributions, document: document)
    }

    /// The timeline `analyse` works from: deployments, tasks, crashes, outages, exposures. It reads
    /// nothing from the database, so it can be built before the database's indexes are.
    public static func timeline(of source: TimelineSource, settings: TimelineSettings, from: Timestamp? = nil,
                                to: Timestamp? = nil) -> Timeline {
        let redactor = Redactor.standard
        return TimelineBuilder(settings: settings, redactor: { redactor.redact($0) }).build(source, from: from, to: to)
    }

    /// Replaces the stored verdicts (table `crash_verdict`) with this analysis's.
    public func store(in database: ReplayDatabase, at: Timestamp) throws {
        try Self.store(document: document, attributions: attributions, timeline: timeline, in: database, at: at)
    }

    static func store(document: IncidentsDocument, attributions: [String: Attribution], timeline: Timeline,
                      in database: ReplayDatabase, at: Timestamp) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try database.queue.write { db in
            try db.execute(sql: "DELETE FROM crash_verdict")
            for crash in document.crashes {
                guard let attribution = attributions[crash.id] else { continue }
                try db.execute(sql: """
                    INSERT INTO crash_verdict (crash_id, task_id, at_ms, analysed_at, window_start_ms, window_end_ms, crash_json, attribution_json)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [crash.id, crash.task, crash.at.millis, at.iso8601, timeline.window?.start.millis,
                                     timeline.windowEnd?.millis, String(decoding: try encoder.encode(crash), as: UTF8.self),
                                     try VerdictJSON.encode(attribution)])
            }
        }
    }

    /// What the last analysis stored for one crash, for `replay explain`.
    public static func storedVerdict(_ crashId: String, in database: ReplayDatabase)
        throws -> (crash: IncidentsDocument.Crash, attribution: Attribution, analysedAt: String)? {
        try database.queue.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM crash_verdict WHERE crash_id = ? COLLATE NOCASE", arguments: [crashId]) else {
                return nil
            }
            let decoder = JSONDecoder()
            let crash = try decoder.decode(IncidentsDocument.Crash.self, from: Data((row["crash_json"] as String).utf8))
            let attribution = try decoder.decode(Attribution.self, from: Data((row["attribution_json"] as String).utf8))
            return (crash, attribution, row["analysed_at"])
        }
    }

    /// The crash ids the last analysis stored.
    public static func storedCrashIds(in database: ReplayDatabase) throws -> [String] {
        try database.queue.read { db in
            try String.fetchAll(db, sql: "SELECT crash_id FROM crash_verdict ORDER BY at_ms")
        }
    }
}
