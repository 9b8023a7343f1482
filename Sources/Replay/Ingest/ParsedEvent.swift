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

/// A run of events from one file, sent from a reader thread to the writer.
///
/// A batch ends on a record boundary, so `linesDone` is a safe resume point:
/// every event of lines up to it is in this batch or an earlier one.
struct EventBatch: Sendable {
    var fileIndex: Int
    var events: [ParsedEvent] = []
    var problems: [InputProblem] = []
    /// Lines of the file fully covered by this and earlier batches.
    var linesDone: Int = 0
    /// True for a file's last batch: the writer marks the file complete with it.
    var isLast = false
    var shapeCounts: [String: Int] = [:]
    var decodedBytes: Int64 = 0
    var rawBytes: Int64 = 0
}
