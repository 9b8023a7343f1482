/// A routine line waiting for its batch to be settled (`EventBatch.settleRoutine`): 24 bytes, no Strings.
///
/// Nineteen lines in twenty are routine and only need their dedup key, time and
/// stream; a full `ParsedEvent` (several Strings, a large enum) per routine line
/// was most of the memory traffic between the threads.
struct RoutineEntry: Sendable {
    var key: Int64
    var millis: Int64
    /// Index into `EventBatch.names`; -1 when the event names no stream.
    var name: Int32
}

/// What the new routine lines of one batch say about one stream.
struct RoutineActivity: Sendable {
    var first: Int64
    var last: Int64
    var lines: Int
}

/// A log stream and group as a routine line named them.
struct StreamName: Hashable, Sendable {
    var stream: String
    var group: String?
}

/// A run of events from one file, sent from a reader thread to the writer.
///
/// A batch ends on a record boundary, so `linesDone` is a safe resume point:
/// every event of lines up to it is in this batch or an earlier one.
///
/// Routine lines reach the writer already settled: deduplicated against the run's
/// `RoutineKeySet` and summed per stream by the reader thread, so the single writer
/// does work per stored event and per stream, never per routine line.
struct EventBatch: Sendable {
    var fileIndex: Int
    /// Its place among its file's batches, from 0: the writer stores them in this order (`BatchSequencer`).
    var sequence = 0
    /// Records parsed by a thread helping the file's reader (a `RecordChunk`'s); 0 for the reader's own batches.
    var helpedRecords = 0
    /// The events that are stored (everything but routine lines), in file order.
    var kept: [ParsedEvent] = []
    /// Routine lines not yet settled; empty once the batch is sent.
    var routineLines: [RoutineEntry] = []
    /// The streams routine lines of this batch name, each once.
    var names: [StreamName] = []
    /// Per entry of `names`: its new routine lines (set by `settleRoutine`).
    var routineActivity: [RoutineActivity] = []
    /// Routine lines seen for the first time in this run, and repeats.
    var routineFresh = 0
    var routineDuplicates = 0
    /// The earliest and latest time of every event of the batch, new or repeated.
    var firstMillis: Int64?
    var lastMillis: Int64?
    var problems: [InputProblem] = []
    /// Line problems past the per-file listing limit: counted by kind, not kept.
    var unlistedProblems: [InputProblem.Kind: Int] = [:]
    /// Lines of the file fully covered by this and earlier batches.
    var linesDone: Int = 0
    /// True for a file's last batch: the writer marks the file complete with it.
    var isLast = false
    var shapeCounts: [String: Int] = [:]
    var decodedBytes: Int64 = 0
    var rawBytes: Int64 = 0

    init(fileIndex: Int) { self.fileIndex = fileIndex }

    /// Events added so far (kept and routine, before settling).
    var eventCount: Int { kept.count + routineLines.count }

    /// Adds a stored event.
    /// `consuming`: the event moves into the batch (a copy retained and released its dozen strings).
    mutating func append(_ event: consuming ParsedEvent) {
        noteTime(event.millis)
        kept.append(event)
    }

    /// Adds a routine line; `name` from `NameIndex.index`.
    mutating func appendRoutine(key: Int64, millis: Int64, name: Int32) {
        noteTime(millis)
        routineLines.append(RoutineEntry(key: key, millis: millis, name: name))
    }

    @inline(__always) private mutating func noteTime(_ millis: Int64) {
        if let first = firstMillis {
            if millis < first { firstMillis = millis }
            if millis > lastMillis! { lastMillis = millis }
        } else {
            firstMillis = millis
            lastMillis = millis
        }
    }

    /// Drops this batch's routine lines that `keys` already holds and sums the rest per stream.
    mutating func settleRoutine(against keys: RoutineKeySet) {
        let count = routineLines.count
        guard count > 0 else { return }
        var activity = [RoutineActivity](repeating: RoutineActivity(first: .max, last: .min, lines: 0), count: names.count)
        var fresh = [Bool](repeating: false, count: count)
        // The key set's windows are per stream: any hash of the name does, within the run.
        let streams = names.map { UInt64(bitPattern: Int64($0.stream.hashValue)) }
        routineLines.withUnsafeBufferPointer { lines in
            streams.withUnsafeBufferPointer { streams in
                fresh.withUnsafeMutableBufferPointer { keys.insert(lines, streams: streams, fresh: $0) }
            }
        }
        var freshCount = 0
        for i in 0..<count where fresh[i] {
            freshCount += 1
            let line = routineLines[i]
            guard line.name >= 0 else { continue }
            let n = Int(line.name)
            activity[n].first = min(activity[n].first, line.millis)
            activity[n].last = max(activity[n].last, line.millis)
            activity[n].lines += 1
        }
        routineFresh += freshCount
        routineDuplicates += count - freshCount
        routineActivity = activity
        routineLines = []
    }
}
