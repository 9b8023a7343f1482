/// An event read from a file that is to be stored, owned, ready for dedup and storage.
///
/// Routine application lines never become one: they travel as `RoutineEntry`s (`EventBatch`).
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
}
