/// An event read from a file that is to be stored, owned, ready for dedup and storage.
///
/// Routine application lines never become one: they travel as `RoutineEntry`s (`EventBatch`).
/// Everything about the row that does not depend on the database (its summary columns) is
/// made here, on the reader thread that read the line.
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
    var summary: EventSummary

    init(key: Int64, eventId: String?, logGroup: String?, logStream: String?, millis: Int64, line: Int, message: String,
         content: MessageReader.Content) {
        self.key = key
        self.eventId = eventId
        self.logGroup = logGroup
        self.logStream = logStream
        self.millis = millis
        self.line = line
        self.message = message
        self.content = content
        summary = EventSummary(content, millis: millis)
    }
}
