/// Turns the events one thread reads from one file into batches for the writer.
///
/// A file's reader and a thread helping it with a `RecordChunk` each fill their own, so
/// what an event becomes (a routine line counted, or a `ParsedEvent` to store) is decided
/// in one place whoever parsed it.
final class BatchBuilder {
    let fileIndex: Int
    /// Lines a killed run already committed: their events are not added again.
    let skipThroughLine: Int
    private let displayPath: String
    private let reserve: Int
    private(set) var batch: EventBatch
    private var names = NameIndex()
    /// Problems since the last batch was taken; the file's reader edits them at the end of a file.
    var problems: [InputProblem] = []
    /// A file of garbage would otherwise hold one problem per line in memory (150 B each):
    /// the first `IngestOptions.listedProblemsPerFile` line problems are kept whole, the rest
    /// only counted (and the writer holds the whole file to the same limit).
    private var listed = 0
    private var unlisted: [InputProblem.Kind: Int] = [:]

    /// `reserve`: routine lines to make room for in each batch.
    init(fileIndex: Int, displayPath: String, skipThroughLine: Int, reserve: Int) {
        self.fileIndex = fileIndex
        self.displayPath = displayPath
        self.skipThroughLine = skipThroughLine
        self.reserve = reserve
        batch = EventBatch(fileIndex: fileIndex)
        batch.routineLines.reserveCapacity(reserve)
    }

    /// Events added since the last batch was taken.
    var eventCount: Int { batch.eventCount }

    /// Adds one event a shape reader found (`ShapeDetector`'s `emit`).
    func add(_ view: EventView) {
        if view.line <= skipThroughLine { return }
        let content = view.readContent()  // with this thread's memory of the previous message's keys
        if case .routine = content {
            // Counted, never stored: no String is built for it, and its key is the faster one.
            let name = names.index(of: view, in: &batch)
            batch.appendRoutine(key: view.routineKey, millis: view.timestampMillis, name: name)
            return
        }
        let key = view.contentKey  // StableHash.eventKey, the stream's part kept while it repeats
        batch.append(ParsedEvent(key: key, eventId: view.eventId, logGroup: view.logGroup, logStream: view.logStream,
                                 millis: view.timestampMillis, line: view.line,
                                 message: String(decoding: view.message, as: UTF8.self), content: content))
    }

    /// Notes a problem with the input; `line` 0 is the file as a whole.
    func report(_ kind: InputProblem.Kind, _ line: Int, _ detail: String) {
        if line > 0 {
            guard listed < IngestOptions.listedProblemsPerFile else { unlisted[kind, default: 0] += 1; return }
            listed += 1
        }
        problems.append(InputProblem(file: displayPath, line: line, kind: kind, detail: detail))
    }

    /// The batch so far, ready to send: its problems attached and its routine lines settled
    /// against the run's keys. The next batch starts empty.
    func take(linesDone: Int, sequence: Int, keys: RoutineKeySet) -> EventBatch {
        var done = batch
        done.linesDone = linesDone
        done.sequence = sequence
        done.problems = problems
        done.unlistedProblems = unlisted
        problems.removeAll()
        unlisted.removeAll()
        done.settleRoutine(against: keys)
        batch = EventBatch(fileIndex: fileIndex)
        batch.routineLines.reserveCapacity(reserve)
        names.reset()
        return done
    }
}
