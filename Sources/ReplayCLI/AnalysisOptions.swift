import Analytics
import ArgumentParser
import Foundation
import Replay

/// Where the postmortem and the JSON go, and which configuration to use: shared by `analyze` and `report`.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder for the postmortem when --report is not given.", valueName: "dir"))
    var out: String = "reports"

    @Option(name: .long, help: ArgumentHelp("Write the Markdown postmortem to this file (default: DIR/postmortem-<first day>.md).", valueName: "file"))
    var report: String?

    @Option(name: .long, help: ArgumentHelp("Also write the incidents JSON (schema replay.incidents/1) to this file.", valueName: "file"))
    var json: String?

    @Option(name: .long, help: ArgumentHelp("A JSON configuration: thresholds, word lists, extra cause rules (see docs/configuration.md).", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("A Mustache template to use instead of the bundled postmortem template.", valueName: "file"))
    var template: String?

    @Option(name: .long, help: ArgumentHelp("Exit with status 2 when this holds at the end: 'rollback' (the rollback trigger was met) or 'exposure' (an exposure is still open). Repeatable.", valueName: "condition"))
    var failOn: [FailCondition] = []

    func validate() throws {
        if let template, !FileManager.default.fileExists(atPath: template) {
            throw ValidationError("--template '\(template)' does not exist.")
        }
        if let config, !FileManager.default.fileExists(atPath: config) {
            throw ValidationError("--config '\(config)' does not exist.")
        }
    }
}

enum FailCondition: String, ExpressibleByArgument, CaseIterable {
    case rollback, exposure
}

/// Analysis and writing, shared by `analyze` and `report`.
///
/// Work that does not need the rest runs on a second core beside it (`ConcurrentWork`):
/// the configuration (rules read and proven on their samples), the template and the
/// previous report load while the timeline's rows are read; the verdicts are stored and
/// the JSON encoded while the report renders. Each result is taken, and each error
/// thrown, where the single-threaded run computed it: the same output, the same first error.
enum AnalysisRun {
    static func run(database: ReplayDatabase, output: OutputOptions, from: Timestamp?, to: Timestamp?,
                    input: IngestSummary?, preloaded: PreloadedSource? = nil) throws {
        // The preload's (same `--config`), when it started one: loaded once.
        let configurationWork = preloaded?.configuration ?? ConcurrentWork { try ReplayConfiguration.load(output.config) }
        let templateWork = ConcurrentWork { try ReportTemplate.load(from: output.template.map { URL(fileURLWithPath: $0) }) }
        let previousWork = ConcurrentWork { PreviousReport.load(database: database) }
        func configuration() throws -> ReplayConfiguration {
            do { return try configurationWork.value() } catch { throw CommandFailure("\(error)") }
        }
        let now = Timestamp(millis: Int64(Date().timeIntervalSince1970 * 1000))
        let analysis: IncidentAnalysis
        do {
            let source: TimelineSource
            let loaded = preloaded?.loaded(from: from, to: to)
            do {
                source = try loaded?.source ?? IncidentAnalysis.loadSource(from: database, from: from, to: to)
            } catch {
                _ = try configuration()  // a bad configuration is reported first, as when it was loaded first
                throw error
            }
            let configuration = try configuration()
            analysis = try IncidentAnalysis.analyse(source, timeline: loaded?.timeline, database: database,
                                                    configuration: configuration, from: from, to: to, input: input, generatedAt: now)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        let document = analysis.document
        let storing = ConcurrentWork { try analysis.store(in: database, at: now) }
        func stored() throws {
            do { try storing.value() } catch { throw CommandFailure("\(error)") }
        }
        guard document.window != nil else {
            try stored()
            throw CommandFailure("no events in the database\(from != nil || to != nil ? " for that window" : ""); nothing to report")
        }
        // One encoding serves both the --json file and the previous-report file: the same bytes.
        let encoding = ConcurrentWork { try IncidentsJSON.encode(document) }
        let rendering = Result {
            let report = try PostmortemReport(document: document, settings: try configuration().report,
                                              previous: try previousWork.value(), loadTemplate: { try templateWork.value() })
            return (markdown: try report.markdown(), fileName: report.suggestedFileName)
        }
        try stored()
        do {
            let (markdown, fileName) = try rendering.get()
            let path = output.report ?? (output.out as NSString).appendingPathComponent(fileName)
            try write(markdown, to: path)
            print("report: \(path)")
            if let json = output.json {
                try write(String(decoding: try encoding.value(), as: UTF8.self), to: json)
                print("json: \(json)")
            }
            PreviousReport.save(try? encoding.value(), database: database)
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("\(error)")
        }
        print(Summary.line(document))
        try FailOn.check(output.failOn, document: document)
    }

    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // Write to a temporary file and rename: a reader never sees half a report.
            try Data(text.utf8).write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("cannot write \(path): \(error.localizedDescription)")
        }
    }
}

/// The one-line summary printed after a run.
enum Summary {
    static func line(_ d: IncidentsDocument) -> String {
        guard let m = d.metrics else { return "" }
        var parts = ["crashes: \(m.crashes)", "outages: \(m.outages) (\(Duration.text(m.downtimeSeconds)) down)",
                     "exposures: \(m.exposures) (\(Duration.text(m.exposureSeconds)))"]
        if let met = m.rollbackTrigger.metAt { parts.append("rollback trigger met at \(met.iso8601)") }
        return parts.joined(separator: ", ")
    }
}

enum Duration {
    static func text(_ seconds: Int64) -> String {
        let h = seconds / 3600, m = (seconds % 3600) / 60, s = seconds % 60
        if h > 0 { return "\(h)h \(m < 10 ? "0" : "")\(m)m" }
        if m > 0 { return "\(m)m \(s < 10 ? "0" : "")\(s)s" }
        return "\(s)s"
    }
}

/// `--fail-on rollback|exposure`: exit status 2 so cron can alert.
enum FailOn {
    static func check(_ conditions: [FailCondition], document: IncidentsDocument) throws {
        var met: [String] = []
        for condition in conditions {
            switch condition {
            case .rollback:
                if let at = document.metrics?.rollbackTrigger.metAt { met.append("the rollback trigger was met at \(at.iso8601)") }
            case .exposure:
                if let open = document.exposures.last(where: { $0.end == nil }) {
                    met.append("exposure \(open.id ?? "") is still open (since \(open.start.iso8601))")
                }
            }
        }
        if !met.isEmpty {
            Terminal.error("replay: --fail-on: " + met.joined(separator: "; "))
            throw ExitCode(2)
        }
    }
}

/// The encoder for the incidents JSON: pretty, stable, slashes unescaped.
enum IncidentsJSON {
    static func encode(_ document: IncidentsDocument) throws -> Data {
        try document.encodedJSON()
    }
}

/// The previous report's document, kept in the database folder for "what's new since the last report".
enum PreviousReport {
    /// `<database>.last-report.json`, beside the database it describes.
    static func path(_ database: ReplayDatabase) -> URL {
        URL(fileURLWithPath: database.path + ".last-report.json")
    }

    static func load(database: ReplayDatabase) -> IncidentsDocument? {
        guard let data = try? Data(contentsOf: path(database)) else { return nil }
        return try? JSONDecoder().decode(IncidentsDocument.self, from: data)
    }

    /// Writes the document as `IncidentsJSON` encoded it; nothing when it could not be encoded.
    static func save(_ encoded: Data?, database: ReplayDatabase) {
        if let encoded { try? encoded.write(to: path(database), options: .atomic) }
    }
}
