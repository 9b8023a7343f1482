/// An event read from a file, owned, ready for dedup and storage.
///
/// Routine application lines carry only what dedup and stream activity need
/// (`message` empty, `content` `.routine`); everything else carries its text.
struct ParsedEvent: Sendable {
    var key: Int64
    var eventId: String?
    var logGroup: String?
    var logStream: String?
    var millis: Int64
    var line: Int
    /// The raw message as the program wrote it (empty for routine lines).
    var message: String
    var content: MessageReader.Content

    var isRoutine: Bool { if case .routine = content { return true }; return false }
}

/// One event of a batch, in file order: 24 bytes, no Strings.
///
/// Nineteen lines in twenty are routine and only need their dedup key, time and
/// stream; a full `ParsedEvent` (several Strings, a large enum) per routine line
/// was most of the memory traffic between the threads. `kept` is the index of the
/// full event in `EventBatch.kept`, or -1 for a routine line.
struct BatchEntry: Sendable {
    var key: Int64
    var millis: Int64
    /// Index into `EventBatch.names` (routine lines; -1 when the event names no stream).
    var name: Int32
    var kept: Int32
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
struct EventBatch: Sendable {
    var fileIndex: Int
    /// Every event, in file order.
    var entries: [BatchEntry] = []
    /// The events that are stored (everything but routine lines).
    var kept: [ParsedEvent] = []
    /// The streams routine lines of this batch name, each once.
    var names: [StreamName] = []
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

    /// Adds a stored event.
    mutating func append(_ event: ParsedEvent) {
        entries.append(BatchEntry(key: event.key, millis: event.millis, name: -1, kept: Int32(kept.count)))
        kept.append(event)
    }

    /// Adds a routine line; `name` from `NameIndex.index`.
    mutating func appendRoutine(key: Int64, millis: Int64, name: Int32) {
        entries.append(BatchEntry(key: key, millis: millis, name: name, kept: -1))
    }
}

/// Numbers the stream names of one batch's routine lines, on the reader thread.
///
/// Consecutive lines nearly always name the same stream (and the names come from
/// `NameCache`, so they are the same String): one comparison, no hashing, per line.
struct NameIndex {
    private var lastName: StreamName?
    private var lastIndex: Int32 = -1
    private var indexes: [StreamName: Int32] = [:]

    /// The index of `stream`/`group` in `batch.names`, adding it when new; -1 when there is no stream.
    mutating func index(stream: String?, group: String?, in batch: inout EventBatch) -> Int32 {
        guard let stream else { return -1 }
        if let last = lastName, last.stream == stream, last.group == group { return lastIndex }
        let name = StreamName(stream: stream, group: group)
        let index: Int32
        if let known = indexes[name] {
            index = known
        } else {
            index = Int32(batch.names.count)
            batch.names.append(name)
            indexes[name] = index
        }
        lastName = name
        lastIndex = index
        return index
    }

    /// Forgets every name: the next batch starts its own table.
    mutating func reset() {
        lastName = nil
        lastIndex = -1
        indexes.removeAll(keepingCapacity: true)
    }
}
