/// What one ingest run did, for the terminal and for the incidents JSON's `input`.
public struct IngestSummary: Sendable {
    /// Files read in this run (files already ingested whole are counted in `filesUnchanged`).
    public var files = 0
    /// Files skipped because their content was already ingested completely.
    public var filesUnchanged = 0
    /// Distinct events new to the database, stored whole or only counted.
    public var events = 0
    /// Events seen again (in this run or already stored) and dropped.
    public var duplicates = 0
    /// Lines or records reported and skipped.
    public var rejectedLines: Int { problems.filter { $0.line > 0 }.count + unlistedProblems.values.reduce(0, +) }
    /// The problems met, in file order (per file, the first `IngestOptions.listedProblemsPerFile` line problems).
    public var problems: [InputProblem] = []
    /// Line problems past the per-file listing limit, counted by kind.
    public var unlistedProblems: [InputProblem.Kind: Int] = [:]
    /// Every problem, listed or not.
    public var problemCount: Int { problems.count + unlistedProblems.values.reduce(0, +) }
    /// Records by export shape (`A`...`D`).
    public var shapes: [String: Int] = [:]
    /// The span of the events in this run's files (read now or already ingested): what `analyze` reports on.
    public var firstEventAt: Timestamp?
    public var lastEventAt: Timestamp?
    public var rawBytes: Int64 = 0
    public var decodedBytes: Int64 = 0
    public var seconds: Double = 0
    /// Records parsed by a reader thread for another thread's file (`RecordChunk`): how much the
    /// threads that ran out of files helped.
    public var helpedRecords = 0

    public init() {}

    /// Problems counted by kind, in the order of `InputProblem.Kind`.
    public var problemsByKind: [(InputProblem.Kind, Int)] {
        InputProblem.Kind.allCases.compactMap { kind in
            let n = problems.filter { $0.kind == kind }.count + (unlistedProblems[kind] ?? 0)
            return n > 0 ? (kind, n) : nil
        }
    }

    /// The contract's `input` object.
    public var incidentsInput: IncidentsDocument.InputSummary {
        IncidentsDocument.InputSummary(files: files + filesUnchanged, events: events, duplicates: duplicates, rejectedLines: rejectedLines)
    }
}

/// Progress of a long ingest, reported to whoever shows it (the CLI draws a line on a terminal).
public protocol IngestProgress: AnyObject, Sendable {
    func ingest(filesDone: Int, of files: Int, bytesDone: Int64, of bytes: Int64, events: Int)
}
