/// A span in which something production must not serve was reachable.
public struct ExposureRecord: Sendable, Equatable {
    public var id: String
    public var start: Timestamp
    public var end: Timestamp?
    public var kind: ExposureKind
    public var taskIds: [String]
    public var evidence: [EvidenceLine]
}
