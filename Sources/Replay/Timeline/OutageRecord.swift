/// A span with no healthy task.
public struct OutageRecord: Sendable, Equatable {
    public var id: String
    public var start: Timestamp
    /// Nil when still open at the end of the window.
    public var end: Timestamp?
    public var crashIds: [String]
    /// What showed it start and end, in words (`task 4b1f... UNHEALTHY`, `/health probe failed`).
    public var startedBy: String
    public var endedBy: String?
}
