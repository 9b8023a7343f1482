/// One log line quoted as evidence, located so a reader can find it in CloudWatch.
///
/// `text` is redacted before it is stored here: evidence goes to the JSON, the
/// report and the terminal unchanged.
public struct EvidenceLine: Codable, Equatable, Hashable, Sendable {
    public var at: Timestamp
    public var logGroup: String?
    public var logStream: String?
    public var text: String

    public init(at: Timestamp, logGroup: String?, logStream: String?, text: String) {
        self.at = at; self.logGroup = logGroup; self.logStream = logStream; self.text = text
    }
}
